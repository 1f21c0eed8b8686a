import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDedup } from '../../../src/cli/commands/dedup.js';

async function run(lines: readonly string[]): Promise<{ out: Record<string, unknown>[]; err: string; bad: number }> {
  const output = new PassThrough();
  const errors = new PassThrough();
  let out = '';
  let err = '';
  output.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  errors.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const bad = await runDedup(Readable.from([lines.join('\n')]), output, errors, 'posts.jsonl');
  return { out: out.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>), err, bad };
}

describe('corroborate dedup on JSON Lines', () => {
  it('prints one family line per good input line, in input order, and names each bad line', async () => {
    const text = 'Reportan fuerte explosión en la vía a El Amparo, se fue la luz en varios sectores de Guasdualito';
    const { out, err, bad } = await run([
      JSON.stringify({ id: 'copia', text: `URGENTE: ${text}`, time: '2026-09-18T06:20:00Z', author: 'ignored field' }),
      JSON.stringify({ id: 'original', text, time: '2026-09-18T06:14:09Z' }),
      '{"id": "roto", "text": ',
      JSON.stringify({ id: 'rt', text: 'Two blasts heard near the border', time: '2026-09-18T06:30:00Z', forwardOf: 'original' }),
      '',
      JSON.stringify({ id: 'foto', text: 'Miren esto', time: '2026-09-18T06:31:00Z', mediaHashes: ['zz'] }),
      JSON.stringify({ id: 'original', text: 'otra vez', time: null }),
      JSON.stringify({ id: 'sin-hora', text: 'Fuerte explosión!!' }),
    ]);
    expect(out).toEqual([
      { id: 'copia', family: 'original', root: 'original', parent: 'original', link: 'near' },
      { id: 'original', family: 'original', root: 'original', parent: null, link: 'root' },
      { id: 'rt', family: 'original', root: 'original', parent: 'original', link: 'repost' },
      { id: 'sin-hora', family: 'sin-hora', root: 'sin-hora', parent: null, link: 'root' },
    ]);
    expect(bad).toBe(3);
    expect(err).toContain('posts.jsonl:3: not JSON');
    expect(err).toContain('posts.jsonl:6: mediaHashes.0: a 64-bit perceptual hash as 16 hex digits');
    expect(err).toContain('posts.jsonl:7: id "original" was already on line 2');
  });
});
