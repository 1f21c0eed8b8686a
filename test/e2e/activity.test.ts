import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityFinding } from '../../src/model/index.js';
import { channelPosts, evenPosts } from '../../bench/activity-channels.js';
import { makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
});

afterAll(async () => {
  await removeTempDir(dir);
});

const CARACAS = 'America/Caracas';
const AT = '2026-09-18T02:10:00-04:00';
const END = '2026-09-21T12:00:00-04:00';
const iso = (ms: number): string => new Date(ms).toISOString();

// SYNTHETIC: an armed group's channel that stops after 01:58, a neighbourhood group that bursts into
// chatter after the claimed time, a town's news feed that carries on, and an account with too little history.
const channels: Record<string, number[]> = {
  'telegram:comando': [...channelPosts({ from: '2026-08-10T00:00:00-04:00', to: '2026-09-18T01:00:00-04:00', timezone: CARACAS, seed: 21 }), Date.parse('2026-09-18T01:58:00-04:00')],
  'whatsapp:vecinos-guasdualito': [
    ...channelPosts({ from: '2026-08-10T00:00:00-04:00', to: END, timezone: CARACAS, seed: 22 }),
    ...evenPosts('2026-09-18T06:15:00Z', 2.5, 30),
  ],
  'feed:diario-apure': channelPosts({ from: '2026-08-10T00:00:00-04:00', to: END, timezone: CARACAS, seed: 23 }),
  'x:nuevo': evenPosts('2026-09-15T00:00:00Z', 24 * 6, 15),
};

function jsonLines(): string {
  // Interleaved by time, as an export of several channels would be.
  const posts = Object.entries(channels).flatMap(([channel, times]) => times.map((time) => ({ channel, time })));
  posts.sort((a, b) => a.time - b.time);
  return posts.map((post) => JSON.stringify({ channel: post.channel, time: iso(post.time) })).join('\n');
}

interface Line {
  channel: string;
  posts: number;
  findings: unknown[];
}

describe('corroborate activity', () => {
  it('reads a file: one line per channel in first-seen order, a silence and a burst found, a bad line named with exit 1', async () => {
    const text = jsonLines();
    const lines = text.split('\n');
    const file = join(dir, 'posts.jsonl');
    await writeFile(file, `${[...lines.slice(0, 3), '{"channel": "telegram:comando", "time": ', ...lines.slice(3)].join('\n')}\n`);
    const run = await runCli(['activity', 'posts.jsonl', '--at', AT, '--timezone', CARACAS], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts.jsonl:4: not JSON');
    expect(run.stderr).toContain('corroborate activity: 1 bad line skipped');
    const out = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Line);
    const firstSeen = [...new Set(lines.map((line) => (JSON.parse(line) as { channel: string }).channel))];
    expect(out.map((line) => line.channel)).toEqual(firstSeen);
    const kinds = Object.fromEntries(out.map((line) => [line.channel, line.findings.map((finding) => ActivityFinding.parse(finding).kind)]));
    expect(kinds).toEqual({
      'telegram:comando': ['silence', 'normal'],
      'whatsapp:vecinos-guasdualito': ['normal', 'burst'],
      'feed:diario-apure': ['normal', 'normal'],
      'x:nuevo': ['insufficient-history', 'insufficient-history'],
    });
    const silence = ActivityFinding.parse(out.find((line) => line.channel === 'telegram:comando')?.findings[0]);
    // The export ends on 21 September at noon: 72 h of the window are covered.
    expect(silence.window).toMatchObject({ hours: 72, cutAtDataEnd: false });
    expect(silence.summary).toMatch(/^0 posts in 72 h after 2026-09-18 02:10 \(America\/Caracas\) vs \d+\.\d expected from 28 days before; last post 01:58, 12 min before; p = /);
  });

  it('reads stdin with -, cuts the windows at --data-end, prints a table with --text, and exits 0 on good input', async () => {
    const run = await runCli(['activity', '-', '--at', AT, '--timezone', CARACAS, '--data-end', '2026-09-18T07:10:00-04:00', '--burst-hours', '2', '--text'], { cwd: dir, stdin: jsonLines() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [header, ...rest] = run.stdout.split('\n');
    expect(header).toMatch(/^channel\s+looks for\s+finding\s+observed\s+expected\s+rate ratio \(CI\)\s+p$/);
    expect(rest.filter((line) => line.startsWith('telegram:comando '))).toHaveLength(2);
    expect(run.stdout).toContain('telegram:comando, silence: 0 posts in 5 h after 2026-09-18 02:10 (America/Caracas) (the data end at 07:10: 72 h asked)');
    expect(run.stdout).toContain('whatsapp:vecinos-guasdualito, burst: ');
    expect(run.stdout).toMatch(/whatsapp:vecinos-guasdualito, burst: \d+ posts in 2 h after/);
  });

  it('refuses a missing --at, a time without an offset and an unknown timezone as usage errors (exit 2)', async () => {
    const file = join(dir, 'one.jsonl');
    await writeFile(file, '{"channel":"a","time":"2026-09-18T06:00:00Z"}\n');
    const missing = await runCli(['activity', file], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--at <time>' not specified");
    const local = await runCli(['activity', file, '--at', '2026-09-18T02:10'], { cwd: dir });
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--at: 2026-09-18T02:10 is not an ISO 8601 instant with an offset');
    const zone = await runCli(['activity', file, '--at', AT, '--timezone', 'Caracas'], { cwd: dir });
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--timezone: Caracas is not an IANA timezone');
  });
});
