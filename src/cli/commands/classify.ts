import type { Command } from 'commander';
import { z } from 'zod';
import { classifyReport, identifyLanguage } from '../../analyze/index.js';
import { SourceRole } from '../../model/index.js';
import { EXIT } from '../errors.js';
import { describeIssues, openJsonLines, readJsonLines, writeWithBackPressure } from '../json-lines.js';

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
      const { input, name } = await openJsonLines(file, '-');
      const bad = await classifyLines(input, name);
      if (bad > 0) {
        process.stderr.write(`corroborate classify: ${bad} ${bad === 1 ? 'line was' : 'lines were'} not classified (see above)\n`);
        process.exitCode = EXIT.findings;
      }
    });
}

/** Classifies every line in order; returns how many lines were bad (each named on stderr). */
export async function classifyLines(input: NodeJS.ReadableStream, name: string): Promise<number> {
  let bad = 0;
  for await (const entry of readJsonLines(input)) {
    const problem = (message: string): void => {
      bad++;
      process.stderr.write(`${name}:${entry.line}: ${message}  classify/bad-line\n`);
    };
    if ('notJson' in entry) {
      problem(`not JSON: ${entry.notJson}`);
      continue;
    }
    const parsed = ClassifyInput.safeParse(entry.value);
    if (!parsed.success) {
      problem(describeIssues(parsed.error.issues));
      continue;
    }
    await writeWithBackPressure(process.stdout, `${JSON.stringify(classifyLine(parsed.data))}\n`);
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
