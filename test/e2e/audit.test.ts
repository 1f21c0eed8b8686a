import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO, TEST_HOME, linesOf, makeTempDir, removeTempDir, requireBuiltCli, runCli, writeCase } from './helpers.js';

const Finding = z.object({ id: z.string(), file: z.string(), line: z.number().nullable(), seq: z.number().nullable(), message: z.string() });
const VerifyJson = z.object({
  ok: z.boolean(),
  size: z.number(),
  rootHash: z.string(),
  heads: z.number(),
  lastSignedHead: z.object({ size: z.number(), rootHash: z.string(), keyId: z.string() }).nullable(),
  findings: z.array(Finding),
});
const ShowJson = z.object({
  size: z.number(),
  entries: z.array(
    z.object({
      line: z.number(),
      entry: z.object({ seq: z.number(), actor: z.string(), action: z.string(), caseId: z.string().nullable(), summary: z.string(), payloadSha256: z.string() }),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});

let dir: string;
let casePath: string;
let logPath: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
  await mkdir(join(dir, 'sources'));
  await cp(join(DEMO, 'sources', 'feeds', 'portal-llanero.rss.xml'), join(dir, 'sources', 'portal-llanero.rss.xml'));
  await cp(join(DEMO, 'sources', 'feeds', 'cuaderno-de-frontera.atom.xml'), join(dir, 'sources', 'cuaderno.atom.xml'));
  casePath = await writeCase(dir, 'audit-e2e', [
    { id: 'portal-llanero', path: 'sources/portal-llanero.rss.xml' },
    { id: 'cuaderno', path: 'sources/cuaderno.atom.xml' },
  ]);
  logPath = join(dir, '.corroborate', 'audit', 'log.jsonl');
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe('audit log', () => {
  it('a case with nothing recorded has no audit log yet: exit 2, said plainly', async () => {
    const run = await runCli(['audit', 'verify', casePath], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('case audit-e2e has no audit log yet (nothing recorded): .corroborate/audit');
  });

  it('records every ingest run, the analysis and a vault check, each with its details', async () => {
    expect((await runCli(['ingest', casePath, 'portal-llanero', '--quiet'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['investigate', casePath, '--quiet', '--json'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['vault', 'verify', casePath, '--quiet'], { cwd: dir })).code).toBe(0);

    const show = await runCli(['audit', 'show', casePath, '--json'], { cwd: dir });
    expect(show.code).toBe(0);
    const { size, entries } = ShowJson.parse(JSON.parse(show.stdout));
    expect(size).toBe(5);
    expect(entries.map((e) => [e.entry.seq, e.entry.action, e.entry.actor, e.entry.caseId])).toEqual([
      [0, 'ingest', 'e2e@test', 'audit-e2e'],
      [1, 'ingest', 'e2e@test', 'audit-e2e'],
      [2, 'ingest', 'e2e@test', 'audit-e2e'],
      [3, 'analysis', 'e2e@test', 'audit-e2e'],
      [4, 'vault-verify', 'e2e@test', 'audit-e2e'],
    ]);
    expect(entries[0]?.entry.summary).toBe('ingest portal-llanero: 11 items (11 new), 0 errors, 0 warnings');
    expect(entries[0]?.payload).toMatchObject({ sourceId: 'portal-llanero', status: 'completed', format: 'feed', itemsSeen: 11, itemsAdded: 11, inputSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    // The second ingest of the same feed adds nothing, and the log says so.
    expect(entries[1]?.payload).toMatchObject({ sourceId: 'portal-llanero', itemsAdded: 0 });
    expect(entries[2]?.payload).toMatchObject({ sourceId: 'cuaderno', itemsSeen: 9, itemsAdded: 9 });
    expect(entries[3]?.payload).toMatchObject({ items: 20, reports: 20 });
    expect(entries[4]?.entry.summary).toMatch(/^vault verify: OK, 2 objects re-hashed, custody log of 2 entries$/);

    const text = await runCli(['audit', 'show', casePath, '--limit', '2'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(linesOf(text.stdout)[0]).toBe('audit log .corroborate/audit: 5 entries, the last 2 shown');
    expect(text.stdout).toMatch(/^ {2}4 +\S+Z +e2e@test +vault-verify +vault verify: OK/m);
  });

  it('verify says OK on an untouched log, exit 0; prove verifies an entry against the signed head', async () => {
    const run = await runCli(['audit', 'verify', casePath], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^audit log \.corroborate\/audit: OK — 5 entries chained, root [0-9a-f]{64}, signed head of size 5 at \S+ by key [0-9a-f]{32}$/m);

    const prove = await runCli(['audit', 'prove', casePath, '2'], { cwd: dir });
    expect(prove.code).toBe(0);
    expect(prove.stdout).toMatch(/^entry 2 \(ingest, \S+, e2e@test\): ingest cuaderno: 9 items/);
    expect(prove.stdout).toContain('  verified: entry 2 is in the tree of 5 entries that the signed head names');
  });

  it('verifies with only the public key, from anywhere', async () => {
    const elsewhere = { CORROBORATE_HOME: join(dir, 'no-home') };
    const without = await runCli(['audit', 'verify', casePath], { cwd: dir, env: elsewhere });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('no public key to check the tree heads with');
    const publicKey = join(dir, 'installation.pem');
    await writeFile(publicKey, await readFile(join(TEST_HOME, 'keys', 'ed25519-public.pem')));
    const run = await runCli(['audit', 'verify', casePath, '--public-key', publicKey, '--json'], { cwd: dir, env: elsewhere });
    expect(run.code).toBe(0);
    expect(VerifyJson.parse(JSON.parse(run.stdout))).toMatchObject({ ok: true, size: 5, heads: 5, findings: [] });
  });

  it('catches one edited byte, naming the entry, and the proofs stop verifying; exit 1', async () => {
    const original = await readFile(logPath);
    const lines = original.toString('utf8').split('\n');
    // One byte of entry 2's summary: "9 items" becomes "8 items".
    const offset = Buffer.byteLength(`${lines[0] ?? ''}\n${lines[1] ?? ''}\n`) + Buffer.from(lines[2] ?? '').indexOf('9 items');
    const edited = Buffer.from(original);
    edited[offset] = '8'.charCodeAt(0);
    await writeFile(logPath, edited);

    const run = await runCli(['audit', 'verify', casePath], { cwd: dir });
    expect(run.code).toBe(1);
    const out = linesOf(run.stdout);
    expect(out[0]).toBe('audit log .corroborate/audit: 2 findings');
    expect(out).toContain('  .corroborate/audit/log.jsonl:3 entry 2 no longer matches its hash: the entry was edited  audit/edited-entry');
    expect(out[2]).toMatch(/^ {2}\.corroborate\/audit\/heads\.jsonl:3 the signed root of the first 3 entries does not match the log: .* \(2 later heads do not match either\) {2}audit\/head-mismatch$/);

    const json = await runCli(['audit', 'verify', casePath, '--json'], { cwd: dir });
    expect(json.code).toBe(1);
    const report = VerifyJson.parse(JSON.parse(json.stdout));
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.id, f.file, f.line, f.seq])).toEqual([
      ['audit/edited-entry', 'log.jsonl', 3, 2],
      ['audit/head-mismatch', 'heads.jsonl', 3, null],
    ]);

    const prove = await runCli(['audit', 'prove', casePath, '2'], { cwd: dir });
    expect(prove.code).toBe(1);
    expect(prove.stdout).toContain('NOT verified: the path does not lead to the signed root');
    await writeFile(logPath, original);
  });

  it('catches the last entry removed, through the signed heads; exit 1', async () => {
    const original = await readFile(logPath);
    const text = original.toString('utf8');
    await writeFile(logPath, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    const run = await runCli(['audit', 'verify', casePath], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('a signed head covers 5 entries but the log has 4 lines: entry 4 was removed from the end  audit/missing-entry');
    await writeFile(logPath, original);
    expect((await runCli(['audit', 'verify', casePath], { cwd: dir })).code).toBe(0);
  });

  it('refuses a bad entry number or limit: exit 2', async () => {
    const prove = await runCli(['audit', 'prove', casePath, 'dos'], { cwd: dir });
    expect(prove.code).toBe(2);
    expect(prove.stderr).toContain('the entry number must be a whole number from 0, not dos');
    const beyond = await runCli(['audit', 'prove', casePath, '99'], { cwd: dir });
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toContain('entry 99 is not under the latest signed head, which covers entries 0–4');
    const limit = await runCli(['audit', 'show', casePath, '--limit', '0'], { cwd: dir });
    expect(limit.code).toBe(2);
  });
});
