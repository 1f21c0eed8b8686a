import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, STACK_FRAME, cliEnvironment, copyDemo, linesOf, makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

let dir: string;
let exportPath: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
  await copyDemo(dir);
  exportPath = join(dir, 'sources', 'telegram-export', 'result.json');
});

afterAll(async () => {
  await removeTempDir(dir);
});

/** Run a command whose reader goes away after the first chunk, as `… | head -1` does. */
function runIntoClosedReader(args: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; received: number; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: cliEnvironment(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let received = 0;
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      received += chunk.length;
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolvePromise({ code, signal, received, stderr });
    });
  });
}

describe('output piped into a reader that closes', () => {
  it('parse of the big demo export stops quietly: exit 0, no EPIPE, no stack trace', async () => {
    // The whole output, for comparison: far more than a pipe holds, so the cut-off is real.
    const full = await runCli(['parse', exportPath], { cwd: dir });
    expect(full.code).toBe(0);
    expect(linesOf(full.stdout)).toHaveLength(415);

    const cut = await runIntoClosedReader(['parse', exportPath]);
    expect(cut.signal).toBeNull();
    expect(cut.code).toBe(0);
    expect(cut.received).toBeGreaterThan(0);
    expect(cut.received).toBeLessThan(Buffer.byteLength(full.stdout));
    expect(cut.stderr).toContain('reading as telegram');
    expect(cut.stderr).not.toContain('EPIPE');
    expect(cut.stderr).not.toMatch(STACK_FRAME);
  });
});
