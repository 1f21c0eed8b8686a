import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { IngestFormat, formatDiagnostic, isDiagnostic } from '../../model/index.js';
import { ADAPTERS, detectFormat, keyedPseudonymizer, type AttachedMedia } from '../../ingest/index.js';
import { sniffMediaType } from '../../vault/index.js';
import { CliError } from '../errors.js';

/** A dry run keeps nothing: an archive's entries are only hashed. */
async function hashOnly(_name: string, bytes: AsyncIterable<Uint8Array>): Promise<AttachedMedia> {
  const digest = createHash('sha256');
  let size = 0;
  let head: Uint8Array | null = null;
  for await (const chunk of bytes) {
    head ??= chunk.subarray(0, 4096);
    digest.update(chunk);
    size += chunk.length;
  }
  return { sha256: digest.digest('hex'), bytes: size, mediaType: sniffMediaType(head ?? new Uint8Array(), _name) };
}

/** `text=body,time=created_at` → `{ text: 'body', time: 'created_at' }`; every problem named. */
export function parseColumnMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [field, column, ...rest] = pair.split('=');
    if (field === undefined || column === undefined || rest.length > 0 || field.trim() === '' || column.trim() === '') {
      throw new CliError(`--map: "${pair}" is not field=column (e.g. --map text=body,time=created_at)`);
    }
    map[field.trim()] = column.trim();
  }
  return map;
}

/** Pseudonyms in a dry run use a fixed, public key: they only need to be stable within the output. */
const DRY_RUN_KEY = new Uint8Array(32);

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('print the items a file would give, as JSON Lines, without storing anything (diagnostics on stderr)')
    .argument('<file>', 'a source file')
    .option('--format <format>', `read it as this format (${IngestFormat.options.join(', ')})`)
    .option('--timezone <zone>', 'IANA timezone for times written without an offset', 'UTC')
    .option('--map <columns>', 'for tables: which column holds which field, e.g. text=body,time=created_at,author=user')
    .action(async (file: string, options: { format?: string; timezone: string; map?: string }) => {
      const path = resolve(file);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() !== true) throw new CliError(`no such file: ${file}`);
      const handle = await open(path, 'r');
      const head = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      await handle.close();
      const detection = detectFormat(ADAPTERS, head.subarray(0, bytesRead), basename(path));
      const adapter = options.format === undefined ? detection.adapter : ADAPTERS.find((a) => a.format === options.format);
      if (adapter === undefined) throw new CliError(`--format must be one of ${ADAPTERS.map((a) => a.format).join(', ')}`);
      if (adapter === null) throw new CliError(`cannot tell the format of ${file} from its content; give --format`);
      const scored = detection.scores.filter((s) => s.score > 0);
      process.stderr.write(`${file}: reading as ${adapter.format} (detected ${scored.length === 0 ? 'nothing' : scored.map((s) => `${s.format} ${s.score}`).join(', ')})\n`);
      const items = adapter.parse({
        stream: createReadStream(path, { highWaterMark: 1 << 20 }),
        file,
        sha256: null,
        timezone: options.timezone,
        pseudonymizer: keyedPseudonymizer(DRY_RUN_KEY),
        baseDir: dirname(path),
        path,
        ...(options.map === undefined ? {} : { columnMap: parseColumnMap(options.map) }),
        attach: hashOnly,
      });
      for await (const value of items) {
        if (isDiagnostic(value)) process.stderr.write(`${formatDiagnostic(value)}\n`);
        else {
          const line = {
            id: value.id,
            format: value.format,
            externalId: value.externalId,
            time: value.time,
            author: value.author?.name ?? null,
            channel: value.channel.name ?? value.channel.id,
            text: value.text,
            title: value.title,
            media: value.media.map((m) => ({ kind: m.kind, ref: m.ref, status: m.status })),
            ...(value.forwardedFrom === null ? {} : { forwardedFrom: value.forwardedFrom }),
            ...(value.replyTo === null ? {} : { replyTo: value.replyTo }),
            ...(value.geo === null ? {} : { geo: value.geo }),
            location: value.origin.location,
          };
          if (!process.stdout.write(`${JSON.stringify(line)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
        }
      }
    });
}
