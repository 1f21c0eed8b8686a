import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, REPO, STACK_FRAME, linesOf, makeTempDir, removeTempDir, requireBuiltCli, runCli, writeCase } from './helpers.js';

/** `file#/pointer severity message  rule-id`, as a compiler prints it. */
const DIAGNOSTIC_LINE = /^sources\/damaged\/[\w-]+\.json#\/messages(?:\/\d+)? (?:error|warning|info) .+ {2}[a-z]+\/[a-z-]+$/;

let dir: string;

beforeAll(requireBuiltCli);

beforeEach(async () => {
  dir = await makeTempDir();
});

afterEach(async () => {
  await removeTempDir(dir);
});

describe('a source that cannot be read', () => {
  it('ingest marks it ✗ and exits 2; the good source is stored all the same', async () => {
    await mkdir(join(dir, 'sources'));
    await cp(join(DEMO, 'sources', 'feeds', 'portal-llanero.rss.xml'), join(dir, 'sources', 'portal-llanero.rss.xml'));
    await writeCase(dir, 'failing-source', [
      { id: 'gone', kind: 'telegram', path: 'sources/does-not-exist/result.json' },
      { id: 'portal-llanero', path: 'sources/portal-llanero.rss.xml' },
    ]);

    const run = await runCli(['ingest', 'case.yaml', '--quiet'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('✗ gone: no such file: sources/does-not-exist/result.json  ingest/source-unreadable');
    expect(run.stdout).toMatch(/^✓ portal-llanero: sources\/portal-llanero\.rss\.xml .* 11 items \(11 new\)$/m);
    expect(run.stderr).not.toMatch(STACK_FRAME);

    const status = await runCli(['status', '.'], { cwd: dir });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^ {2}portal-llanero +feed +11 items +completed /m);
    expect(status.stdout).toMatch(/^ {2}gone +telegram +0 items +failed: no such file: sources\/does-not-exist\/result\.json$/m);
    expect(status.stdout).toContain('items 11 ·');
  });
});

describe('a damaged Telegram export', () => {
  beforeEach(async () => {
    await mkdir(join(dir, 'sources', 'damaged'), { recursive: true });
    for (const name of ['wrong-types.json', 'truncated.json']) {
      await cp(join(REPO, 'test', 'fixtures', 'telegram', name), join(dir, 'sources', 'damaged', name));
    }
    await writeCase(dir, 'damaged-export', [
      { id: 'alerta', path: 'sources/damaged/wrong-types.json' },
      { id: 'cut-short', kind: 'telegram', path: 'sources/damaged/truncated.json' },
    ]);
  });

  it('ingest keeps the good records, prints the first problems compiler-style, exits 0', async () => {
    const run = await runCli(['ingest', 'case.yaml', '--quiet'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = linesOf(run.stdout);
    expect(lines).toContain('✓ alerta: sources/damaged/wrong-types.json (telegram; detected telegram 1, table 0.1) — 1.2 KB, 4 items (4 new), 4 errors, 11 warnings');
    expect(lines).toContain(
      '    sources/damaged/wrong-types.json#/messages/0 error message "id" must be an integer, found string "12"; record skipped  telegram/invalid-id',
    );
    expect(lines).toContain('    … and 10 more: corroborate status --diagnostics');
    // Records before the point where the file was cut off still land.
    expect(run.stdout).toMatch(/^✓ cut-short: .* 4 items \(4 new\), 2 errors, 1 warning$/m);
    expect(lines).toContain('    sources/damaged/truncated.json#/messages/4 error input ends inside this object (byte 3061)  telegram/truncated');
    const problems = lines.filter((line) => line.startsWith('    sources/'));
    expect(problems.length).toBeGreaterThanOrEqual(8);
    for (const line of problems) expect(line.trimStart()).toMatch(DIAGNOSTIC_LINE);
  });

  it('with --strict, records with errors make the exit code 1', async () => {
    const run = await runCli(['ingest', 'case.yaml', '--quiet', '--strict'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('4 items (4 new), 4 errors, 11 warnings');
  });

  it('status --diagnostics lists every diagnostic, in file order', async () => {
    expect((await runCli(['ingest', 'case.yaml', '--quiet'], { cwd: dir })).code).toBe(0);
    const run = await runCli(['status', 'case.yaml', '--diagnostics'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('items 8 ·');
    expect(run.stdout).toContain('diagnostics 19 (6 errors, 12 warnings, 1 info)');
    const listed = linesOf(run.stdout).filter((line) => line.startsWith('sources/damaged/'));
    expect(listed).toHaveLength(19);
    for (const line of listed) expect(line).toMatch(DIAGNOSTIC_LINE);
    expect(listed).toContain('sources/damaged/wrong-types.json#/messages/5 error not valid JSON: Expected double-quoted property name in JSON at position 34  telegram/malformed-json');
    expect(listed).toContain(
      'sources/damaged/wrong-types.json#/messages/2 error media path "../../../../etc/passwd" leads outside the export\'s folder; not read  ingest/media-outside-source',
    );
    expect(listed).toContain('sources/damaged/truncated.json#/messages error input ends with 2 unclosed containers (byte 3545)  telegram/truncated');
    // In file order: by file, then by the record's place in it.
    const places = listed.map((line) => line.split(' ')[0] ?? '');
    const natural = new Intl.Collator('en', { numeric: true });
    expect([...places].sort((a, b) => natural.compare(a, b))).toEqual(places);
  });
});
