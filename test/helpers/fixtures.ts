import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { expect } from 'vitest';

/**
 * Compare output with the expected file beside a fixture. With UPDATE_EXPECTED=1 the file is
 * (re)written instead — then read the diff: the expected files are the specification.
 */
export async function expectMatchesFile(lines: readonly unknown[], path: string): Promise<void> {
  const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
  if (process.env['UPDATE_EXPECTED'] === '1' || !existsSync(path)) {
    if (process.env['CI'] !== undefined && !existsSync(path)) throw new Error(`missing expected output ${path}`);
    await writeFile(path, text);
    return;
  }
  const expected = await readFile(path, 'utf8');
  expect(text.split('\n')).toEqual(expected.split('\n'));
}

/** Stream a buffer in chunks of a given size, as a file read would. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}
