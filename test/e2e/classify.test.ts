import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnvironment, makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
});

afterAll(async () => {
  await removeTempDir(dir);
});

/** Run `corroborate classify …` with `input` on stdin. */
function classifyStdin(args: readonly string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'classify', ...args], { cwd: dir, env: cliEnvironment(), stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

const POSTS = [
  { id: 'tg-1', text: 'Se escuchó un bombazo en Guasdualito, al parecer fue un dron 😱', time: '2026-09-18T06:12:00Z', views: 120 },
  { id: 'web-2', text: 'ÚLTIMA HORA | Enfrentamiento en El Amparo deja dos fallecidos, informó la gobernación' },
  { id: 3, text: 'Officials said there was no explosion at the depot', lang: 'en' },
  { id: 'tg-4', text: 'buenas noches vecinos que descansen 🙏', sourceRole: 'official' },
];

describe('corroborate classify', () => {
  it('classifies a JSON Lines file, one object per line, in order, unknown fields ignored', async () => {
    const file = join(dir, 'posts.jsonl');
    await writeFile(file, `${POSTS.map((post) => JSON.stringify(post)).join('\n')}\n`);
    const run = await runCli(['classify', 'posts.jsonl'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['id'])).toEqual(['tg-1', 'web-2', 3, 'tg-4']);
    expect(lines[0]).toMatchObject({ lang: 'es', eventType: 'air-drone-strike', sourceRole: 'eyewitness', attributedTo: null, related: true, urgency: 'breaking', hedged: true, negated: false });
    expect(lines[1]).toMatchObject({ lang: 'es', eventType: 'armed-clash', sourceRole: 'media', attributedTo: 'la gobernación', urgency: 'breaking' });
    expect(lines[2]).toMatchObject({ lang: 'en', eventType: 'explosion-unspecified', negated: true, attributedTo: 'officials', attributedRole: 'official' });
    expect(lines[3]).toMatchObject({ eventType: 'not-an-event', related: false, sourceRole: 'official' });
    expect(Object.keys(lines[0] ?? {})).toEqual(['id', 'lang', 'eventType', 'sourceRole', 'attributedTo', 'related', 'urgency', 'negated', 'hedged', 'attributedRole', 'cues']);
    const cue = (lines[0]?.['cues'] as { start: number; end: number; cue: string }[]).find((c) => c.cue === 'event:air-drone-strike');
    expect(cue && POSTS[0]?.text.slice(cue.start, cue.end)).toBe('dron');
  });

  it('reads stdin with no file or "-", names each bad line on stderr, goes on, and exits 1', async () => {
    const input = [JSON.stringify(POSTS[0]), 'not json', '{"id":"x"}', '', JSON.stringify(POSTS[2])].join('\n');
    for (const args of [[], ['-']]) {
      const run = await classifyStdin(args, input);
      expect(run.code).toBe(1);
      expect(run.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: unknown }).id)).toEqual(['tg-1', 3]);
      expect(run.stderr).toMatch(/^-:2: not JSON/m);
      expect(run.stderr).toMatch(/^-:3: text: .*classify\/bad-line$/m);
      expect(run.stderr).toContain('2 lines were not classified');
    }
  });

  it('stops quietly when its reader goes away (| head): exit 0, no EPIPE, no stack trace', async () => {
    const file = join(dir, 'many.jsonl');
    // Far more output than a pipe holds, so the cut-off is real.
    await writeFile(file, Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: i, text: `Se escuchó un bombazo en Guasdualito #${i}` })).join('\n'));
    const result = await new Promise<{ code: number | null; stderr: string; received: number }>((resolvePromise, reject) => {
      const child = spawn(process.execPath, [CLI, 'classify', file], { cwd: dir, env: cliEnvironment(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      let stderr = '';
      let received = 0;
      child.stdout.once('data', (chunk: Buffer) => {
        received += chunk.length;
        child.stdout.destroy();
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => {
        resolvePromise({ code, stderr, received });
      });
    });
    expect(result.received).toBeGreaterThan(0);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
  });

  it('says so when the file is missing (exit 2)', async () => {
    const run = await runCli(['classify', 'nowhere.jsonl'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file: nowhere.jsonl');
  });
});
