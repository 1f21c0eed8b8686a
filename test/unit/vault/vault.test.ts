import { createHash } from 'node:crypto';
import { appendFile, chmod, mkdir, readFile, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../src/vault/index.js';
import { steppingClock, useTempDirs } from '../../helpers/temp.js';

const tempDir = useTempDirs();

async function openVault(root: string): Promise<Vault> {
  return Vault.open({ root, clock: steppingClock(), actor: 'tester@host', toolVersion: '0.0.0-test' });
}

async function withFiles(): Promise<{ dir: string; vault: Vault; a: string; b: string }> {
  const dir = await tempDir();
  await writeFile(join(dir, 'a.json'), '{"messages": []}\n');
  await writeFile(join(dir, 'b.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
  const vault = await openVault(join(dir, 'vault'));
  return { dir, vault, a: join(dir, 'a.json'), b: join(dir, 'b.jpg') };
}

describe('vault', () => {
  it('stores a file under its SHA-256, read-only, with a custody entry', async () => {
    const { vault, a } = await withFiles();
    const capture = await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    expect(capture.sha256).toBe(createHash('sha256').update('{"messages": []}\n').digest('hex'));
    expect(capture.path).toBe(join(vault.root, 'objects', capture.sha256.slice(0, 2), capture.sha256));
    expect(await readFile(capture.path, 'utf8')).toBe('{"messages": []}\n');
    expect((await stat(capture.path)).mode & 0o777).toBe(0o444);
    expect(capture.mediaType).toBe('application/json');
    expect(capture.entry).toMatchObject({ seq: 1, action: 'captured', actor: 'tester@host', bytes: 17, source: { path: 'a.json', url: null }, caseId: 'c1', prev: '' });
  });

  it('adds nothing when the same file is captured again from the same place', async () => {
    const { vault, a, b } = await withFiles();
    const first = await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    const again = await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    expect(again).toMatchObject({ sha256: first.sha256, entry: null });
    await vault.captureFile(b, { caseId: 'c1', sourcePath: 'b.jpg', sourceUrl: null });
    const { entries, problems } = await vault.custody();
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.seq, e.action, e.mediaType])).toEqual([
      [1, 'captured', 'application/json'],
      [2, 'captured', 'image/jpeg'],
    ]);
    expect(entries[1]?.prev).toBe(entries[0]?.hash);
  });

  it('keeps its log across reopening and chains new entries to the old ones', async () => {
    const { dir, vault, a, b } = await withFiles();
    await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    const reopened = await openVault(join(dir, 'vault'));
    expect((await reopened.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null })).entry).toBeNull();
    const second = await reopened.captureFile(b, { caseId: 'c1', sourcePath: 'b.jpg', sourceUrl: null });
    expect(second.entry?.seq).toBe(2);
    expect(await reopened.verify()).toEqual([]);
  });

  it('makes working copies apart from the evidentiary copy, and logs them', async () => {
    const { vault, a } = await withFiles();
    const capture = await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    const working = await vault.checkout(capture.sha256, 'a.json', 'c1');
    await appendFile(working, 'edited by an analyst\n');
    expect(await readFile(capture.path, 'utf8')).toBe('{"messages": []}\n');
    await vault.recordExport(capture.sha256, '/exports/bundle.zip', 'c1', 'evidence bundle');
    const { entries } = await vault.custody();
    expect(entries.map((e) => e.action)).toEqual(['captured', 'copied', 'exported']);
    expect(await vault.verify()).toEqual([]);
  });

  it('verify finds nothing in an intact vault', async () => {
    const { vault, a, b } = await withFiles();
    await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    await vault.captureFile(b, { caseId: 'c1', sourcePath: 'b.jpg', sourceUrl: null });
    const progress: number[] = [];
    expect(await vault.verify((p) => progress.push(p.bytes))).toEqual([]);
    expect(progress[progress.length - 1]).toBe(25);
  });

  it('verify catches a changed byte, a deleted file and an added file', async () => {
    const { dir, vault, a, b } = await withFiles();
    const ca = await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    const cb = await vault.captureFile(b, { caseId: 'c1', sourcePath: 'b.jpg', sourceUrl: null });
    await chmod(ca.path, 0o644);
    const bytes = await readFile(ca.path);
    bytes[3] = (bytes[3] ?? 0) ^ 0x01;
    await writeFile(ca.path, bytes);
    await unlink(cb.path);
    await mkdir(join(dir, 'vault', 'objects', 'ab'), { recursive: true });
    await writeFile(join(dir, 'vault', 'objects', 'ab', 'ab'.padEnd(64, '0')), 'planted');
    await writeFile(join(dir, 'vault', 'notes.txt'), 'left here');
    const findings = await vault.verify();
    expect(findings.map((f) => [f.kind, f.subject])).toEqual(
      expect.arrayContaining([
        ['altered', ca.sha256],
        ['missing', cb.sha256],
        ['unexpected', join('objects', 'ab', 'ab'.padEnd(64, '0'))],
        ['unexpected', 'notes.txt'],
      ]),
    );
    expect(findings).toHaveLength(4);
  });

  it('verify catches an edited, a removed and a reordered custody entry', async () => {
    const { dir, vault, a, b } = await withFiles();
    await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    await vault.captureFile(b, { caseId: 'c1', sourcePath: 'b.jpg', sourceUrl: null });
    await vault.checkout((await vault.custody()).entries[0]?.sha256 ?? '', 'a.json', 'c1');
    const logPath = join(dir, 'vault', 'custody.jsonl');
    const original = await readFile(logPath, 'utf8');
    const lines = original.trimEnd().split('\n');

    await writeFile(logPath, original.replace('tester@host', 'someone@else'));
    expect((await vault.verify()).map((f) => [f.kind, f.subject])).toContainEqual(['custody', 'custody.jsonl:1']);

    await writeFile(logPath, `${[lines[0], lines[2]].join('\n')}\n`);
    expect((await vault.verify()).some((f) => f.kind === 'custody' && /sequence|chain/.test(f.message))).toBe(true);

    await writeFile(logPath, `${[lines[1], lines[0], lines[2]].join('\n')}\n`);
    expect((await vault.verify()).filter((f) => f.kind === 'custody').length).toBeGreaterThan(0);

    await writeFile(logPath, original);
    expect(await vault.verify()).toEqual([]);
  });

  it('drops an unfinished last log line left by a crash when it opens, and nothing else', async () => {
    const { dir, vault, a } = await withFiles();
    await vault.captureFile(a, { caseId: 'c1', sourcePath: 'a.json', sourceUrl: null });
    const logPath = join(dir, 'vault', 'custody.jsonl');
    await appendFile(logPath, '{"seq":2,"at":"2026-');
    expect((await vault.verify()).map((f) => f.kind)).toEqual(['custody']);
    const reopened = await openVault(join(dir, 'vault'));
    expect(await reopened.verify()).toEqual([]);
    expect((await readFile(logPath, 'utf8')).endsWith('}\n')).toBe(true);
  });

  it('clears captures that a crash left half-written', async () => {
    const { dir } = await withFiles();
    await openVault(join(dir, 'vault'));
    await writeFile(join(dir, 'vault', 'tmp', 'capture-1-2-x'), 'half a file');
    const reopened = await openVault(join(dir, 'vault'));
    expect(await readdir(join(dir, 'vault', 'tmp'))).toEqual([]);
    expect(await reopened.verify()).toEqual([]);
  });
});
