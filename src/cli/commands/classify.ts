import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { classifyReport, identifyLanguage } from '../../analyze/index.js';
import { SourceRole } from '../../model/index.js';
import { CliError, EXIT } from '../errors.js';

/** One input line; other fields are ignored. `channel`, `channelType`, `author` and `sourceRole` are optional context. */
export const ClassifyInput = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  time: z.string().nullable().optional(),
  lang: z.string().nullable().optional(),
  channel: z.string().nullable().optional(),
  channelType: z.string().nullable().optional(),
  author: z.string().nullable().optional(),
  sourceRole: SourceRole.optional(),
});
export type ClassifyInput = z.infer<typeof ClassifyInput>;

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('event type, negation, source role, attribution, relatedness and urgency of each JSON line {"id","text"}')
    .argument('[file]', 'a JSON Lines file; stdin when absent or -')
    .action(async (file: string | undefined) => {
      const bad = await classifyLines(await openInput(file), file ?? '-');
      if (bad > 0) {
        process.stderr.write(`corroborate classify: ${bad} ${bad === 1 ? 'line was' : 'lines were'} not classified (see above)\n`);
        process.exitCode = EXIT.findings;
      }
    });
}

async function openInput(file: string | undefined): Promise<NodeJS.ReadableStream> {
  if (file === undefined || file === '-') return process.stdin;
  const path = resolve(file);
  const info = await stat(path).catch(() => null);
  if (info?.isFile() !== true) throw new CliError(`no such file: ${file}`);
  return createReadStream(path);
}

/** Classifies every line in order; returns how many lines were bad (each named on stderr). */
export async function classifyLines(input: NodeJS.ReadableStream, name: string): Promise<number> {
  let lineNumber = 0;
  let bad = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const problem = (message: string): void => {
      bad++;
      process.stderr.write(`${name}:${lineNumber}: ${message}  classify/bad-line\n`);
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problem(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const parsed = ClassifyInput.safeParse(value);
    if (!parsed.success) {
      problem(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; '));
      continue;
    }
    const out = classifyLine(parsed.data);
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) await new Promise((done) => process.stdout.once('drain', done));
  }
  return bad;
}

export function classifyLine(input: ClassifyInput): Record<string, unknown> {
  const text = input.text.normalize('NFKC');
  const lang = input.lang ?? identifyLanguage(text).language;
  const c = classifyReport(text, {
    channelName: input.channel ?? null,
    channelType: input.channelType ?? null,
    author: input.author ?? null,
    ...(input.sourceRole === undefined ? {} : { source: { role: input.sourceRole } }),
  });
  return {
    id: input.id,
    lang,
    eventType: c.eventType,
    sourceRole: c.sourceRole,
    attributedTo: c.attributedTo,
    related: c.related,
    urgency: c.urgency,
    negated: c.negated,
    hedged: c.hedged,
    attributedRole: c.attributedRole,
    cues: c.cues,
  };
}
