import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseCaseFile, systemClock, type CaseFile, type Clock } from '../model/index.js';
import { isExecutableFile, keyedPseudonymizer, systemFfmpeg, type FfmpegRunner } from '../ingest/index.js';
import { Store, isPostgresUrl } from '../store/index.js';
import { Vault } from '../vault/index.js';
import type { Config } from './config.js';
import { CliError, EXIT } from './errors.js';

export const TOOL_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export interface LoadedCase {
  /** Absolute path of the case file. */
  path: string;
  /** Its folder: source paths are relative to it. */
  dir: string;
  caseFile: CaseFile;
}

/** Read and validate a case file (or `<dir>/case.yaml`); every problem is listed, exit 2. */
export async function loadCase(pathOrDir: string): Promise<LoadedCase> {
  let path = resolve(pathOrDir);
  const info = await stat(path).catch(() => null);
  if (info === null) throw new CliError(`no such case file or folder: ${pathOrDir}`);
  if (info.isDirectory()) path = join(path, 'case.yaml');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`cannot read the case file ${relative(process.cwd(), path)}`);
  }
  const parsed = parseCaseFile(text);
  const shown = relative(process.cwd(), path) || path;
  if (!parsed.ok) {
    throw new CliError(
      `${shown}: ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'} in the case file`,
      EXIT.input,
      parsed.problems.map((p) => `${shown}${p.line === null ? '' : `:${p.line}:${p.column ?? 1}`} ${p.path === '' ? '' : `${p.path}: `}${p.message}`),
    );
  }
  return { path, dir: dirname(path), caseFile: parsed.caseFile };
}

export interface Workspace {
  /** `<case dir>/.corroborate`. */
  dir: string;
  store: Store;
  vault: Vault;
  vaultDir: string;
  clock: Clock;
  /** The network for URL sources: the platform's fetch, here at the edge. */
  fetcher: typeof fetch;
  /** Debian's ffmpeg, for video keyframes and uncommon picture formats; null when not installed. */
  ffmpeg: FfmpegRunner | null;
  actor: string;
  pseudonymizer: ReturnType<typeof keyedPseudonymizer>;
  close(): Promise<void>;
}

export function workspaceDir(loaded: LoadedCase): string {
  return join(loaded.dir, '.corroborate');
}

export function vaultDirOf(loaded: LoadedCase): string {
  return join(workspaceDir(loaded), loaded.caseFile.id, 'vault');
}

/** Where the installation's Ed25519 key lives: `$CORROBORATE_HOME/keys`, else `~/.corroborate/keys`. */
export function installationKeysDir(config: Config): string {
  return join(config.home ?? join(homedir(), '.corroborate'), 'keys');
}

/** The workspace's audit log: `<case dir>/.corroborate/audit`. */
export function auditDirOf(loaded: LoadedCase): string {
  return join(workspaceDir(loaded), 'audit');
}

export function databaseUrl(loaded: LoadedCase, config: Config, flag: string | undefined): string {
  return flag ?? config.db ?? join(workspaceDir(loaded), 'corroborate.db');
}

/** Open what a case works with: its database, its vault, and the workspace's pseudonym key. */
export async function openWorkspace(loaded: LoadedCase, config: Config, dbFlag: string | undefined): Promise<Workspace> {
  const dir = workspaceDir(loaded);
  await ensureFolder(dir);
  const url = databaseUrl(loaded, config, dbFlag);
  if (!isPostgresUrl(url)) await ensureFolder(dirname(resolve(url)));
  const store = await Store.open({ url });
  try {
    const vaultDir = vaultDirOf(loaded);
    const vault = await Vault.open({ root: vaultDir, clock: systemClock, actor: config.actor, toolVersion: TOOL_VERSION });
    const key = await loadOrCreateKey(join(dir, 'keys', 'pseudonym.key'));
    await store.upsertCase(loaded.caseFile, loaded.path, systemClock().toISOString());
    return { dir, store, vault, vaultDir, clock: systemClock, fetcher: fetch, ffmpeg: systemFfmpeg(isExecutableFile), actor: config.actor, pseudonymizer: keyedPseudonymizer(key), close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Make a folder and any missing parents, one level at a time. (Node's recursive mkdir spins
 * forever where the file system answers ENOENT to every new name, as /proc does; and a parent
 * that is a file deserves words, not EEXIST.)
 */
async function ensureFolder(path: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const info = await stat(at).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    });
    if (info !== null) {
      if (!info.isDirectory()) throw new CliError(`cannot make the folder ${path}: ${at} is a file, not a folder`);
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new CliError(`cannot make the folder ${folder}: ${code === 'ENOENT' ? 'the file system refuses new folders there' : (error as Error).message}`);
    }
  }
}

/**
 * The workspace's secret for pseudonyms: made once, readable by the owner only. Losing it only
 * means new pseudonyms for the same people in later ingests; the vault still holds the originals.
 */
async function loadOrCreateKey(path: string): Promise<Uint8Array> {
  try {
    const text = await readFile(path, 'utf8');
    const key = Buffer.from(text.trim(), 'hex');
    if (key.length === 32) return key;
    throw new CliError(`the pseudonym key ${path} is damaged (expected 64 hex digits); restore it from a backup`, EXIT.infrastructure);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(path);
    throw error;
  }
}
