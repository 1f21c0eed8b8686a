import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, makeTempDir, packageVersion, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

const COMMANDS = ['init', 'ingest', 'investigate', 'status', 'search', 'parse', 'classify', 'dedup', 'geoparse', 'geocode', 'times', 'activity', 'cluster', 'capture', 'vault', 'audit'] as const;

let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe('help, version, usage errors', () => {
  it('--help lists every command with a description, and the exit codes', async () => {
    const run = await runCli(['--help'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const commandsSection = run.stdout.slice(run.stdout.indexOf('Commands:'), run.stdout.indexOf('Exit codes:'));
    for (const command of COMMANDS) {
      // The command's line: its name and arguments, then (after a gap) its description.
      expect(commandsSection).toMatch(new RegExp(`^  ${command}(?: \\S+)*  +[a-z][^\\n]{10,}$`, 'm'));
    }
    expect(run.stdout).toContain('Exit codes:');
    for (const code of ['0', '1', '2', '3']) expect(run.stdout).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
    expect(run.stdout).toContain('CORROBORATE_DB');
  });

  it('--version prints the version in package.json', async () => {
    const run = await runCli(['--version'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(await packageVersion());
  });

  it('an unknown command is a usage error: exit 2, named on stderr', async () => {
    const run = await runCli(['frobnicate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it('an unknown option is a usage error too', async () => {
    const run = await runCli(['status', 'somewhere', '--bogus'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });
});

describe('init', () => {
  it('writes a commented case.yaml template and a sources/ folder', async () => {
    const run = await runCli(['init', 'my-case'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote my-case/case.yaml');
    expect(run.stdout).toContain('corroborate investigate my-case/case.yaml');
    const text = await readFile(join(dir, 'my-case', 'case.yaml'), 'utf8');
    expect(text.startsWith('# ')).toBe(true);
    expect(linesOf(text).filter((line) => line.trimStart().startsWith('#')).length).toBeGreaterThan(20);
    expect(text).toContain('schema: corroborate.case/1');
    // The id comes from the folder name.
    expect(text).toMatch(/^id: my-case$/m);
    expect((await stat(join(dir, 'my-case', 'sources'))).isDirectory()).toBe(true);
  });

  it('makes an id from a folder name with accents and spaces', async () => {
    const run = await runCli(['init', 'Caño Guaramacal 2026'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(await readFile(join(dir, 'Caño Guaramacal 2026', 'case.yaml'), 'utf8')).toMatch(/^id: cano-guaramacal-2026$/m);
  });

  // What happens on the untouched template: it is a *valid* case — the placeholders are plain
  // strings — with no sources, so `status` shows an empty case rather than a list of problems.
  // That is what the template's own first lines promise ("Validate it with corroborate status").
  it('the untouched template is a valid, empty case: status exits 0 and shows nothing stored', async () => {
    const run = await runCli(['status', 'my-case'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('case my-case: Claimed strike near <place>, <date>');
    expect(run.stdout).toContain('items 0 · reports 0');
    expect(run.stdout).toContain('diagnostics 0');
    expect(run.stdout).toContain('vault 0 objects, 0 B; custody log 0 entries');
  });

  it('ingest on the untouched template says there is nothing to ingest (exit 2)', async () => {
    const run = await runCli(['ingest', 'my-case'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the case lists no sources');
  });

  it('investigate on the untouched template says the same, before making anything', async () => {
    const run = await runCli(['investigate', 'my-case'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the case lists no sources');
  });

  it('a database folder that cannot be made is a clear usage error, at once', async () => {
    const onFile = await runCli(['status', 'my-case', '--db', join(dir, 'my-case', 'case.yaml', 'x.db')], { cwd: dir });
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain('is a file, not a folder');
    // /proc answers "no such file" to every new name; a recursive mkdir would spin there forever.
    const onProc = await runCli(['status', 'my-case', '--db', '/proc/corroborate-nope/x.db'], { cwd: dir, timeoutMs: 20_000 });
    expect(onProc.code).toBe(2);
    expect(onProc.stderr).toContain('cannot make the folder /proc/corroborate-nope');
  });

  it('refuses to overwrite an existing case.yaml without --force, naming the file', async () => {
    const path = join(dir, 'my-case', 'case.yaml');
    await writeFile(path, `${await readFile(path, 'utf8')}# the investigator's own edits\n`);
    const refused = await runCli(['init', 'my-case'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('my-case/case.yaml exists; use --force to overwrite it');
    expect(await readFile(path, 'utf8')).toContain("# the investigator's own edits");

    const forced = await runCli(['init', 'my-case', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(await readFile(path, 'utf8')).not.toContain("# the investigator's own edits");
  });
});

describe('a case file with problems', () => {
  const BAD_CASE = `schema: corroborate.case/1
id: bad-case
title: "A case with problems"
colour: blue
claim:
  text: "Un ataque con dron"
  claimant:
    name: Comando
    kind: military
  eventType: air-drone-strike
  place:
    name: Guasdualito
  window:
    start: "31/02/2026"
    end: 2026-09-18T02:40:00
sources:
  - id: Bad Source!
    path: sources/x.json
`;

  it('status lists every problem with file:line:col and its YAML path, exit 2, and stores nothing', async () => {
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'bad', 'case.yaml'), BAD_CASE);
    const run = await runCli(['status', 'bad/case.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      'corroborate: bad/case.yaml: 4 problems in the case file',
      '  bad/case.yaml:4:1 colour: unknown field',
      // A missing field points at the mapping that should hold it.
      '  bad/case.yaml:6:3 claim.timezone: missing (expected string)',
      '  bad/case.yaml:14:12 claim.window.start: not a date',
      '  bad/case.yaml:17:9 sources[0].id: lower-case letters, digits, . _ - only',
    ]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'bad', '.corroborate'))).toBe(false);
  });

  it('a YAML syntax error is reported with its position, exit 2', async () => {
    await writeFile(join(dir, 'bad', 'broken.yaml'), 'schema: corroborate.case/1\nid: x\nid: y\n');
    const run = await runCli(['status', 'bad/broken.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad/broken.yaml:3:1 YAML: Map keys must be unique');
  });

  it('a case file that does not exist: exit 2, named', async () => {
    const run = await runCli(['status', 'nowhere/case.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such case file or folder: nowhere/case.yaml');
  });
});
