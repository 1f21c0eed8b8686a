import { mkdir, open, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_GENESIS_HASH, AuditEntry, type AuditAction, type Clock, type SignedTreeHead, type Signer } from '../model/index.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import {
  HEADS_FILE,
  LOG_FILE,
  LOCK_FILE,
  PAYLOADS_FOLDER,
  TORN_FOLDER,
  appendDurably,
  entryHash,
  parseEntryLine,
  parseHeadLine,
  payloadPath,
  readLines,
  syncFolder,
  type AuditFile,
  type LinesRead,
} from './files.js';
import { CompactRange, inclusionProof, leafHash, verifyInclusion } from './merkle.js';
import { withLockFile } from './lock.js';
import { signTreeHead, verifyTreeHeadSignature } from './tree-head.js';
import { verifyAuditLog, type AuditVerification } from './verify.js';

export interface AuditLogOptions {
  /** The audit folder: `<workspace>/.corroborate/audit`. Made when missing. */
  dir: string;
  clock: Clock;
  /** The installation's key: every append signs a new tree head with it. */
  signer: Signer;
  toolVersion: string;
}

/** One action to record. */
export interface AuditRecord {
  actor: string;
  action: AuditAction;
  caseId: string | null;
  summary: string;
  /** The action's details; kept as canonical JSON under its SHA-256, which the entry carries. */
  payload: unknown;
}

export interface Appended {
  entry: AuditEntry;
  head: SignedTreeHead;
  /** Entries recorded before this one by the log itself (a torn line set aside), if any. */
  recoveries: AuditEntry[];
}

/** The proof that an entry is in the tree a signed head names (RFC 9162 §2.1.3). */
export interface InclusionProof {
  seq: number;
  /** The entry as the log holds it now; null when its line does not parse. */
  entry: AuditEntry | null;
  /** Hex SHA-256(0x00 || the entry's line). */
  leafHash: string;
  head: SignedTreeHead;
  /** Whether the head's signature verifies with a trusted key. */
  headSigned: boolean;
  /** Sibling hashes from the leaf up, hex. */
  path: string[];
  /** Whether the path leads from the leaf to the head's root, and the head is signed. */
  verified: boolean;
}

export class AuditError extends Error {}

interface LogState {
  /** The Merkle tree of the log's complete lines, as roots of its perfect subtrees. */
  tree: CompactRange;
  lastHash: string;
  lastHead: SignedTreeHead | null;
  logSize: number;
  headsSize: number;
}

/**
 * A workspace's audit log: every action appended, hash-chained and Merkle-rooted, each append
 * followed by a tree head signed with the installation's key. Files are only ever appended to
 * and flushed. Appends from one process are serialised; processes take turns through a lock file,
 * and what another one appended (the files grew) is read back before the next append.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: AuditLogOptions,
    private state: LogState,
  ) {}

  static async open(options: AuditLogOptions): Promise<AuditLog> {
    await mkdir(join(options.dir, PAYLOADS_FOLDER), { recursive: true });
    return new AuditLog(options, await readState(options.dir));
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Entries in the log (complete lines). */
  get size(): number {
    return this.state.tree.size;
  }

  /** The last tree head in heads.jsonl, as last read or written; null before the first append. */
  treeHead(): SignedTreeHead | null {
    return this.state.lastHead;
  }

  /** Append one entry and a signed head over the whole log, both on disk before this returns. */
  append(record: AuditRecord): Promise<Appended> {
    const run = this.queue.then(() => withLockFile(join(this.options.dir, LOCK_FILE), () => this.appendNow(record)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Check the whole log against the signer's public key and any other trusted keys. */
  verify(otherTrustedKeys: readonly Uint8Array[] = []): Promise<AuditVerification> {
    return verifyAuditLog(this.options.dir, { trustedKeys: [this.options.signer.publicKeySpki, ...otherTrustedKeys] });
  }

  /** The inclusion proof of entry `seq` against the latest tree head. */
  inclusionProof(seq: number): Promise<InclusionProof> {
    return proveInclusion(this.options.dir, seq, { trustedKeys: [this.options.signer.publicKeySpki] });
  }

  private async appendNow(record: AuditRecord): Promise<Appended> {
    const { dir } = this.options;
    if (await this.changedOnDisk()) this.state = await readState(dir);
    const recoveries: AuditEntry[] = [];
    for (const file of [LOG_FILE, HEADS_FILE] as const) {
      const recovery = await this.setAsideTornLine(file, record.actor);
      if (recovery !== null) recoveries.push(recovery);
    }
    const entry = await this.writeEntry(record);
    const head = await this.writeHead();
    return { entry, head, recoveries };
  }

  private async changedOnDisk(): Promise<boolean> {
    const [logSize, headsSize] = await Promise.all([LOG_FILE, HEADS_FILE].map((f) => fileSize(join(this.options.dir, f))));
    return logSize !== this.state.logSize || headsSize !== this.state.headsSize;
  }

  /**
   * A line cut off by a crash cannot stay where the next line would join it. Its bytes are kept
   * under torn/, the file is cut back to its last complete line, and the log records that it did.
   */
  private async setAsideTornLine(file: AuditFile, actor: string): Promise<AuditEntry | null> {
    const { dir } = this.options;
    const path = join(dir, file);
    const read = await readLines(path);
    if (read.torn.length === 0) return null;
    const sha256 = sha256Hex(read.torn);
    const keptAs = `${TORN_FOLDER}/${file}.${sha256}.bin`;
    await mkdir(join(dir, TORN_FOLDER), { recursive: true });
    await writeFile(join(dir, keptAs), read.torn);
    await syncFile(join(dir, keptAs));
    await syncFolder(join(dir, TORN_FOLDER));
    await truncate(path, read.size - read.torn.length);
    await syncFile(path);
    if (file === LOG_FILE) this.state.logSize = read.size - read.torn.length;
    else this.state.headsSize = read.size - read.torn.length;
    const entry = await this.writeEntry({
      actor,
      action: 'audit-recovery',
      caseId: null,
      summary: `set aside a torn last line of ${file} (${read.torn.length} bytes) left by an interrupted write, as ${keptAs}`,
      payload: { file, line: read.lines.length + 1, bytes: read.torn.length, sha256, keptAs },
    });
    return entry;
  }

  private async writeEntry(record: AuditRecord): Promise<AuditEntry> {
    const { dir, clock, toolVersion } = this.options;
    const payloadText = canonicalJson(record.payload ?? null);
    const payloadSha256 = sha256Hex(payloadText);
    const unsealed = {
      seq: this.state.tree.size,
      at: clock().toISOString(),
      actor: record.actor,
      action: record.action,
      caseId: record.caseId,
      summary: record.summary,
      payloadSha256,
      toolVersion,
      prevHash: this.state.lastHash,
    };
    // Checked before it is written: an entry the verifier would call unreadable never lands.
    const entry = AuditEntry.parse({ ...unsealed, hash: entryHash(unsealed) });
    const line = canonicalJson(entry);
    await writePayload(dir, payloadSha256, payloadText);
    const path = join(dir, LOG_FILE);
    const created = this.state.logSize === 0;
    await appendDurably(path, `${line}\n`);
    if (created) await syncFolder(dir);
    this.state.tree.push(leafHash(Buffer.from(line, 'utf8')));
    this.state.lastHash = entry.hash;
    this.state.logSize += Buffer.byteLength(line) + 1;
    return entry;
  }

  private async writeHead(): Promise<SignedTreeHead> {
    const { dir, clock, signer } = this.options;
    const head = signTreeHead(signer, this.state.tree.size, this.state.tree.root().toString('hex'), clock().toISOString());
    const line = `${canonicalJson(head)}\n`;
    const created = this.state.headsSize === 0;
    await appendDurably(join(dir, HEADS_FILE), line);
    if (created) await syncFolder(dir);
    this.state.headsSize += Buffer.byteLength(line);
    this.state.lastHead = head;
    return head;
  }
}

/** What an append needs to know: leaf hashes, the last entry's hash, the last head, file sizes. */
async function readState(dir: string): Promise<LogState> {
  const log = await readLines(join(dir, LOG_FILE));
  const heads = await readLines(join(dir, HEADS_FILE));
  const tree = new CompactRange();
  for (const line of log.lines) tree.push(leafHash(line.bytes));
  const lastLine = log.lines.at(-1);
  let lastHash = AUDIT_GENESIS_HASH;
  if (lastLine !== undefined) {
    const parsed = parseEntryLine(lastLine.bytes);
    // An unreadable last line still gets a successor that names it, by the hash of its bytes.
    lastHash = parsed.ok ? parsed.value.hash : sha256Hex(lastLine.bytes);
  }
  return { tree, lastHash, lastHead: lastHeadOf(heads), logSize: log.size, headsSize: heads.size };
}

function lastHeadOf(heads: LinesRead): SignedTreeHead | null {
  for (let i = heads.lines.length - 1; i >= 0; i--) {
    const parsed = parseHeadLine((heads.lines[i] as { bytes: Buffer }).bytes);
    if (parsed.ok) return parsed.value;
  }
  return null;
}

/**
 * The inclusion proof of entry `seq` (line seq + 1) against the last tree head of heads.jsonl,
 * computed from the log as it is now: if the entry or any before the head's size was changed,
 * the proof does not verify.
 */
export async function proveInclusion(dir: string, seq: number, options: { trustedKeys: readonly Uint8Array[] }): Promise<InclusionProof> {
  const log = await readLines(join(dir, LOG_FILE));
  const head = lastHeadOf(await readLines(join(dir, HEADS_FILE)));
  if (head === null) throw new AuditError('the audit log has no signed tree head yet');
  if (!Number.isSafeInteger(seq) || seq < 0) throw new AuditError(`entry ${seq} is not an entry number`);
  if (seq >= head.size) throw new AuditError(`entry ${seq} is not under the latest signed head, which covers entries 0–${head.size - 1}`);
  if (head.size > log.lines.length) throw new AuditError(`the latest signed head covers ${head.size} entries but the log has ${log.lines.length}: entries were removed (run audit verify)`);
  const leaves = log.lines.slice(0, head.size).map((line) => leafHash(line.bytes));
  const leaf = leaves[seq] as Buffer;
  const path = inclusionProof(leaves, seq, head.size);
  const headSigned = options.trustedKeys.some((key) => verifyTreeHeadSignature(head, key));
  const parsed = parseEntryLine((log.lines[seq] as { bytes: Buffer }).bytes);
  return {
    seq,
    entry: parsed.ok ? parsed.value : null,
    leafHash: leaf.toString('hex'),
    head,
    headSigned,
    path: path.map((p) => p.toString('hex')),
    verified: headSigned && verifyInclusion(leaf, seq, head.size, path, Buffer.from(head.rootHash, 'hex')),
  };
}

async function writePayload(dir: string, sha256: string, text: string): Promise<void> {
  const path = payloadPath(dir, sha256);
  try {
    await writeFile(path, text, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    // Content-addressed: a file already there under this name holds these bytes (verify says if not).
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  await syncFile(path);
  await syncFolder(join(dir, PAYLOADS_FOLDER));
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** One line of the log as `audit show` lists it: the entry, or why the line is not one. */
export interface AuditLine {
  line: number;
  entry: AuditEntry | null;
  problem: string | null;
}

export interface AuditLogRead {
  /** Whether log.jsonl or heads.jsonl exists at all. */
  exists: boolean;
  lines: AuditLine[];
  /** Bytes of an unterminated last line. */
  tornBytes: number;
}

/** Read the log's lines for display; nothing is checked here but the form (that is `verifyAuditLog`'s job). */
export async function readAuditLog(dir: string): Promise<AuditLogRead> {
  const log = await readLines(join(dir, LOG_FILE));
  const headsExist = (await fileSize(join(dir, HEADS_FILE))) > 0;
  const lines = log.lines.map((line): AuditLine => {
    const parsed = parseEntryLine(line.bytes);
    return parsed.ok ? { line: line.number, entry: parsed.value, problem: null } : { line: line.number, entry: null, problem: parsed.problem };
  });
  return { exists: log.exists || headsExist, lines, tornBytes: log.torn.length };
}

/** An entry's details, as recorded; null when the file is gone or does not hash to the name. */
export async function readAuditPayload(dir: string, sha256: string): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await readFile(payloadPath(dir, sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return sha256Hex(bytes) === sha256 ? (JSON.parse(bytes.toString('utf8')) as unknown) : null;
}
