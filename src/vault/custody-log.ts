import { hash } from 'node:crypto';
import { open, readFile, truncate } from 'node:fs/promises';
import { CustodyEntry } from '../model/index.js';

/**
 * The vault's custody log: JSON Lines, append-only, each entry hash-chained to the one before,
 * so that an edited, removed or reordered line is detected by `vault verify`.
 */

export type CustodyFields = Omit<CustodyEntry, 'seq' | 'prev' | 'hash'>;

/** The digest of an entry: its fields in a fixed order, without `hash` itself. */
export function custodyDigest(entry: Omit<CustodyEntry, 'hash'>): string {
  const ordered = [
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.sha256,
    entry.bytes,
    entry.mediaType,
    entry.source.path,
    entry.source.url,
    entry.caseId,
    entry.toolVersion,
    entry.note,
    entry.prev,
  ];
  return hash('sha256', JSON.stringify(ordered), 'hex');
}

export function serialiseEntry(entry: CustodyEntry): string {
  // Fixed key order, so that the file reads the same everywhere.
  return JSON.stringify({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    sha256: entry.sha256,
    bytes: entry.bytes,
    mediaType: entry.mediaType,
    source: { path: entry.source.path, url: entry.source.url },
    caseId: entry.caseId,
    toolVersion: entry.toolVersion,
    note: entry.note,
    prev: entry.prev,
    hash: entry.hash,
  });
}

export interface CustodyProblem {
  line: number;
  message: string;
}

export interface CustodyRead {
  entries: CustodyEntry[];
  problems: CustodyProblem[];
  /** Bytes of an unterminated last line (a write cut off by a crash). */
  tornTail: number;
}

/** Read and check the whole log: parse, sequence, chain, digests. */
export async function readCustodyLog(path: string): Promise<CustodyRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [], tornTail: 0 };
    throw error;
  }
  const lastNewline = text.lastIndexOf('\n');
  const tornTail = Buffer.byteLength(text.slice(lastNewline + 1));
  const lines = text.slice(0, lastNewline + 1).split('\n').slice(0, -1);
  const entries: CustodyEntry[] = [];
  const problems: CustodyProblem[] = [];
  let prev = '';
  let seq = 0;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push({ line: lineNo, message: 'not valid JSON' });
      return;
    }
    const result = CustodyEntry.safeParse(parsed);
    if (!result.success) {
      problems.push({ line: lineNo, message: `not a custody entry (${result.error.issues.map((i) => i.path.join('.')).join(', ')})` });
      return;
    }
    const entry = result.data;
    if (entry.seq !== seq + 1) problems.push({ line: lineNo, message: `sequence ${entry.seq} follows ${seq}: an entry was removed, added or moved` });
    if (entry.prev !== prev) problems.push({ line: lineNo, message: 'does not chain to the entry before it' });
    if (custodyDigest(entry) !== entry.hash) problems.push({ line: lineNo, message: 'its content does not match its hash: the entry was edited' });
    entries.push(entry);
    prev = entry.hash;
    seq = entry.seq;
  });
  return { entries, problems, tornTail };
}

/** Drop an unterminated last line left by a crash mid-write; complete lines are never touched. */
export async function repairTornTail(path: string, tornTail: number): Promise<void> {
  if (tornTail === 0) return;
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  await handle.close();
  await truncate(path, size - tornTail);
}

export class CustodyWriter {
  private constructor(
    private readonly path: string,
    private seq: number,
    private prev: string,
  ) {}

  static resume(path: string, entries: readonly CustodyEntry[]): CustodyWriter {
    const last = entries[entries.length - 1];
    return new CustodyWriter(path, last?.seq ?? 0, last?.hash ?? '');
  }

  /** Append one entry in a single write and flush it to disk before returning. */
  async append(fields: CustodyFields): Promise<CustodyEntry> {
    const unsealed = { ...fields, seq: this.seq + 1, prev: this.prev };
    const entry: CustodyEntry = { ...unsealed, hash: custodyDigest(unsealed) };
    const handle = await open(this.path, 'a');
    try {
      await handle.write(`${serialiseEntry(entry)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.seq = entry.seq;
    this.prev = entry.hash;
    return entry;
  }
}
