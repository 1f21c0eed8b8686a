import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runActivity, type ActivityRunOptions, type ChannelActivity } from '../../../src/cli/commands/activity.js';
import { channelPosts } from '../../../bench/activity-channels.js';

const AT = '2026-09-18T02:10:00-04:00';
const CARACAS = 'America/Caracas';

async function run(lines: readonly string[], options: Partial<ActivityRunOptions> = {}): Promise<{ out: string; err: string; bad: number }> {
  const output = new PassThrough();
  const errors = new PassThrough();
  let out = '';
  let err = '';
  output.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  errors.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const bad = await runActivity(Readable.from([lines.join('\n')]), output, errors, 'posts.jsonl', { at: Date.parse(AT), timezone: CARACAS, policy: {}, text: false, ...options });
  return { out, err, bad };
}

const iso = (ms: number): string => new Date(ms).toISOString();
// A government channel that goes quiet 12 minutes before the claimed time; a neighbourhood group that carries on.
const official = [...channelPosts({ from: '2026-08-15T00:00:00-04:00', to: '2026-09-18T01:00:00-04:00', timezone: CARACAS, seed: 1 }), Date.parse('2026-09-18T01:58:00-04:00')];
const vecinos = channelPosts({ from: '2026-08-15T00:00:00-04:00', to: '2026-09-22T00:00:00-04:00', timezone: CARACAS, seed: 2 });

describe('corroborate activity on JSON Lines', () => {
  it('writes one line per channel in first-seen order with its silence and burst findings, and names each bad line', async () => {
    const lines = [
      JSON.stringify({ channel: 'whatsapp:vecinos', time: iso(vecinos[0] ?? 0), text: 'ignored' }),
      ...official.map((time) => JSON.stringify({ channel: 'telegram:gobierno', time: iso(time) })),
      '{"channel": "telegram:gobierno", ',
      ...vecinos.slice(1).map((time) => JSON.stringify({ channel: { id: 'whatsapp:vecinos', name: 'Vecinos' }, time: iso(time) })),
      JSON.stringify({ channel: 'x:someone', time: '2026-09-18T02:10:00' }),
      JSON.stringify({ channel: 'x:someone', time: null }),
    ];
    const { out, err, bad } = await run(lines);
    expect(bad).toBe(3);
    expect(err).toContain(`posts.jsonl:${official.length + 2}: not JSON`);
    expect(err).toContain(`posts.jsonl:${lines.length - 1}: time: `);
    expect(err).toContain(`posts.jsonl:${lines.length}: time: `);
    const results = out.trim().split('\n').map((line) => JSON.parse(line) as ChannelActivity);
    expect(results.map((result) => [result.channel, result.posts])).toEqual([
      ['whatsapp:vecinos', vecinos.length],
      ['telegram:gobierno', official.length],
    ]);
    expect(results.map((result) => result.findings.map((finding) => `${finding.looksFor}:${finding.kind}`))).toEqual([
      ['silence:normal', 'burst:normal'],
      ['silence:silence', 'burst:normal'],
    ]);
    // The data end with the latest post of any channel: the government's silence is measured over all 72 h.
    expect(results[1]?.findings[0]?.window).toMatchObject({ hours: 72, cutAtDataEnd: false });
    expect(results[1]?.findings[0]?.summary).toContain('last post 01:58, 12 min before');
  });

  it('cuts the windows at --data-end and prints a table with --text', async () => {
    const lines = official.map((time) => JSON.stringify({ channel: 'telegram:gobierno', time: iso(time) }));
    const { out, bad } = await run(lines, { text: true, dataEnd: Date.parse('2026-09-19T02:10:00-04:00') });
    expect(bad).toBe(0);
    const [header, silence, burst, blank, sentence] = out.split('\n');
    expect(header).toMatch(/^channel\s+looks for\s+finding\s+observed\s+expected\s+rate ratio \(CI\)\s+p$/);
    expect(silence).toMatch(/^telegram:gobierno\s+silence\s+silence\s+0\s+\d+\.\d\s+0\.00 \(0\.00–0\.\d+\)\s+\d\.\de-\d+$/);
    expect(burst).toMatch(/^telegram:gobierno\s+burst\s+normal\s+0\s/);
    expect(blank).toBe('');
    expect(sentence).toMatch(/^telegram:gobierno, silence: 0 posts in 24 h after 2026-09-18 02:10 \(America\/Caracas\) \(the data end at 2026-09-19 02:10: 72 h asked\)/);
  });
});
