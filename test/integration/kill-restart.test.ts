import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, writeTelegramExport } from '../../bench/telegram-export.js';
import { testCase } from '../helpers/items.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import type { Store } from '../../src/store/index.js';
import { stringify } from 'yaml';

/**
 * The promise of DESIGN.md: nothing ingested is lost or duplicated across crashes. A large
 * export is ingested by the real CLI, killed with SIGKILL at several random points, and started
 * again until it finishes; the store and the vault must then hold exactly what one
 * uninterrupted run leaves.
 */

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
const MESSAGES = 60_000;
/** A fixed key in every workspace, so that pseudonyms (and so rows) compare across runs. */
const PSEUDONYM_KEY = `${'5e'.repeat(32)}\n`;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stderr: string;
}

/** Run `corroborate ingest` on a case; kill it with SIGKILL after `killAfterMs` if given. */
function ingest(caseFile: string, env: Record<string, string>, killAfterMs: number | null): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'ingest', caseFile, '--quiet'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer !== null) clearTimeout(timer);
      resolve({ code, signal, ms: performance.now() - started, stderr });
    });
  });
}

/** Everything an ingest leaves that must not depend on interruptions (times of the run aside). */
async function snapshot(store: Store, caseId: string): Promise<{ items: string[]; diagnostics: string[]; runs: string[]; custody: string[] }> {
  const items: string[] = [];
  for await (const item of store.iterateRawItems(caseId, 5000)) items.push(JSON.stringify(item));
  const diagnostics = (await store.listDiagnostics(caseId, { limit: 1_000_000 })).map((d) => JSON.stringify(d)).sort();
  const runs = (await store.listRuns(caseId)).map((r) => r.status);
  const custody = (await store.listCustody(caseId)).map((e) => `${e.action} ${e.sha256} ${e.bytes} ${e.sourcePath ?? ''}`);
  return { items, diagnostics, runs, custody };
}

async function makeCase(root: string, name: string, exportPath: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, '.corroborate', 'keys'), { recursive: true });
  await writeFile(join(dir, '.corroborate', 'keys', 'pseudonym.key'), PSEUDONYM_KEY, { mode: 0o600 });
  const kase = { ...testCase('kill-restart'), sources: [{ id: 'big-export', kind: 'telegram' as const, path: exportPath }] };
  await writeFile(join(dir, 'case.yaml'), stringify(kase));
  return join(dir, 'case.yaml');
}

describe('ingest killed with SIGKILL and started again', () => {
  let root: string;
  let exportPath: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    root = await mkdtemp(join(tmpdir(), 'corroborate-kill-'));
    exportPath = join(root, 'export', 'result.json');
    await mkdir(join(root, 'export'), { recursive: true });
    await writeTelegramExport(exportPath, { messages: MESSAGES, damagedEvery: 997, seed: 7 });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  for (const dialect of DIALECTS) {
    const seed = dialect === 'sqlite' ? 20261125 : 20261126;
    it(`on ${dialect}: ends exactly as an uninterrupted run, nothing lost or duplicated (seed ${seed})`, async () => {
      const databases: TestDatabase[] = [await freshDatabase(dialect), await freshDatabase(dialect)];
      const [referenceDb, interruptedDb] = databases as [TestDatabase, TestDatabase];
      try {
        const referenceCase = await makeCase(root, `${dialect}-reference`, exportPath);
        const reference = await ingest(referenceCase, referenceDb.env, null);
        expect(reference.code, reference.stderr).toBe(0);

        // Kill points spread over the whole run: the capture into the vault, the parse and the
        // batches of writes, the end; each restart begins again from the source.
        // Seeded, so a failure names the kill points that caused it and can be replayed.
        const random = seededRandom(seed);
        const killPoints = [0.02, 0.15, 0.35, 0.55, 0.8, 0.95].map((share) => Math.round(reference.ms * (share + (random() - 0.5) * 0.1)));
        const interruptedCase = await makeCase(root, `${dialect}-interrupted`, exportPath);
        const kills: string[] = [];
        for (const at of killPoints) {
          const run = await ingest(interruptedCase, interruptedDb.env, Math.max(30, at));
          kills.push(`${Math.max(30, at)} ms → ${run.signal ?? `exit ${String(run.code)}`}`);
        }
        const last = await ingest(interruptedCase, interruptedDb.env, null);
        expect(last.code, last.stderr).toBe(0);
        expect(kills.filter((k) => k.endsWith('SIGKILL')).length, kills.join('; ')).toBeGreaterThanOrEqual(4);

        const [a, b] = [await referenceDb.open(), await interruptedDb.open()];
        try {
          const expected = await snapshot(a, 'kill-restart');
          const actual = await snapshot(b, 'kill-restart');
          expect(expected.items).toHaveLength(MESSAGES);
          expect(actual.items.length).toBe(expected.items.length);
          expect(new Set(actual.items.map((i) => (JSON.parse(i) as { externalId: string }).externalId)).size).toBe(MESSAGES);
          expect(actual.items).toEqual(expected.items);
          expect(expected.diagnostics.length).toBeGreaterThan(0);
          expect(actual.diagnostics).toEqual(expected.diagnostics);
          // The custody log names each capture once, however many times a killed run began it.
          expect(actual.custody).toEqual(expected.custody);
          expect(actual.runs.at(-1)).toBe('completed');
          expect(actual.runs.slice(0, -1).every((s) => s === 'interrupted' || s === 'completed')).toBe(true);
        } finally {
          await a.close();
          await b.close();
        }

        // The vault of the interrupted workspace verifies clean: no half-written object, no torn log.
        const verify = await new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, [CLI, 'vault', 'verify', interruptedCase, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.on('close', (code) => { resolve({ code, out }); });
        });
        expect(verify.code, verify.out).toBe(0);
        expect(JSON.parse(verify.out)).toMatchObject({ ok: true, objects: 1 });
      } finally {
        for (const database of databases) await database.drop();
      }
    });
  }
});
