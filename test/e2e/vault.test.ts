import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CASE_ID, DEMO_ITEMS, copyDemo, linesOf, makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

const VerifyJson = z.object({
  ok: z.boolean(),
  objects: z.number(),
  findings: z.array(z.object({ kind: z.enum(['missing', 'altered', 'unexpected', 'custody']), subject: z.string(), message: z.string() })),
});

const AuditShow = z.object({
  entries: z.array(z.object({ entry: z.object({ action: z.string() }), payload: z.record(z.string(), z.unknown()) })),
});

let dir: string;
let casePath: string;
let objectsDir: string;

/** Every evidentiary copy, as `<fanout>/<sha256>`, in a stable order. */
async function objectFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const fanout of (await readdir(objectsDir)).sort()) {
    for (const name of (await readdir(join(objectsDir, fanout))).sort()) files.push(`${fanout}/${name}`);
  }
  return files;
}

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
  casePath = await copyDemo(dir);
  const run = await runCli(['investigate', casePath, '--quiet'], { cwd: dir });
  expect(run.code).toBe(0);
  objectsDir = join(dir, '.corroborate', DEMO_CASE_ID, 'vault', 'objects');
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe('vault verify', () => {
  it('says OK on an untouched vault, exit 0', async () => {
    const run = await runCli(['vault', 'verify', casePath], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^vault \.corroborate\/demo-guasdualito-2026-09-18\/vault: OK — \d+ objects \(.+\) re-hashed, custody log of \d+ entries intact$/m);
  });

  it('reports an altered, a missing and an unexpected file, exit 1', async () => {
    const [altered, missing] = await objectFiles();
    if (altered === undefined || missing === undefined) throw new Error('the demo vault should hold at least two objects');
    const alteredPath = join(objectsDir, altered);
    const missingPath = join(objectsDir, missing);
    // Evidentiary copies are read-only: whoever tampers has to chmod first.
    expect((await stat(alteredPath)).mode & 0o777).toBe(0o444);

    await chmod(alteredPath, 0o644);
    const bytes = await readFile(alteredPath);
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    await writeFile(alteredPath, bytes);
    await chmod(alteredPath, 0o444);

    await chmod(missingPath, 0o644);
    await rm(missingPath);

    const planted = `ff/ff${'0'.repeat(62)}`;
    await mkdir(join(objectsDir, 'ff'), { recursive: true });
    await writeFile(join(objectsDir, planted), 'not evidence\n');

    const alteredSha = altered.slice(3);
    const missingSha = missing.slice(3);

    const run = await runCli(['vault', 'verify', casePath], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = linesOf(run.stdout);
    expect(lines[0]).toMatch(/: 3 findings$/);
    expect(lines.find((line) => line.startsWith('  altered'))).toMatch(new RegExp(`^  altered +${alteredSha}  its bytes now hash to [0-9a-f]{64} `));
    expect(lines).toContainEqual(`  missing    ${missingSha}  the evidentiary copy is gone (objects/${missing})`);
    expect(lines).toContainEqual(`  unexpected objects/${planted}  in objects/ but never captured in the custody log`);

    const json = await runCli(['vault', 'verify', casePath, '--json'], { cwd: dir });
    expect(json.code).toBe(1);
    const report = VerifyJson.parse(JSON.parse(json.stdout));
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.kind, f.subject])).toEqual([
      ['altered', alteredSha],
      ['missing', missingSha],
      ['unexpected', `objects/${planted}`],
    ]);
  });

  it('each check of a case’s vault lands in its audit log, after the investigation’s runs', async () => {
    const show = await runCli(['audit', 'show', casePath, '--json'], { cwd: dir });
    expect(show.code).toBe(0);
    const { entries } = AuditShow.parse(JSON.parse(show.stdout));
    const actions = entries.map((e) => e.entry.action);
    // Thirteen sources ingested, one analysis, then the three vault checks above (OK, then findings twice).
    expect(actions).toEqual([...Array<string>(13).fill('ingest'), 'analysis', 'vault-verify', 'vault-verify', 'vault-verify']);
    expect(entries.slice(0, 13).map((e) => e.payload['sourceId'])).toEqual(DEMO_ITEMS.map(([source]) => source));
    expect(entries[14]?.payload).toMatchObject({ ok: true, findingsByKind: {} });
    expect(entries[15]?.payload).toMatchObject({ ok: false, findingsByKind: { altered: 1, missing: 1, unexpected: 1 } });
    expect((await runCli(['audit', 'verify', casePath], { cwd: dir })).code).toBe(0);
  });

  it('a case with nothing ingested has no vault yet: exit 2, said plainly', async () => {
    const other = join(dir, 'empty-case');
    const init = await runCli(['init', other], { cwd: dir });
    expect(init.code).toBe(0);
    const run = await runCli(['vault', 'verify', other], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('case empty-case has no vault yet (nothing ingested)');
  });
});
