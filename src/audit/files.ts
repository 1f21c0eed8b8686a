import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditEntry, SignedTreeHead } from '../model/index.js';
import { canonicalJson, sha256Hex } from './canonical.js';

/** The audit log's files, in `<workspace>/.corroborate/audit/`. */
export const LOG_FILE = 'log.jsonl';
export const HEADS_FILE = 'heads.jsonl';
/** Each entry's details as canonical JSON, under their SHA-256: `payloads/<sha256>.json`. */
export const PAYLOADS_FOLDER = 'payloads';
/** Held while appending, so that processes take turns: it holds the writer's process id. */
export const LOCK_FILE = 'append.lock';
/** Torn last lines set aside by the next append, never silently dropped: `torn/<file>.<sha256>.bin`. */
export const TORN_FOLDER = 'torn';

export type AuditFile = typeof LOG_FILE | typeof HEADS_FILE;

/** One complete line of a file: its 1-based number and its bytes without the line feed. */
export interface FileLine {
  number: number;
  bytes: Buffer;
}

export interface LinesRead {
  lines: FileLine[];
  /** Bytes after the last line feed: a write cut off by a crash, or an edit. Empty when none. */
  torn: Buffer;
  /** The file's size in bytes (0 when it does not exist). */
  size: number;
  exists: boolean;
}

/** Read a JSON Lines file as bytes, split at line feeds, keeping an unterminated tail apart. */
export async function readLines(path: string): Promise<LinesRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], torn: Buffer.alloc(0), size: 0, exists: false };
    throw error;
  }
  const lines: FileLine[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
    lines.push({ number: lines.length + 1, bytes: bytes.subarray(start, end) });
    start = end + 1;
  }
  return { lines, torn: bytes.subarray(start), size: bytes.length, exists: true };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A line as a record of `schema`, written exactly as canonical JSON writes it. */
function parseCanonical<T>(bytes: Buffer, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    return { ok: false, problem: result.error.issues.map((i) => `${i.path.map(String).join('.') || '(line)'}: ${i.message}`).join('; ') };
  }
  return { ok: true, value: result.data };
}

export function parseEntryLine(bytes: Buffer): Parsed<AuditEntry> {
  return parseCanonical(bytes, AuditEntry);
}

export function parseHeadLine(bytes: Buffer): Parsed<SignedTreeHead> {
  return parseCanonical(bytes, SignedTreeHead);
}

/** Whether the line holds exactly the canonical JSON of what it parsed to (no other spelling of the same value). */
export function isCanonicalLine(bytes: Buffer, value: unknown): boolean {
  return Buffer.from(canonicalJson(value), 'utf8').equals(bytes);
}

/** SHA-256 of the canonical JSON of an entry without its `hash`. */
export function entryHash(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...unsealed } = entry;
  return sha256Hex(canonicalJson(unsealed));
}

export function payloadPath(dir: string, sha256: string): string {
  return join(dir, PAYLOADS_FOLDER, `${sha256}.json`);
}

/** Append bytes in one write and flush them to the disk before returning. */
export async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Flush a folder, so that a file just made in it survives a crash (POSIX: the name lives in the folder). */
export async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on a folder; the file's own data is already flushed.
    if (!['EINVAL', 'EPERM', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
