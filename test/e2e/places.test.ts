import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, STACK_FRAME, linesOf, makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
  await writeFile(
    join(dir, 'reports.jsonl'),
    [
      JSON.stringify({ id: 'tg-1', text: 'Se escuchó un bombazo en San Cristóbal, Táchira, a las 2:10', lang: 'es', channel: 'ignored' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'news-1', text: 'Heavy fighting near Aleppo, Syria, the U.S. embassy in Ankara said.' }),
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'tg-2', text: 'Explosión en El Amparo, Apure' }),
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'spans.jsonl'),
    [
      JSON.stringify({ id: 1, text: 'Protestas en Valencia y Maracay', toponyms: [{ start: 13, end: 21 }, { start: 24, end: 31 }] }),
      JSON.stringify({ id: 2, text: 'Llegaron desde Xyzzyville', toponyms: [{ start: 15, end: 25 }] }),
      JSON.stringify({ id: 3, text: 'corto', toponyms: [{ start: 0, end: 50 }] }),
    ].join('\n'),
  );
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe('corroborate geoparse', () => {
  it('prints one line per good input line, in order, and names the bad lines', async () => {
    const run = await runCli(['geoparse', 'reports.jsonl', '--country', 'VE'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = linesOf(run.stdout).map((line) => JSON.parse(line) as { id: string; toponyms: { name: string; countryCode?: string; start: number; end: number }[] });
    expect(lines.map((l) => l.id)).toEqual(['tg-1', 'news-1', 'tg-2']);
    expect(lines[0]?.toponyms.map((t) => [t.name, t.countryCode])).toEqual([
      ['San Cristóbal', 'VE'],
      ['Táchira', 'VE'],
    ]);
    expect(lines[0]?.toponyms[0]).toMatchObject({ start: 25, end: 38, precision: 'locality', geonameid: 3628473 });
    expect(lines[1]?.toponyms.map((t) => t.name)).toEqual(['Aleppo', 'Syria', 'United States', 'Ankara']);
    expect(run.stderr).toMatch(/reports\.jsonl:2 error the line is not JSON/);
    expect(run.stderr).toMatch(/reports\.jsonl:4 error text: .*geoparse\/bad-line/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('merges a GeoNames dump given with --geonames', async () => {
    const dump = join(REPO, 'test', 'fixtures', 'geonames', 'VE-sample.txt');
    const run = await runCli(['geoparse', 'reports.jsonl', '--geonames', dump], { cwd: dir });
    const amparo = linesOf(run.stdout).map((line) => JSON.parse(line) as { id: string; toponyms: { name: string; geonameid?: number }[] }).find((l) => l.id === 'tg-2');
    expect(amparo?.toponyms[0]).toMatchObject({ name: 'El Amparo', geonameid: 99000001 });
    expect(run.stderr).toMatch(/VE-sample\.txt:4 error 3 tab-separated fields, expected 19 {2}geonames\/field-count/);
    expect(run.stderr).toMatch(/2 places added, 3 replaced/);
  });

  it('refuses a bad --near or --country with exit 2', async () => {
    expect((await runCli(['geoparse', 'reports.jsonl', '--near', 'here'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['geoparse', 'reports.jsonl', '--country', 'Venezuela'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['geoparse', 'missing.jsonl'], { cwd: dir })).code).toBe(2);
  });
});

describe('corroborate geocode', () => {
  it('resolves each given span in order, null where nothing is found', async () => {
    const run = await runCli(['geocode', 'spans.jsonl', '--near', '10.2,-67.8,100'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = linesOf(run.stdout).map((line) => JSON.parse(line) as { id: number; toponyms: { name: string; lat: number | null; countryCode?: string; confidence: number }[] });
    expect(lines.map((l) => l.id)).toEqual([1, 2]);
    expect(lines[0]?.toponyms.map((t) => [t.name, t.countryCode])).toEqual([
      ['Valencia', 'VE'],
      ['Maracay', 'VE'],
    ]);
    expect(lines[1]?.toponyms).toEqual([{ start: 15, end: 25, name: 'Xyzzyville', lat: null, lon: null, precision: null, confidence: 0 }]);
    expect(run.stderr).toMatch(/spans\.jsonl:3 error .*runs past the text/);
  });
});
