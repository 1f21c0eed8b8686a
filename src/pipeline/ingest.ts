import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { diagnostic, type Clock, type Diagnostic, type IngestFormat, type MediaFacts, type Pseudonymizer, type RawItem } from '../model/index.js';
import { FeedFetchError, detectFormat, fetchFeed, type IngestAdapter, type ParseInput } from '../ingest/index.js';
import { RawItemRows, openIngestWriter, type RunStatus, type Store, type StoredDiagnostic } from '../store/index.js';
import type { Capture, Vault } from '../vault/index.js';
import { mediaFactsStage, type DescribeStoredMedia } from './media-facts-stage.js';
import { displayPath, mediaCaptureStage } from './media-stage.js';
import { Pipeline, inBatches, records, type Stage } from './pipeline.js';

export interface IngestEnvironment {
  store: Store;
  vault: Vault;
  /** The name the store mirrors this vault's custody log under (the case id). */
  vaultName: string;
  clock: Clock;
  pseudonymizer: Pseudonymizer;
  toolVersion: string;
  adapters: readonly IngestAdapter[];
  /** How URL sources are fetched; injected so that runs and tests choose their network. */
  fetcher: typeof fetch;
  /** Reads pictures, videos and sound once stored (EXIF, perceptual hashes); absent: not described. */
  describeMedia?: DescribeStoredMedia;
  newRunId: () => string;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  /** Items per transaction. */
  batchSize?: number;
}

export interface CaseContext {
  caseId: string;
  timezone: string;
  /** The folder of the case file: source paths are relative to it. */
  caseDir: string;
}

export interface SourceToIngest {
  id: string;
  kind: IngestFormat | null;
  path: string | null;
  url: string | null;
  label: string | null;
  /** Column map for tabular sources. */
  columnMap?: Readonly<Record<string, string>>;
}

export interface IngestProgress {
  sourceId: string;
  phase: 'capturing' | 'parsing' | 'done';
  bytes: number;
  totalBytes: number | null;
  items: number;
}

export interface IngestSummary {
  sourceId: string;
  runId: string;
  status: RunStatus;
  /** The file as shown to the user. */
  file: string;
  format: IngestFormat | null;
  /** How each adapter scored the content: why this format was chosen. */
  detection: { format: IngestFormat; score: number }[];
  inputSha256: string | null;
  inputBytes: number | null;
  itemsSeen: number;
  itemsAdded: number;
  diagnosticsSeen: number;
  diagnosticsAdded: number;
  bySeverity: { error: number; warning: number; info: number };
  /** The first errors and warnings, in the order met, to show at once (all are stored). */
  firstProblems: Diagnostic[];
  /** Why the run failed, for input problems (missing file, unknown format). */
  error: string | null;
}

/** How many problems a summary carries to show at once. */
const FIRST_PROBLEMS = 5;

/** An input problem with one source: recorded, reported, and the other sources go on. */
class SourceProblem extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Ingest one source of a case: copy it into the vault, parse the evidentiary copy as a stream,
 * hash its media into the vault, and store items and diagnostics in transactions of
 * `batchSize`. Idempotent: running it again — or after a crash at any point — adds nothing
 * that is already there and ends in the same state.
 */
export async function ingestSource(env: IngestEnvironment, kase: CaseContext, source: SourceToIngest): Promise<IngestSummary> {
  const { store, clock } = env;
  const now = (): string => clock().toISOString();
  await store.upsertSource({ caseId: kase.caseId, id: source.id, kind: source.kind ?? 'auto', path: source.path, url: source.url, label: source.label }, now());
  await store.markInterrupted(kase.caseId, source.id, now());
  const runId = env.newRunId();
  await store.startRun({ id: runId, caseId: kase.caseId, sourceId: source.id, startedAt: now(), toolVersion: env.toolVersion });

  const absolutePath = source.path === null ? null : resolve(kase.caseDir, source.path);
  const file = absolutePath === null ? (source.url ?? source.id) : displayPath(kase.caseDir, absolutePath);
  const summary: IngestSummary = {
    sourceId: source.id,
    runId,
    status: 'running',
    file,
    format: null,
    detection: [],
    inputSha256: null,
    inputBytes: null,
    itemsSeen: 0,
    itemsAdded: 0,
    diagnosticsSeen: 0,
    diagnosticsAdded: 0,
    bySeverity: { error: 0, warning: 0, info: 0 },
    firstProblems: [],
    error: null,
  };
  const pending: StoredDiagnostic[] = [];
  const note = (d: Diagnostic): void => {
    pending.push({ ruleId: d.ruleId, severity: d.severity, message: d.message, file: d.file, location: d.location, sourceId: source.id });
    summary.diagnosticsSeen++;
    summary.bySeverity[d.severity]++;
    if (d.severity !== 'info' && summary.firstProblems.length < FIRST_PROBLEMS) summary.firstProblems.push(d);
  };

  // What the validators of a URL source become once its items are all stored; saved only then,
  // so that a run killed half-way fetches the whole body again instead of hearing "not modified".
  let fetchState: { etag: string | null; lastModified: string | null } | null = null;
  try {
    let capture: Capture;
    let baseDir: string | null;
    let fileName: string;
    let parsedAs = file;
    if (absolutePath !== null) {
      const info = await stat(absolutePath).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return null;
        throw error;
      });
      if (info === null) throw new SourceProblem('ingest/source-unreadable', `no such file: ${file}`);
      if (!info.isFile()) throw new SourceProblem('ingest/source-unreadable', `not a file: ${file}`);
      env.onProgress?.({ sourceId: source.id, phase: 'capturing', bytes: 0, totalBytes: info.size, items: 0 });
      capture = await env.vault.captureFile(absolutePath, { caseId: kase.caseId, sourcePath: file, sourceUrl: null });
      baseDir = dirname(absolutePath);
      fileName = basename(absolutePath);
    } else if (source.url !== null) {
      const fetched = await captureUrl(env, kase, source, source.url);
      if (fetched === 'not-modified') {
        summary.status = 'not-modified';
        return await finishRun(env, kase.caseId, runId, summary, pending);
      }
      ({ capture, fetchState } = fetched);
      parsedAs = fetched.finalUrl;
      baseDir = null;
      fileName = new URL(fetched.finalUrl).pathname.split('/').pop() ?? '';
    } else {
      throw new SourceProblem('ingest/source-unreadable', `source "${source.id}" has neither a path nor a URL`);
    }
    summary.inputSha256 = capture.sha256;
    summary.inputBytes = capture.bytes;
    await store.updateRun(runId, { inputSha256: capture.sha256, inputBytes: capture.bytes });

    const head = await readHead(env.vault, capture.sha256);
    const detection = detectFormat(env.adapters, head, fileName);
    summary.detection = detection.scores;
    const adapter = source.kind === null ? detection.adapter : (env.adapters.find((a) => a.format === source.kind) ?? null);
    if (adapter === null) {
      const best = detection.scores[0];
      throw new SourceProblem(
        'ingest/unknown-format',
        source.kind === null
          ? `cannot tell the format of ${file} from its content (best guess ${best?.format ?? 'none'} at ${best?.score ?? 0}); give the source a kind`
          : `no adapter for kind "${source.kind}"`,
      );
    }
    summary.format = adapter.format;
    await store.updateRun(runId, { format: adapter.format });
    if (source.kind !== null && detection.adapter !== null && detection.adapter.format !== source.kind) {
      note(diagnostic('ingest/format-mismatch', 'warning', `declared as ${source.kind}, but the content looks like ${detection.adapter.format}; read as ${source.kind}`, file, ''));
    }

    let bytesRead = 0;
    const stream = countBytes(env.vault.openObject(capture.sha256), (n) => {
      bytesRead += n;
    });
    const parser: Stage<Uint8Array, RawItem> = {
      name: adapter.format,
      run: (input) => {
        const parseInput: ParseInput = {
          stream: records(input),
          file: parsedAs,
          sha256: capture.sha256,
          timezone: kase.timezone,
          pseudonymizer: env.pseudonymizer,
          baseDir,
          path: capture.path,
          ...(source.columnMap === undefined ? {} : { columnMap: source.columnMap }),
          // An archive's entries are evidence in their own right: `export.zip!/IMG-0001.jpg`.
          attach: async (name, bytes) => {
            const entry = await env.vault.captureStream(bytes, { caseId: kase.caseId, sourcePath: `${file}!/${name}`, sourceUrl: null });
            return { sha256: entry.sha256, bytes: entry.bytes, mediaType: entry.mediaType };
          },
        };
        return adapter.parseBatches === undefined ? inBatches(adapter.parse(parseInput)) : adapter.parseBatches(parseInput);
      },
    };
    const facts: MediaFacts[] = [];
    const withMedia = Pipeline.of<Uint8Array>()
      .use(parser)
      .use(mediaCaptureStage({ vault: env.vault, caseId: kase.caseId, baseDir, display: (p) => displayPath(kase.caseDir, p) }));
    const describe = env.describeMedia;
    const pipeline = (
      describe === undefined
        ? withMedia
        : withMedia.use(
            mediaFactsStage({
              objectPath: (sha256) => env.vault.objectPath(sha256),
              describe,
              known: (sha256s) => store.knownMedia(kase.caseId, sha256s),
              keep: (f) => facts.push(f),
            }),
          )
    ).freeze();

    // Since raw items are keyed so that an ingest appends (store migration 0003), a commit costs
    // little; small batches let items die young in V8's heap (bench: 1,000 vs 4,000, GC −40 %).
    const batchSize = env.batchSize ?? 1000;
    const writer = await openIngestWriter(store);
    try {
      const rows = new RawItemRows(kase.caseId, source.id);
      // A batch's time is when its first item came. Items are laid out as rows as they come:
      // an item is then garbage at once, and what goes to the writer is flat and cheap to copy.
      let at = now();
      const flush = async (): Promise<void> => {
        const progress = { sourceId: source.id, phase: 'parsing' as const, bytes: bytesRead, totalBytes: capture.bytes, items: summary.itemsSeen };
        const batch = { runId, at, rows: rows.take(), facts: facts.splice(0), diagnostics: pending.splice(0), itemsSeen: summary.itemsSeen, diagnosticsSeen: summary.diagnosticsSeen };
        await writer.write(batch, (result) => {
          summary.itemsAdded += result.itemsAdded;
          summary.diagnosticsAdded += result.diagnosticsAdded;
          env.onProgress?.(progress);
        });
        at = now();
      };
      const signal = env.signal ?? new AbortController().signal;
      for await (const items of pipeline.run(stream, { clock, signal }, note)) {
        for (const item of items) {
          rows.add(item);
          summary.itemsSeen++;
          if (rows.length >= batchSize) await flush();
        }
      }
      await flush();
      await writer.finish();
    } finally {
      await writer.close();
    }
    if (fetchState !== null && source.url !== null) await store.setFetchState(kase.caseId, source.id, { ...fetchState, fetchedAt: now() });
    summary.status = 'completed';
  } catch (error) {
    if (!(error instanceof SourceProblem)) {
      await store.updateRun(runId, { status: 'failed', finishedAt: now(), error: describeError(error) }).catch(() => undefined);
      throw error;
    }
    note(diagnostic(error.ruleId, 'error', error.message, file, ''));
    summary.status = 'failed';
    summary.error = error.message;
  }
  return finishRun(env, kase.caseId, runId, summary, pending);
}

/** Store what is left of a run's diagnostics, mirror the custody log, and close the run. */
async function finishRun(env: IngestEnvironment, caseId: string, runId: string, summary: IngestSummary, pending: StoredDiagnostic[]): Promise<IngestSummary> {
  const { store } = env;
  const now = (): string => env.clock().toISOString();
  if (pending.length > 0) summary.diagnosticsAdded += await store.insertDiagnostics(caseId, runId, pending.splice(0), now());
  await mirrorCustody(store, env.vault, env.vaultName);
  await store.updateRun(runId, {
    status: summary.status,
    finishedAt: now(),
    itemsSeen: summary.itemsSeen,
    itemsAdded: summary.itemsAdded,
    diagnosticsSeen: summary.diagnosticsSeen,
    diagnosticsAdded: summary.diagnosticsAdded,
    error: summary.error,
  });
  env.onProgress?.({ sourceId: summary.sourceId, phase: 'done', bytes: summary.inputBytes ?? 0, totalBytes: summary.inputBytes, items: summary.itemsSeen });
  return summary;
}

/**
 * GET a URL source (conditionally, with the validators of its last complete ingest) and stream
 * the body straight into the vault. The custody entry names the final URL and the HTTP exchange.
 */
async function captureUrl(
  env: IngestEnvironment,
  kase: CaseContext,
  source: SourceToIngest,
  url: string,
): Promise<'not-modified' | { capture: Capture; finalUrl: string; fetchState: { etag: string | null; lastModified: string | null } }> {
  const previous = await env.store.getSource(kase.caseId, source.id);
  // Validators only count when the vault still holds what they describe.
  const lastRun = previous === null ? null : await env.store.lastCompletedRun(kase.caseId, source.id);
  const validators =
    previous !== null && lastRun?.inputSha256 != null && env.vault.has(lastRun.inputSha256) ? { etag: previous.etag, lastModified: previous.lastModified } : null;
  env.onProgress?.({ sourceId: source.id, phase: 'capturing', bytes: 0, totalBytes: null, items: 0 });
  try {
    const result = await fetchFeed(url, validators, { fetcher: env.fetcher, userAgent: `corroborate/${env.toolVersion}` });
    if (result.status === 'not-modified') return 'not-modified';
    const headers = Object.entries(result.headers)
      .filter(([name]) => CUSTODY_HEADERS.has(name))
      .map(([name, value]) => `${name}: ${value}`)
      .join('; ');
    let bytes = 0;
    const body = countBytes(result.body, (n) => {
      bytes += n;
      env.onProgress?.({ sourceId: source.id, phase: 'capturing', bytes, totalBytes: null, items: 0 });
    });
    const capture = await env.vault.captureStream(body, {
      caseId: kase.caseId,
      sourcePath: null,
      sourceUrl: result.finalUrl,
      mediaType: result.contentType?.split(';')[0]?.trim() ?? null,
      note: `HTTP ${result.httpStatus} GET ${url}${result.finalUrl === url ? '' : ` → ${result.finalUrl}`}${headers === '' ? '' : `; ${headers}`}`,
    });
    return { capture, finalUrl: result.finalUrl, fetchState: { etag: result.etag, lastModified: result.lastModified } };
  } catch (error) {
    if (error instanceof FeedFetchError) throw new SourceProblem(`ingest/fetch-${error.reason}`, error.message);
    throw error;
  }
}

/** Response headers worth keeping with a captured body: what it is and when the server says it was made. */
const CUSTODY_HEADERS = new Set(['content-type', 'content-length', 'etag', 'last-modified', 'date', 'server']);

/** Copy into the store the custody entries it has not seen yet (the vault's log is the original). */
export async function mirrorCustody(store: Store, vault: Vault, vaultName: string): Promise<number> {
  const last = await store.lastCustodySeq(vaultName);
  const { entries } = await vault.custody();
  return store.insertCustodyEntries(
    vaultName,
    entries.filter((e) => e.seq > last),
  );
}

async function readHead(vault: Vault, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of vault.openObject(sha256) as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= 4096) break;
  }
  return Buffer.concat(chunks).subarray(0, 4096);
}

async function* countBytes(stream: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of stream) {
    onBytes(chunk.length);
    yield chunk;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}
