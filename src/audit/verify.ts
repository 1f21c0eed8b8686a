import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_GENESIS_HASH, signingKeyId, type AuditEntry, type SignedTreeHead } from '../model/index.js';
import { sha256Hex } from './canonical.js';
import { HEADS_FILE, LOG_FILE, entryHash, isCanonicalLine, parseEntryLine, parseHeadLine, payloadPath, readLines, type AuditFile, type FileLine } from './files.js';
import { CompactRange, leafHash } from './merkle.js';
import { verifyTreeHeadSignature } from './tree-head.js';

/** What `verify` can find, each with a stable id (docs/audit.md explains each). */
export type AuditFindingId =
  | 'audit/unreadable-line'
  | 'audit/torn-line'
  | 'audit/edited-entry'
  | 'audit/broken-chain'
  | 'audit/missing-entry'
  | 'audit/duplicate-entry'
  | 'audit/reordered'
  | 'audit/unsigned-entry'
  | 'audit/edited-head'
  | 'audit/bad-signature'
  | 'audit/unknown-key'
  | 'audit/head-mismatch'
  | 'audit/edited-payload'
  | 'audit/missing-payload';

export interface AuditFinding {
  id: AuditFindingId;
  /** `log.jsonl`, `heads.jsonl`, or `payloads/<sha256>.json`. */
  file: string;
  /** 1-based line in `file`; null when the finding is about something absent. */
  line: number | null;
  /** The entry concerned, when known. */
  seq: number | null;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  findings: AuditFinding[];
  /** Complete lines in log.jsonl: the size of the tree they make. */
  size: number;
  /** Merkle root over those lines, hex. */
  rootHash: string;
  /** The last head in heads.jsonl whose signature verifies with a trusted key; null if none does. */
  lastSignedHead: SignedTreeHead | null;
  /** Lines in heads.jsonl. */
  heads: number;
  /** The entries that parse, in file order (edited ones included, as they now read). */
  entries: AuditEntry[];
}

export interface VerifyOptions {
  /** Public keys (DER SubjectPublicKeyInfo) whose tree heads are trusted; any other key is `audit/unknown-key`. */
  trustedKeys: readonly Uint8Array[];
}

interface LogScan {
  entries: { line: FileLine; entry: AuditEntry }[];
  /** Root of the first n lines, for n = 0…lines. */
  roots: string[];
}

/**
 * Re-read an audit folder and check everything: each line's form and hash, the sequence and the
 * chain, every tree head's signature and root against the entries, the payload files. Nothing is
 * trusted from an earlier run; only the public keys given are.
 */
export async function verifyAuditLog(dir: string, options: VerifyOptions): Promise<AuditVerification> {
  const findings: AuditFinding[] = [];
  const log = await readLines(join(dir, LOG_FILE));
  const heads = await readLines(join(dir, HEADS_FILE));
  tornFinding(findings, LOG_FILE, log.lines.length, log.torn);
  tornFinding(findings, HEADS_FILE, heads.lines.length, heads.torn);

  const scan = scanEntries(log.lines, findings);
  checkSequence(scan, findings);
  const lastSignedHead = checkHeads(heads.lines, scan, log.lines.length, options, findings);
  await checkPayloads(dir, scan, findings);

  findings.sort((a, b) => fileRank(a.file) - fileRank(b.file) || (a.line ?? Infinity) - (b.line ?? Infinity));
  return {
    ok: findings.length === 0,
    findings,
    size: log.lines.length,
    rootHash: scan.roots.at(-1) ?? '',
    lastSignedHead,
    heads: heads.lines.length,
    entries: scan.entries.map((e) => e.entry),
  };
}

function fileRank(file: string): number {
  return file === LOG_FILE ? 0 : file === HEADS_FILE ? 1 : 2;
}

function tornFinding(findings: AuditFinding[], file: AuditFile, complete: number, torn: Buffer): void {
  if (torn.length === 0) return;
  findings.push({
    id: 'audit/torn-line',
    file,
    line: complete + 1,
    seq: null,
    message: `the file ends in ${torn.length} bytes with no line feed: a write cut off by a crash, or an edit; the next append sets them aside under torn/`,
  });
}

/** Parse every line, check its form and its own hash, and compute the root after each. */
function scanEntries(lines: readonly FileLine[], findings: AuditFinding[]): LogScan {
  const range = new CompactRange();
  const roots = [range.root().toString('hex')];
  const entries: LogScan['entries'] = [];
  for (const line of lines) {
    range.push(leafHash(line.bytes));
    roots.push(range.root().toString('hex'));
    const parsed = parseEntryLine(line.bytes);
    if (!parsed.ok) {
      findings.push({ id: 'audit/unreadable-line', file: LOG_FILE, line: line.number, seq: null, message: `not an audit entry (${parsed.problem})` });
      continue;
    }
    const entry = parsed.value;
    if (!isCanonicalLine(line.bytes, entry)) {
      findings.push({ id: 'audit/edited-entry', file: LOG_FILE, line: line.number, seq: entry.seq, message: `entry ${entry.seq} is not written as canonical JSON: the line was edited` });
    } else if (entryHash(entry) !== entry.hash) {
      findings.push({ id: 'audit/edited-entry', file: LOG_FILE, line: line.number, seq: entry.seq, message: `entry ${entry.seq} no longer matches its hash: the entry was edited` });
    }
    entries.push({ line, entry });
  }
  return { entries, roots };
}

/** Entries in order 0, 1, 2…, none twice, none missing, each chained to the one before. */
function checkSequence(scan: LogScan, findings: AuditFinding[]): void {
  const lineOf = new Map<number, number[]>();
  for (const { line, entry } of scan.entries) lineOf.set(entry.seq, [...(lineOf.get(entry.seq) ?? []), line.number]);
  const hashOf = new Map<number, string>();
  for (const { entry } of scan.entries) if (!hashOf.has(entry.seq)) hashOf.set(entry.seq, entry.hash);

  let highest = -1;
  for (const { line, entry } of scan.entries) {
    const s = entry.seq;
    const where = { file: LOG_FILE, line: line.number, seq: s };
    const lines = lineOf.get(s) ?? [];
    if (lines.length > 1 && lines[0] !== line.number) {
      findings.push({ id: 'audit/duplicate-entry', ...where, message: `entry ${s} appears again (first at line ${lines[0]})` });
      continue;
    }
    if (s <= highest) {
      findings.push({ id: 'audit/reordered', ...where, message: `entry ${s} comes after entry ${highest}: entries were moved` });
    } else if (s > highest + 1) {
      const absent: number[] = [];
      let movedHere = false;
      for (let t = highest + 1; t < s; t++) {
        if (lineOf.has(t)) movedHere = true;
        else absent.push(t);
      }
      if (movedHere) findings.push({ id: 'audit/reordered', ...where, message: `entry ${s} comes before entry ${highest + 1}: entries were moved` });
      if (absent.length > 0) {
        findings.push({
          id: 'audit/missing-entry',
          file: LOG_FILE,
          line: null,
          seq: absent[0] ?? null,
          message: `${absent.length === 1 ? `entry ${absent[0]} is` : `entries ${absent[0]}–${absent.at(-1)} are`} missing before line ${line.number} (entry ${s}): removed from the log`,
        });
      }
    }
    highest = Math.max(highest, s);
    const expected = s === 0 ? AUDIT_GENESIS_HASH : hashOf.get(s - 1);
    if (expected !== undefined && entry.prevHash !== expected) {
      findings.push({ id: 'audit/broken-chain', ...where, message: `entry ${s} does not chain to entry ${s - 1}: its prevHash is not that entry's hash` });
    }
  }
}

/** Every head: form, key, signature, increasing size, and root against the entries. Returns the last trusted head. */
function checkHeads(lines: readonly FileLine[], scan: LogScan, logLines: number, options: VerifyOptions, findings: AuditFinding[]): SignedTreeHead | null {
  const trusted = new Map(options.trustedKeys.map((key) => [signingKeyId(key), key]));
  let last: { head: SignedTreeHead; line: number } | null = null;
  let largestSize = 0;
  const mismatched: { head: SignedTreeHead; line: number }[] = [];
  for (const line of lines) {
    const where = { file: HEADS_FILE, line: line.number };
    const parsed = parseHeadLine(line.bytes);
    if (!parsed.ok) {
      findings.push({ id: 'audit/unreadable-line', ...where, seq: null, message: `not a signed tree head (${parsed.problem})` });
      continue;
    }
    const head = parsed.value;
    if (!isCanonicalLine(line.bytes, head)) {
      findings.push({ id: 'audit/edited-head', ...where, seq: null, message: `the head of size ${head.size} is not written as canonical JSON: the line was edited` });
      continue;
    }
    const key = trusted.get(head.keyId);
    if (key === undefined) {
      findings.push({ id: 'audit/unknown-key', ...where, seq: null, message: `the head of size ${head.size} is signed by key ${head.keyId}, which is not a trusted key` });
      continue;
    }
    if (!verifyTreeHeadSignature(head, key)) {
      findings.push({ id: 'audit/bad-signature', ...where, seq: null, message: `the signature of the head of size ${head.size} does not verify with key ${head.keyId}: the head was edited or forged` });
      continue;
    }
    if (head.size <= largestSize) {
      findings.push({ id: 'audit/reordered', ...where, seq: null, message: `the head of size ${head.size} comes after one of size ${largestSize}: heads were moved` });
    }
    largestSize = Math.max(largestSize, head.size);
    if (head.size <= logLines && scan.roots[head.size] !== head.rootHash) mismatched.push({ head, line: line.number });
    last = { head, line: line.number };
  }
  const first = mismatched[0];
  if (first !== undefined) {
    const later = mismatched.length - 1;
    findings.push({
      id: 'audit/head-mismatch',
      file: HEADS_FILE,
      line: first.line,
      seq: null,
      message: `the signed root of the first ${first.head.size} entries does not match the log: an entry among them was edited, removed, added or moved${later > 0 ? ` (${later} later ${later === 1 ? 'head does' : 'heads do'} not match either)` : ''}`,
    });
  }
  if (largestSize > logLines) {
    findings.push({
      id: 'audit/missing-entry',
      file: LOG_FILE,
      line: null,
      seq: logLines,
      message: `a signed head covers ${largestSize} entries but the log has ${logLines} lines: ${largestSize - logLines === 1 ? `entry ${logLines} was` : `entries ${logLines}–${largestSize - 1} were`} removed from the end`,
    });
  } else if (logLines > largestSize) {
    findings.push({
      id: 'audit/unsigned-entry',
      file: LOG_FILE,
      line: largestSize + 1,
      seq: largestSize,
      message: `${logLines - largestSize === 1 ? `line ${largestSize + 1} is` : `lines ${largestSize + 1}–${logLines} are`} under no signed head: appended without the key, or a crash came between the entry and its head`,
    });
  }
  return last?.head ?? null;
}

/** Each entry's details are kept under their hash: re-hash them. */
async function checkPayloads(dir: string, scan: LogScan, findings: AuditFinding[]): Promise<void> {
  const seen = new Set<string>();
  for (const { line, entry } of scan.entries) {
    if (seen.has(entry.payloadSha256)) continue;
    seen.add(entry.payloadSha256);
    const file = `payloads/${entry.payloadSha256}.json`;
    let bytes: Buffer;
    try {
      bytes = await readFile(payloadPath(dir, entry.payloadSha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      findings.push({ id: 'audit/missing-payload', file, line: null, seq: entry.seq, message: `the details of entry ${entry.seq} (line ${line.number}) are gone` });
      continue;
    }
    if (sha256Hex(bytes) !== entry.payloadSha256) {
      findings.push({ id: 'audit/edited-payload', file, line: null, seq: entry.seq, message: `the details of entry ${entry.seq} (line ${line.number}) no longer match their hash: the file was edited` });
    }
  }
}
