/**
 * The fixture machinery every format shares: list a folder's fixtures, run an adapter over one as
 * ingest does (a stream in chunks), turn the records into what `<name>.expected.jsonl` (or, for
 * media, `<name>.expected.json`) holds, and rewrite those files. Each format's
 * `test/fixtures/<format>/harness.ts` says only what is its own: the adapter, the input around the
 * stream, which files are fixtures. No vitest here: `regenerate.ts` runs it with tsx.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { AttachMedia, AttachedMedia, IngestAdapter, ParseInput } from '../../src/ingest/index.js';
import { isDiagnostic, type Diagnostic, type Pseudonymizer, type RawItem } from '../../src/model/index.js';

export type AdapterRecord = RawItem | Diagnostic;

/** The case timezone every fixture is read in unless a test says otherwise. */
export const CASE_TIMEZONE = 'America/Caracas';

/** Readable pseudonyms, so that the expectations show which value each one was keyed on. */
export const readablePseudonyms: Pseudonymizer = { pseudonym: (kind: string, value: string): string => `${kind}:${value}` };

/**
 * Compare output with the expected file beside a fixture. With UPDATE_EXPECTED=1 the file is
 * (re)written instead — then read the diff: the expected files are the specification.
 */
export async function expectMatchesFile(lines: readonly unknown[], path: string): Promise<void> {
  const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
  if (process.env['UPDATE_EXPECTED'] === '1' || !existsSync(path)) {
    if (process.env['CI'] !== undefined && !existsSync(path)) throw new Error(`missing expected output ${path}`);
    await writeFile(path, text);
    return;
  }
  const expected = await readFile(path, 'utf8');
  expect(text.split('\n')).toEqual(expected.split('\n'));
}

/** Bytes as a stream, as a file or socket gives them: one chunk per turn of the event loop, chunk sizes cycled. */
export async function* chunked(bytes: Uint8Array, sizes: number | readonly number[]): AsyncGenerator<Uint8Array> {
  const cycle = typeof sizes === 'number' ? [sizes] : sizes;
  let offset = 0;
  for (let index = 0; offset < bytes.length; index++) {
    const size = Math.max(1, cycle[index % cycle.length] ?? 1);
    await Promise.resolve();
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

/** What a test may set of an adapter's input (the file it must name), and how the bytes are cut into the stream. */
export type RunOptions = Partial<Omit<ParseInput, 'stream'>> & { readonly file: string; readonly chunkSizes?: readonly number[] };

/** An adapter's input: the stream and the file, the case timezone, readable pseudonyms, nothing else unless told. */
export function adapterInput(stream: AsyncIterable<Uint8Array>, options: Omit<RunOptions, 'chunkSizes'>): ParseInput {
  return { sha256: null, timezone: CASE_TIMEZONE, pseudonymizer: readablePseudonyms, baseDir: null, ...options, stream };
}

/** Everything an adapter yields for these bytes, streamed in chunks (64 KiB unless told). */
export async function runAdapter(adapter: IngestAdapter, bytes: Uint8Array, { chunkSizes = [64 * 1024], ...options }: RunOptions): Promise<AdapterRecord[]> {
  return collect(adapter.parse(adapterInput(chunked(bytes, chunkSizes), options)));
}

export async function collect(records: AsyncIterable<AdapterRecord>): Promise<AdapterRecord[]> {
  const out: AdapterRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

/** What `attach` answers in a dry run, without a vault: the hash and size, and a media type by the entry's name. */
export function hashingAttach(mediaTypeOf: (name: string) => string): AttachMedia {
  return async (name: string, bytes: AsyncIterable<Uint8Array>): Promise<AttachedMedia> => {
    const digest = createHash('sha256');
    let size = 0;
    for await (const chunk of bytes) {
      digest.update(chunk);
      size += chunk.length;
    }
    return { sha256: digest.digest('hex'), bytes: size, mediaType: mediaTypeOf(name) };
  };
}

/** A record as an expectation holds it: `{"item": …}`, or `{"diagnostic": …}` with the fields a reader is shown. */
export function expectationRecord(record: AdapterRecord): unknown {
  return isDiagnostic(record)
    ? { diagnostic: { ruleId: record.ruleId, severity: record.severity, message: record.message, file: record.file, location: record.location } }
    : { item: record };
}

/** One JSON line per record, in stream order. */
export function expectationLines(records: readonly AdapterRecord[]): string[] {
  return records.map((record) => JSON.stringify(expectationRecord(record)));
}

/** How a folder's expectations are written: JSON Lines, or (media) one indented JSON array. */
const LAYOUTS = {
  jsonl: {
    suffix: '.expected.jsonl',
    text: (records: readonly AdapterRecord[]): string => {
      const lines = expectationLines(records);
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
    // Compared line by line, so that a failure shows the records that differ.
    comparable: (text: string): unknown => text.split('\n').filter((line) => line !== ''),
  },
  json: {
    suffix: '.expected.json',
    text: (records: readonly AdapterRecord[]): string => `${JSON.stringify(records.map(expectationRecord), null, 2)}\n`,
    comparable: (text: string): unknown => text,
  },
} as const;

/** One fixture file, as a format's harness is handed it. */
export interface Fixture {
  /** Relative to the folder (`WhatsApp Chat - Frontera Sur/_chat.txt`). */
  readonly name: string;
  /** As diagnostics and origins name it: `<folder>/<name>`. */
  readonly file: string;
  /** The file on disk, for adapters that read it a second time or at random. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface FixtureFolderConfig<Options> {
  /** `import.meta.url` of the harness: the fixtures are the files beside it. */
  readonly url: string;
  /** Which files are fixtures (by name, without the folder); everything but expectations, code and notes by default. */
  readonly include?: (name: string) => boolean;
  /** Look in sub-folders too. */
  readonly recursive?: boolean;
  readonly layout?: keyof typeof LAYOUTS;
  /** The adapter's records for a fixture: the format's input around the stream. */
  readonly read: (fixture: Fixture, options: Options) => Promise<AdapterRecord[]>;
}

export interface FixtureFolder<Options> {
  /** The folder, with a trailing slash. */
  readonly dir: string;
  /** The folder's name, which begins every fixture's `file`. */
  readonly folder: string;
  readonly names: () => string[];
  readonly path: (name: string) => string;
  readonly bytes: (name: string) => Uint8Array;
  readonly expectationPath: (name: string) => string;
  /** The expected output's text; a missing file is an error that says how to write it. */
  readonly expected: (name: string) => string;
  readonly records: (name: string, options?: Options) => Promise<AdapterRecord[]>;
  /** The output as the expectation file holds it. */
  readonly output: (name: string, options?: Options) => Promise<string>;
  /** What a comparison of two outputs (or an output and its expectation) looks at. */
  readonly comparable: (text: string) => unknown;
  /** Rewrite every expectation (or those named) from the adapter's current output. */
  readonly regenerate: (only: readonly string[]) => Promise<void>;
}

const NOT_FIXTURES = /\.(ts|md)$/;

export function fixtureFolder<Options extends object = object>(config: FixtureFolderConfig<Options>): FixtureFolder<Options> {
  const dir = fileURLToPath(new URL('.', config.url));
  const folder = basename(dir);
  const layout = LAYOUTS[config.layout ?? 'jsonl'];
  const include = config.include ?? ((name: string) => !name.endsWith(layout.suffix) && !NOT_FIXTURES.test(name));
  const path = (name: string): string => `${dir}${name}`;
  const bytes = (name: string): Uint8Array => readFileSync(path(name));
  const expectationPath = (name: string): string => `${path(name)}${layout.suffix}`;

  function names(sub = ''): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(`${dir}${sub}`).sort()) {
      const name = `${sub}${entry}`;
      if (config.recursive === true && statSync(path(name)).isDirectory()) found.push(...names(`${name}/`));
      else if (include(entry) && statSync(path(name)).isFile()) found.push(name);
    }
    return found;
  }

  const records = (name: string, options = {} as Options): Promise<AdapterRecord[]> =>
    config.read({ name, file: `${folder}/${name}`, path: path(name), bytes: bytes(name) }, options);

  return {
    dir,
    folder,
    names: () => names(),
    path,
    bytes,
    expectationPath,
    expected: (name) => {
      const file = expectationPath(name);
      if (!existsSync(file)) throw new Error(`${file} is missing: run npx tsx ${relative(process.cwd(), dir)}/regenerate.ts "${name}"`);
      return readFileSync(file, 'utf8');
    },
    records,
    output: async (name, options) => layout.text(await records(name, options)),
    comparable: layout.comparable,
    regenerate: async (only) => {
      for (const name of names()) {
        if (only.length > 0 && !only.includes(name)) continue;
        const output = await records(name);
        writeFileSync(expectationPath(name), layout.text(output));
        console.log(`${name}: ${output.length} records`);
      }
    },
  };
}
