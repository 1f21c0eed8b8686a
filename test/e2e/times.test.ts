import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeMention, CountMention } from '../../src/model/index.js';
import { makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe('corroborate times', () => {
  it('prints times and counts per line, in order, and names a bad line without stopping', async () => {
    const lines = [
      JSON.stringify({ id: 'tg-1', text: 'Anoche a las 11 se escucharon dos explosiones en Guasdualito, al menos 3 heridos', time: '2026-09-18T01:00:00-04:00', channel: 'ignored' }),
      '{"id": "broken"',
      JSON.stringify({ id: 2, text: 'An hour ago: seven killed near the border', lang: 'en' }),
      JSON.stringify({ id: 'madrid', text: 'Esta madrugada hubo una explosión', time: '2026-10-25T12:00:00+01:00', timezone: 'Europe/Madrid' }),
    ];
    const file = join(dir, 'posts.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const run = await runCli(['times', file, '--timezone', 'America/Caracas', '--now', '2026-09-18T12:00:00Z'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts.jsonl:2: not JSON');
    const out = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: unknown; times: unknown[]; counts: unknown[]; eventTime: { from: string } | null });
    expect(out.map((line) => line.id)).toEqual(['tg-1', 2, 'madrid']);
    const [first, second, third] = out;
    const times = first?.times.map((time) => TimeMention.parse(time));
    expect(times?.map((time) => [time.text, time.from, time.to, time.precision, time.timeZone])).toEqual([
      ['Anoche a las 11', '2026-09-18T03:00:00Z', '2026-09-18T04:00:00Z', 'hour', 'America/Caracas'],
    ]);
    expect(first?.counts.map((count) => CountMention.parse(count)).map((count) => [count.kind, count.min, count.max])).toEqual([
      ['explosions', 2, 2],
      ['injured', 3, null],
    ]);
    expect(first?.eventTime?.from).toBe('2026-09-18T03:00:00Z');
    // The --now time and --timezone stand in for what the line leaves out.
    expect(second?.times.map((time) => TimeMention.parse(time)).map((time) => [time.from, time.to])).toEqual([['2026-09-18T10:30:00Z', '2026-09-18T11:30:00Z']]);
    expect(second?.counts.map((count) => CountMention.parse(count)).map((count) => [count.kind, count.min])).toEqual([['killed', 7]]);
    expect(third?.times.map((time) => TimeMention.parse(time)).map((time) => [time.from, time.to, time.timeZone])).toEqual([['2026-10-24T22:00:00Z', '2026-10-25T05:00:00Z', 'Europe/Madrid']]);
  });

  it('refuses a timezone that is not an IANA zone, as a usage error', async () => {
    const file = join(dir, 'one.jsonl');
    await writeFile(file, '{"id":"a","text":"ayer","time":"2026-09-18T12:00:00Z"}\n');
    const run = await runCli(['times', file, '--timezone', 'Caracas'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timezone: Caracas is not an IANA timezone');
  });
});
