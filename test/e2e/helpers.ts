import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository, the built CLI and the demo case, found from this file (not from the cwd). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(REPO, 'dist', 'cli', 'main.js');
export const DEMO = join(REPO, 'examples', 'venezuela-strike');
export const DEMO_CASE_ID = 'demo-guasdualito-2026-09-18';

/**
 * Items per demo source, as `corroborate investigate` reports them: read, and stored under that
 * source on a first run (the captured page is the same article as the saved one, so it adds none).
 */
export const DEMO_ITEMS: readonly (readonly [source: string, items: number, added: number])[] = [
  ['telegram-channels', 415, 415],
  ['telegram-vecinos', 103, 103],
  ['portal-llanero', 11, 11],
  ['cuaderno-de-frontera', 9, 9],
  ['la-sabana-digital', 9, 9],
  ['whatsapp-familia', 32, 32],
  ['x-search', 6, 6],
  ['acled-apure', 6, 6],
  ['photo-smoke', 1, 1],
  ['photo-landfill', 1, 1],
  ['photo-forwarded', 1, 1],
  ['web-lasabana-saved', 1, 1],
  ['web-lasabana-captured', 1, 0],
];
export const DEMO_TOTAL_ITEMS = 595;
/** Reference events (the ACLED rows) are kept as items but never made into reports. */
export const DEMO_TOTAL_REPORTS = 589;
/** A warning for the X API's error entry, infos for a protected author and WhatsApp's missing timezone. */
export const DEMO_DIAGNOSTICS = 3;

/**
 * The installation folder (`CORROBORATE_HOME`, where the Ed25519 key that signs captures and the
 * audit log lives) that the CLI gets in these tests: one per test process, never the user's own.
 */
export const TEST_HOME = mkdtempSync(join(tmpdir(), 'corroborate-e2e-home-'));
process.on('exit', () => {
  rmSync(TEST_HOME, { recursive: true, force: true });
});

/** `N item(s) (M new)` as the ingest summary line writes it. */
export function itemsLine(items: number, added: number): string {
  return `${items} ${items === 1 ? 'item' : 'items'} \\(${added} new\\)`;
}

/** For `beforeAll`: these tests run the built program, so there must be one. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
}

export async function packageVersion(): Promise<string> {
  const manifest: unknown = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || !('version' in manifest) || typeof manifest.version !== 'string') {
    throw new Error('package.json has no version');
  }
  return manifest.version;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The folder the command runs in: paths it prints are relative to it. */
  cwd: string;
  /** Added to the environment (after the tool's own variables are cleared). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Written to the command's stdin, which is then closed (empty when absent). */
  stdin?: string;
}

/**
 * The environment a user would have: the parent's, minus any CORROBORATE_* setting that would
 * point the child at another database (and NODE_OPTIONS, which a test runner may use to load
 * its own hooks), with a fixed actor for the custody and audit logs and the tests' own
 * installation folder.
 */
export function cliEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('CORROBORATE_') && name !== 'NODE_OPTIONS') env[name] = value;
  }
  return { ...env, CORROBORATE_ACTOR: 'e2e@test', CORROBORATE_HOME: TEST_HOME, NO_COLOR: '1', ...extra };
}

/** Run `node dist/cli/main.js …` to the end and collect what it printed. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: cliEnvironment(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
    });
    child.stdin.end(options.stdin ?? '');
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolvePromise({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** A fresh folder under the system's temp folder; give it back to `removeTempDir`. */
export function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'corroborate-e2e-'));
}

export async function removeTempDir(dir: string | undefined): Promise<void> {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}

/**
 * Copy the demo case (case file, README, sources) into `target` — never its `.corroborate`
 * workspace, which belongs to whoever ran `npm start` in the repository.
 */
export async function copyDemo(target: string): Promise<string> {
  await cp(join(DEMO, 'case.yaml'), join(target, 'case.yaml'));
  await cp(join(DEMO, 'README.md'), join(target, 'README.md'));
  await cp(join(DEMO, 'sources'), join(target, 'sources'), { recursive: true });
  await cp(join(DEMO, 'captured'), join(target, 'captured'), { recursive: true });
  return join(target, 'case.yaml');
}

export interface TestSource {
  id: string;
  path: string;
  kind?: 'telegram' | 'feed';
}

/** Write a small valid case file listing `sources` into `dir`; returns its path. */
export async function writeCase(dir: string, id: string, sources: readonly TestSource[]): Promise<string> {
  const listed = sources
    .map((s) => [`  - id: ${s.id}`, ...(s.kind === undefined ? [] : [`    kind: ${s.kind}`]), `    path: ${s.path}`].join('\n'))
    .join('\n');
  const text = `schema: corroborate.case/1
id: ${id}
title: "End-to-end test case ${id}"
synthetic: true
claim:
  text: "Un ataque con dron destruyó el campamento"
  claimant:
    name: Comando de prueba
    kind: military
  eventType: air-drone-strike
  place:
    name: Guasdualito
  time: 2026-09-18T02:10:00
  timezone: America/Caracas
sources:
${listed}
`;
  const path = join(dir, 'case.yaml');
  await writeFile(path, text);
  return path;
}

/** The non-empty lines of a command's output. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** What a stack trace looks like in stderr: `    at fn (file:line:col)`. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
