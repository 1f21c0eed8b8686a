import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
});

afterAll(async () => {
  await removeTempDir(dir);
});

const REPORTS = [
  { id: 'apure-1', text: 'Fuerte explosión en Guasdualito anoche, se escuchó en todo el pueblo', time: '2026-09-18T02:15:00-04:00' },
  { id: 'vecinos-2', text: 'Explosión en Guasdualito: vecinos reportan humo cerca del aeropuerto', time: '2026-09-18T02:40:00-04:00' },
  { id: 'beisbol', text: 'Resultados del béisbol: Tigres ganaron 5 a 3 en el noveno inning', time: '2026-09-18T03:00:00-04:00' },
  { id: 'geo-3', text: 'Guasdualito: explosión cerca del aeropuerto confirmada por vecinos', time: '2026-09-18T08:00:00Z', lat: 7.21, lon: -70.73 },
  // The same words, in Caracas: another place, another incident.
  { id: 'caracas-4', text: 'Explosión cerca del aeropuerto, vecinos reportan humo', time: '2026-09-18T03:00:00-04:00', lat: 10.6, lon: -66.99 },
  { id: 7, text: 'Resultados del béisbol: los Tigres ganaron otra vez en el noveno', time: '2026-09-18T09:30:00Z' },
];

describe('corroborate cluster', () => {
  it('prints {"id","incident"} per good line in input order; bad lines are named, exit 1; incidents are written when asked', async () => {
    const input = [...REPORTS.slice(0, 3).map((r) => JSON.stringify(r)), '{"id": "roto"', JSON.stringify({ id: 'sin-zona', text: 'explosión', time: '2026-09-18T03:10:00' }), ...REPORTS.slice(3).map((r) => JSON.stringify(r))];
    await writeFile(join(dir, 'reports.jsonl'), input.join('\n'));
    const run = await runCli(['cluster', 'reports.jsonl', '--incidents', 'incidents.jsonl'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('reports.jsonl:4: not JSON');
    expect(run.stderr).toMatch(/reports\.jsonl:5: time: an ISO 8601 time with an offset/);
    expect(run.stderr).toContain('2 lines were not clustered');
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { id: 'apure-1', incident: 'apure-1' },
      { id: 'vecinos-2', incident: 'apure-1' },
      { id: 'beisbol', incident: 'beisbol' },
      { id: 'geo-3', incident: 'apure-1' },
      { id: 'caracas-4', incident: 'caracas-4' },
      { id: 7, incident: 'beisbol' },
    ]);
    const incidents = (await readFile(join(dir, 'incidents.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { id: string; reports: number; placedReports: number; centroid: unknown });
    expect(incidents.map((i) => [i.id, i.reports])).toEqual([
      ['apure-1', 3],
      ['beisbol', 2],
      ['caracas-4', 1],
    ]);
    expect(incidents[0]?.placedReports).toBeGreaterThan(0);
  });

  it('gives the same incidents for the lines in reverse order', async () => {
    const shuffled = [...REPORTS].reverse();
    await writeFile(join(dir, 'reversed.jsonl'), shuffled.map((r) => JSON.stringify(r)).join('\n'));
    const run = await runCli(['cluster', 'reversed.jsonl'], { cwd: dir });
    expect(run.code).toBe(0);
    const byId = Object.fromEntries(run.stdout.trim().split('\n').map((line) => { const { id, incident } = JSON.parse(line) as { id: string; incident: string }; return [id, incident]; }));
    expect(byId).toEqual({ 'apure-1': 'apure-1', 'vecinos-2': 'apure-1', beisbol: 'beisbol', 'geo-3': 'apure-1', 'caracas-4': 'caracas-4', 7: 'beisbol' });
  });

  it('refuses a timezone it does not know, exit 2', async () => {
    const run = await runCli(['cluster', 'reports.jsonl', '--timezone', 'Mars/Olympus'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not an IANA timezone');
  });
});
