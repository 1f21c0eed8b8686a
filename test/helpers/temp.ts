import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A temporary folder removed after the test. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-test-'));
    made.push(dir);
    return dir;
  };
}

/** A clock that ticks one second per call from a fixed start: runs are reproducible. */
export function steppingClock(start = '2026-11-25T10:00:00Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}
