import { createHash } from 'node:crypto';
import { constants, createReadStream, type ReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Clock, CustodyAction, CustodyEntry } from '../model/index.js';
import { CustodyWriter, readCustodyLog, repairTornTail, type CustodyProblem } from './custody-log.js';
import { sniffMediaType } from './media-type.js';

/**
 * The evidence vault: every captured file stored once under its SHA-256, read-only, with an
 * append-only custody log. Working copies live apart (`work/`); the evidentiary copy is never
 * opened for writing after it is sealed.
 *
 *   <root>/VAULT                 format marker
 *   <root>/custody.jsonl         hash-chained custody log
 *   <root>/objects/ab/abcd…      evidentiary copies, mode 0444
 *   <root>/work/                 working copies (not evidence)
 *   <root>/tmp/                  captures in flight (emptied when the vault opens)
 */

export interface VaultOptions {
  root: string;
  clock: Clock;
  /** Who acts, as written in the custody log: `analyst@host`. */
  actor: string;
  toolVersion: string;
}

export interface CaptureRequest {
  caseId: string | null;
  /** Where the bytes came from: a path as the user gave it, and/or a URL. */
  sourcePath: string | null;
  sourceUrl: string | null;
  mediaType?: string | null;
  note?: string | null;
}

export interface Capture {
  sha256: string;
  bytes: number;
  mediaType: string;
  /** The evidentiary copy's path (read-only). */
  path: string;
  /** The custody entry written now, or null when this source was captured before. */
  entry: CustodyEntry | null;
}

export interface VaultFinding {
  kind: 'missing' | 'altered' | 'unexpected' | 'custody';
  /** The object's hash, or the path of an unexpected file, or `custody.jsonl:<line>`. */
  subject: string;
  message: string;
}

export interface VerifyProgress {
  objects: number;
  totalObjects: number;
  bytes: number;
  totalBytes: number;
}

const FORMAT_MARKER = 'corroborate-vault/1\n';
const KNOWN_TOP_LEVEL = new Set(['VAULT', 'custody.jsonl', 'objects', 'work', 'tmp', 'vault.lock']);

export class Vault {
  /** sha256 → the capture keys (case, path, url) already in the log. */
  private readonly captured = new Map<string, Set<string>>();
  private readonly objectBytes = new Map<string, number>();

  private constructor(
    readonly root: string,
    private readonly options: VaultOptions,
    private readonly writer: CustodyWriter,
    entries: readonly CustodyEntry[],
  ) {
    for (const entry of entries) this.remember(entry);
  }

  /** Open (creating if needed) a vault; clears unfinished captures and a torn last log line. */
  static async open(options: VaultOptions): Promise<Vault> {
    const root = options.root;
    await mkdir(join(root, 'objects'), { recursive: true });
    await mkdir(join(root, 'work'), { recursive: true });
    await rm(join(root, 'tmp'), { recursive: true, force: true });
    await mkdir(join(root, 'tmp'), { recursive: true });
    try {
      await writeFile(join(root, 'VAULT'), FORMAT_MARKER, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const logPath = join(root, 'custody.jsonl');
    const log = await readCustodyLog(logPath);
    await repairTornTail(logPath, log.tornTail);
    return new Vault(root, options, CustodyWriter.resume(logPath, log.entries), log.entries);
  }

  objectPath(sha256: string): string {
    return join(this.root, 'objects', sha256.slice(0, 2), sha256);
  }

  /** Whether the vault holds an evidentiary copy with this hash (according to its log). */
  has(sha256: string): boolean {
    return this.captured.has(sha256);
  }

  bytesOf(sha256: string): number | null {
    return this.objectBytes.get(sha256) ?? null;
  }

  /** Copy a file into the vault. Capturing the same file from the same place again adds nothing. */
  async captureFile(path: string, request: CaptureRequest): Promise<Capture> {
    return this.captureStream(createReadStream(path, { highWaterMark: 1 << 20 }), { ...request, sourcePath: request.sourcePath ?? path });
  }

  /** Copy a stream of bytes into the vault (a download, an upload). */
  async captureStream(stream: AsyncIterable<Uint8Array>, request: CaptureRequest): Promise<Capture> {
    const tmpPath = join(this.root, 'tmp', `capture-${process.pid}-${this.options.clock().getTime()}-${Math.random().toString(36).slice(2)}`);
    const digest = createHash('sha256');
    const handle = await open(tmpPath, 'wx');
    let bytes = 0;
    let head: Uint8Array | null = null;
    try {
      for await (const chunk of stream) {
        if (head === null || head.length < 4096) head = head === null ? chunk.subarray(0, 4096) : Buffer.concat([head, chunk]).subarray(0, 4096);
        digest.update(chunk);
        bytes += chunk.length;
        let written = 0;
        while (written < chunk.length) written += (await handle.write(chunk, written, chunk.length - written)).bytesWritten;
      }
      await handle.datasync();
    } catch (error) {
      await handle.close();
      await rm(tmpPath, { force: true });
      throw error;
    }
    await handle.close();
    const sha256 = digest.digest('hex');
    const target = this.objectPath(sha256);
    await mkdir(join(this.root, 'objects', sha256.slice(0, 2)), { recursive: true });
    if (await exists(target)) {
      await unlink(tmpPath);
    } else {
      await chmod(tmpPath, 0o444);
      await rename(tmpPath, target);
    }
    const mediaType = request.mediaType ?? sniffMediaType(head ?? new Uint8Array(), request.sourcePath ?? request.sourceUrl ?? '');
    const key = captureKey(request.caseId, request.sourcePath, request.sourceUrl);
    if (this.captured.get(sha256)?.has(key) === true) return { sha256, bytes, mediaType, path: target, entry: null };
    const entry = await this.append('captured', sha256, bytes, mediaType, request);
    return { sha256, bytes, mediaType, path: target, entry };
  }

  /** Read an evidentiary copy. */
  openObject(sha256: string): ReadStream {
    // 64 KiB chunks: a parser turns a chunk's records into items all at once, and they live until
    // stored; with 1 MiB chunks thousands of them outlived V8's young generation (bench: GC −40 %).
    return createReadStream(this.objectPath(sha256), { highWaterMark: 1 << 16 });
  }

  /** A writable working copy under `work/`, logged as `copied`; the evidentiary copy is untouched. */
  async checkout(sha256: string, name: string, caseId: string | null): Promise<string> {
    const bytes = this.objectBytes.get(sha256);
    if (bytes === undefined) throw new Error(`the vault holds no object ${sha256}`);
    const dir = join(this.root, 'work', sha256);
    await mkdir(dir, { recursive: true });
    const target = join(dir, basename(name));
    try {
      await copyFile(this.objectPath(sha256), target, constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await chmod(target, 0o644);
    const mediaType = this.mediaTypes.get(sha256) ?? 'application/octet-stream';
    await this.append('copied', sha256, bytes, mediaType, { caseId, sourcePath: relative(this.root, target), sourceUrl: null });
    return target;
  }

  /** Log that an evidentiary copy left the vault (an export, a bundle). */
  async recordExport(sha256: string, destination: string, caseId: string | null, note: string | null = null): Promise<CustodyEntry> {
    const bytes = this.objectBytes.get(sha256);
    if (bytes === undefined) throw new Error(`the vault holds no object ${sha256}`);
    const mediaType = this.mediaTypes.get(sha256) ?? 'application/octet-stream';
    return this.append('exported', sha256, bytes, mediaType, { caseId, sourcePath: destination, sourceUrl: null, note });
  }

  /** Every entry of the custody log, in order. */
  async custody(): Promise<{ entries: CustodyEntry[]; problems: CustodyProblem[] }> {
    const log = await readCustodyLog(join(this.root, 'custody.jsonl'));
    return { entries: log.entries, problems: log.problems };
  }

  /**
   * Re-hash every evidentiary copy and compare with the log: missing, altered and unexpected
   * files, and any break in the custody chain.
   */
  async verify(onProgress?: (progress: VerifyProgress) => void): Promise<VaultFinding[]> {
    const findings: VaultFinding[] = [];
    const log = await readCustodyLog(join(this.root, 'custody.jsonl'));
    for (const problem of log.problems) findings.push({ kind: 'custody', subject: `custody.jsonl:${problem.line}`, message: problem.message });
    if (log.tornTail > 0) findings.push({ kind: 'custody', subject: 'custody.jsonl', message: `ends with ${log.tornTail} bytes of an unfinished entry` });
    const expected = new Map<string, number>();
    for (const entry of log.entries) if (entry.action === 'captured') expected.set(entry.sha256, entry.bytes);

    const totalBytes = [...expected.values()].reduce((a, b) => a + b, 0);
    const progress: VerifyProgress = { objects: 0, totalObjects: expected.size, bytes: 0, totalBytes };
    for (const [sha256, bytes] of [...expected].sort(([a], [b]) => a.localeCompare(b))) {
      const path = this.objectPath(sha256);
      let actual: { sha256: string; bytes: number };
      try {
        actual = await hashFile(path, (n) => {
          progress.bytes += n;
          onProgress?.(progress);
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          findings.push({ kind: 'missing', subject: sha256, message: `the evidentiary copy is gone (${relative(this.root, path)})` });
          progress.objects++;
          continue;
        }
        throw error;
      }
      if (actual.sha256 !== sha256) findings.push({ kind: 'altered', subject: sha256, message: `its bytes now hash to ${actual.sha256} (${actual.bytes} bytes, logged ${bytes})` });
      else if (actual.bytes !== bytes) findings.push({ kind: 'altered', subject: sha256, message: `${actual.bytes} bytes, logged ${bytes}` });
      progress.objects++;
      onProgress?.(progress);
    }

    for (const name of await readdir(this.root)) {
      if (!KNOWN_TOP_LEVEL.has(name)) findings.push({ kind: 'unexpected', subject: name, message: 'a file the vault does not know' });
    }
    for (const fanout of await readdir(join(this.root, 'objects'))) {
      const dir = join(this.root, 'objects', fanout);
      const info = await stat(dir);
      if (!info.isDirectory()) {
        findings.push({ kind: 'unexpected', subject: relative(this.root, dir), message: 'a file the vault does not know' });
        continue;
      }
      for (const name of await readdir(dir)) {
        if (!expected.has(name) || fanout !== name.slice(0, 2)) {
          findings.push({ kind: 'unexpected', subject: relative(this.root, join(dir, name)), message: 'in objects/ but never captured in the custody log' });
        }
      }
    }
    return findings;
  }

  private readonly mediaTypes = new Map<string, string>();

  private remember(entry: CustodyEntry): void {
    if (entry.action !== 'captured') return;
    let keys = this.captured.get(entry.sha256);
    if (keys === undefined) this.captured.set(entry.sha256, (keys = new Set()));
    keys.add(captureKey(entry.caseId, entry.source.path, entry.source.url));
    this.objectBytes.set(entry.sha256, entry.bytes);
    this.mediaTypes.set(entry.sha256, entry.mediaType);
  }

  private async append(action: CustodyAction, sha256: string, bytes: number, mediaType: string, request: CaptureRequest): Promise<CustodyEntry> {
    const entry = await this.writer.append({
      at: this.options.clock().toISOString(),
      actor: this.options.actor,
      action,
      sha256,
      bytes,
      mediaType,
      source: { path: request.sourcePath, url: request.sourceUrl },
      caseId: request.caseId,
      toolVersion: this.options.toolVersion,
      note: request.note ?? null,
    });
    this.remember(entry);
    return entry;
  }
}

function captureKey(caseId: string | null, path: string | null, url: string | null): string {
  return JSON.stringify([caseId, path, url]);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function hashFile(path: string, onBytes: (n: number) => void): Promise<{ sha256: string; bytes: number }> {
  const digest = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    digest.update(chunk);
    bytes += chunk.length;
    onBytes(chunk.length);
  }
  return { sha256: digest.digest('hex'), bytes };
}
