import { writeFile } from 'node:fs/promises';
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

const POSTS = [
  { id: 'apure-2', text: 'Reportan fuerte explosión en la vía a El Amparo, se fue la luz en varios sectores de Guasdualito', time: '2026-09-18T06:14:09Z' },
  { id: 'vecinos-7', text: 'URGENTE: Reportan fuerte explosión en la vía a El Amparo, se fue la luz en varios sectores de Guasdualito 💥', time: '2026-09-18T06:20:00Z' },
  { id: 'x-rt', text: 'Drone strike reported near El Amparo', time: '2026-09-18T06:30:00Z', forwardOf: 'apure-2' },
  { id: 'testigo-1', text: 'Fuerte explosión!!', time: '2026-09-18T06:15:00Z' },
  { id: 'testigo-2', text: 'Huge explosion!!', time: '2026-09-18T06:16:00Z' },
];

describe('corroborate dedup', () => {
  it('reads a file and prints one family line per item, in input order; a bad line is named and makes the exit 1', async () => {
    const file = join(dir, 'posts.jsonl');
    await writeFile(file, [...POSTS.map((post) => JSON.stringify(post)), '{"id": "roto"'].join('\n'));
    const run = await runCli(['dedup', 'posts.jsonl'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts.jsonl:6: not JSON; line skipped');
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { id: 'apure-2', family: 'apure-2', root: 'apure-2', parent: null, link: 'root' },
      { id: 'vecinos-7', family: 'apure-2', root: 'apure-2', parent: 'apure-2', link: 'near' },
      { id: 'x-rt', family: 'apure-2', root: 'apure-2', parent: 'apure-2', link: 'repost' },
      { id: 'testigo-1', family: 'testigo-1', root: 'testigo-1', parent: null, link: 'root' },
      { id: 'testigo-2', family: 'testigo-2', root: 'testigo-2', parent: null, link: 'root' },
    ]);
  });

  it('reads stdin when given - and exits 0 on good input; a missing file is a usage error', async () => {
    const run = await runCli(['dedup', '-'], { cwd: dir, stdin: POSTS.map((post) => JSON.stringify(post)).join('\n') });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(POSTS.length);
    const missing = await runCli(['dedup', 'nowhere.jsonl'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file: nowhere.jsonl');
  });
});
