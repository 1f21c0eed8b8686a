import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { ProvenanceIndex, type ProvenanceEntry } from '../../analyze/index.js';
import { IsoInstant } from '../../model/index.js';
import { EXIT } from '../errors.js';
import { describeIssues, openJsonLines, readJsonLines, writeWithBackPressure } from '../json-lines.js';

/** One input line; other fields are ignored, so `corroborate parse` output can be fed in as it is. */
const DedupLine = z.object({
  id: z.string().min(1),
  text: z.string(),
  time: IsoInstant.nullable().optional(),
  externalId: z.string().nullable().optional(),
  channel: z.string().nullable().optional(),
  channelName: z.string().nullable().optional(),
  /** The original's id (a repost), or `{ kind, item?, channel? }`. */
  forwardOf: z
    .union([
      z.string().min(1),
      z.object({ kind: z.enum(['forward', 'repost', 'quote']).default('forward'), item: z.string().nullable().optional(), channel: z.string().nullable().optional() }),
    ])
    .nullable()
    .optional(),
  mediaHashes: z.array(z.string().regex(/^[0-9a-fA-F]{16}$/, 'a 64-bit perceptual hash as 16 hex digits')).optional(),
});

/**
 * Reads every line (families need the whole set; only signatures are kept per item), then
 * writes one `{"id","family","root","parent","link"}` per good input line, in input order.
 * Returns how many lines were bad.
 */
export async function runDedup(input: Readable, output: Writable, errors: Writable, name: string): Promise<number> {
  const index = new ProvenanceIndex();
  const ids: string[] = [];
  const lineOf = new Map<string, number>();
  let bad = 0;
  let lineNumber = 0;
  const complain = (message: string): void => {
    bad++;
    errors.write(`${name}:${lineNumber}: ${message}; line skipped\n`);
  };
  for await (const line of readJsonLines(input)) {
    lineNumber = line.line;
    if ('notJson' in line) {
      complain('not JSON');
      continue;
    }
    const parsed = DedupLine.safeParse(line.value);
    if (!parsed.success) {
      complain(describeIssues(parsed.error.issues));
      continue;
    }
    const record = parsed.data;
    const first = lineOf.get(record.id);
    if (first !== undefined) {
      complain(`id "${record.id}" was already on line ${first}`);
      continue;
    }
    const forwardOf = record.forwardOf;
    const entry: ProvenanceEntry = {
      id: record.id,
      text: record.text,
      time: record.time ?? null,
      externalId: record.externalId ?? null,
      channel: record.channel ?? null,
      channelName: record.channelName ?? null,
      forwardOf:
        forwardOf === undefined || forwardOf === null
          ? null
          : typeof forwardOf === 'string'
            ? { kind: 'repost', item: forwardOf }
            : { kind: forwardOf.kind, item: forwardOf.item ?? null, channel: forwardOf.channel ?? null },
      mediaHashes: record.mediaHashes ?? [],
    };
    try {
      index.add(entry);
    } catch (error) {
      complain(error instanceof Error ? error.message : String(error));
      continue;
    }
    lineOf.set(record.id, lineNumber);
    ids.push(record.id);
  }
  const families = index.families();
  for (const id of ids) {
    const membership = families.get(id);
    if (membership === undefined) continue;
    const text = `${JSON.stringify({ id, family: membership.family, root: membership.root, parent: membership.parent, link: membership.link })}\n`;
    await writeWithBackPressure(output, text);
  }
  return bad;
}

export function registerDedup(program: Command): void {
  program
    .command('dedup')
    .description('group items into provenance families (near-duplicates, forwards, reposts, re-posted pictures): JSON Lines in, one line out per item')
    .argument('[file]', 'JSON Lines of {"id","text","time"?,"forwardOf"?,"mediaHashes"?}; stdin when absent or -')
    .action(async (file: string | undefined) => {
      const { input, name } = await openJsonLines(file, 'stdin');
      const bad = await runDedup(input, process.stdout, process.stderr, name);
      if (bad > 0) {
        process.stderr.write(`corroborate dedup: ${bad} bad ${bad === 1 ? 'line' : 'lines'} skipped\n`);
        process.exitCode = EXIT.findings;
      }
    });
}
