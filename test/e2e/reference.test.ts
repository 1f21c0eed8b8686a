import { createHash } from 'node:crypto';
import { appendFile, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO, REPO, copyDemo, makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

const Status = z.object({ analysis: z.object({ recycledMedia: z.number() }) });

let dir: string;
let casePath: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
  casePath = await copyDemo(dir);
});

afterAll(async () => {
  await removeTempDir(dir);
});

async function recycled(): Promise<number> {
  const run = await runCli(['status', casePath, '--json'], { cwd: dir });
  return Status.parse(JSON.parse(run.stdout)).analysis.recycledMedia;
}

describe('reference data in the case file', () => {
  it('a reference set dates a picture before the event: every report carrying it is flagged; a GeoNames dump is merged; bad lines are named', async () => {
    expect((await runCli(['investigate', casePath, '--quiet'], { cwd: dir })).code).toBe(0);
    const before = await recycled();

    // The smoke photo's perceptual hash, as the media stage stored it.
    const photo = await readFile(join(DEMO, 'sources', 'photos', 'IMG_20260918_024107.jpg'));
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const db = new Database(join(dir, '.corroborate', 'corroborate.db'), { readonly: true });
    const row = db.prepare('SELECT perceptual_hash AS hash FROM media_facts WHERE sha256 = ?').get(sha256) as { hash: string } | undefined;
    db.close();
    expect(row?.hash).toMatch(/^[0-9a-f]{16}$/);

    await mkdir(join(dir, 'reference'));
    await writeFile(
      join(dir, 'reference', 'known.jsonl'),
      `${JSON.stringify({ hash: row?.hash, seen: '2026-01-05', source: 'archive of January' })}\nnot a line of JSON\n`,
    );
    await copyFile(join(REPO, 'test', 'fixtures', 'geonames', 'VE-sample.txt'), join(dir, 'reference', 'VE.txt'));
    await appendFile(casePath, '\nreference:\n  geonames: [reference/VE.txt]\n  media: [reference/known.jsonl]\n');

    const run = await runCli(['investigate', casePath, '--quiet'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^gazetteer: reference\/VE\.txt: \d+ places added, \d+ replaced, [1-9]\d* lines rejected$/m);
    expect(run.stderr).toContain('reference.media reference/known.jsonl:2:');
    // The photo itself and its re-posts after the event now carry a picture seen in January.
    expect(await recycled()).toBeGreaterThan(before);
  });

  it('a reference file that is not there stops the run before anything is analysed: exit 2, said plainly', async () => {
    const text = (await readFile(casePath, 'utf8')).replace('media: [reference/known.jsonl]', 'media: [reference/missing-folder]');
    await writeFile(casePath, text);
    const run = await runCli(['investigate', casePath, '--quiet'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('reference.media: no such file or folder: reference/missing-folder');
    expect(run.stdout).not.toContain('✓');
  });
});
