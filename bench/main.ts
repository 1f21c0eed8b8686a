/**
 * `npm run bench`: ingest of a large Telegram Desktop export by the built CLI, against a floor.
 *
 *   npm run bench                          1,000,000 messages, SQLite, a readable table
 *   npm run bench -- --json                the same figures as one JSON object
 *   npm run bench -- --messages 1750000    another size (1,750,000 messages ≈ 1 GB)
 *   npm run bench -- --db postgres://postgres@127.0.0.1:5432/test
 *
 * The floor is the same bytes read, every message JSON-parsed and the whole SHA-256-hashed,
 * with nothing else (bench/floor.ts). The ingest is `corroborate ingest` as a user runs it:
 * vault capture, streaming parse, pseudonyms, ids, and the store's transactions. Figures are
 * printed against their targets; a slow machine never fails anything.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { floorRun } from './floor.js';
import { writeTelegramExport } from './telegram-export.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const OUT = join(ROOT, 'bench', '.out');

/** Targets from the foundation issue. */
const TARGET_RATIO = 0.25;
const TARGET_PEAK_RSS = 400 * 1024 * 1024;

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const messages = Number(values.messages);
if (!Number.isInteger(messages) || messages < 1000) throw new Error('--messages must be a whole number ≥ 1000');
const progress = (line: string): void => {
  if (!values.json) process.stderr.write(`${line}\n`);
};

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm run bench does)`);
await mkdir(OUT, { recursive: true });
// The generator's output is deterministic: name the file by what it holds and reuse it.
const exportPath = join(OUT, `telegram-${messages}-v1.json`);
if (!existsSync(exportPath)) {
  progress(`writing a SYNTHETIC export of ${messages.toLocaleString('en-US')} messages to ${exportPath} …`);
  await writeTelegramExport(exportPath, { messages });
}
const bytes = (await stat(exportPath)).size;

progress('floor: read + JSON.parse every message + SHA-256 …');
await floorRun(exportPath); // once to bring the file into the page cache, as it is for the ingest
const floorStart = performance.now();
const floor = await floorRun(exportPath);
const floorSeconds = (performance.now() - floorStart) / 1000;
if (floor.messages !== messages) throw new Error(`the floor found ${floor.messages} messages, expected ${messages}`);

const work = await mkdtemp(join(tmpdir(), 'corroborate-bench-'));
let schema: string | null = null;
try {
  const caseFile = join(work, 'case.yaml');
  await writeFile(
    caseFile,
    [
      'schema: corroborate.case/1',
      'id: bench',
      'title: SYNTHETIC benchmark case',
      'synthetic: true',
      'claim:',
      '  text: benchmark',
      '  claimant: { name: bench, kind: other }',
      '  eventType: air-drone-strike',
      '  place: { name: Guasdualito, lat: 7.243, lon: -70.73 }',
      '  time: 2026-09-18T02:10:00',
      '  timezone: America/Caracas',
      'sources:',
      `  - { id: export, kind: telegram, path: ${JSON.stringify(exportPath)} }`,
      '',
    ].join('\n'),
  );
  const env: Record<string, string> = { BENCH_MAXRSS_FILE: join(work, 'maxrss') };
  let database = 'SQLite (WAL) file';
  if (values.db !== undefined) {
    schema = `bench_${process.pid}`;
    const url = new URL(values.db);
    url.searchParams.set('schema', schema);
    env['CORROBORATE_DB'] = url.toString();
    database = `PostgreSQL ${url.host}${url.pathname}`;
  }
  progress(`ingest: corroborate ingest on ${database} …`);
  const ingestStart = performance.now();
  const result = await run([process.execPath, '--import', join(ROOT, 'bench', 'maxrss.mjs'), CLI, 'ingest', caseFile, '--json'], env);
  const ingestSeconds = (performance.now() - ingestStart) / 1000;
  if (result.code !== 0) throw new Error(`the ingest failed (exit ${String(result.code)}): ${result.stderr}`);
  const summary = (JSON.parse(result.stdout) as { sources: { itemsSeen: number; itemsAdded: number }[] }).sources[0];
  if (summary?.itemsAdded !== messages) throw new Error(`the ingest stored ${String(summary?.itemsAdded)} items, expected ${messages}`);
  const peakRss = Number(await readFile(join(work, 'maxrss'), 'utf8'));

  const mb = bytes / 1e6;
  const figures = {
    export: { messages, bytes, file: exportPath, synthetic: true },
    database,
    floor: { seconds: round(floorSeconds, 2), messagesPerSecond: Math.round(messages / floorSeconds), mbPerSecond: round(mb / floorSeconds, 1) },
    ingest: {
      seconds: round(ingestSeconds, 2),
      messagesPerSecond: Math.round(messages / ingestSeconds),
      mbPerSecond: round(mb / ingestSeconds, 1),
      peakRssBytes: peakRss,
      peakRssMb: round(peakRss / 1024 / 1024, 0),
    },
    ratioToFloor: round(floorSeconds / ingestSeconds, 3),
    targets: { ratioToFloor: TARGET_RATIO, peakRssMb: TARGET_PEAK_RSS / 1024 / 1024 },
    meets: { ratioToFloor: floorSeconds / ingestSeconds >= TARGET_RATIO, peakRss: peakRss < TARGET_PEAK_RSS },
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else {
    const mark = (ok: boolean): string => (ok ? 'meets target' : 'BELOW TARGET');
    const rows: [string, string, string][] = [
      ['export', `${messages.toLocaleString('en-US')} messages, ${mb.toFixed(0)} MB (SYNTHETIC)`, ''],
      ['floor: read + parse + SHA-256', `${figures.floor.mbPerSecond} MB/s, ${figures.floor.messagesPerSecond.toLocaleString('en-US')} msg/s`, `${figures.floor.seconds} s`],
      [`ingest (${database})`, `${figures.ingest.mbPerSecond} MB/s, ${figures.ingest.messagesPerSecond.toLocaleString('en-US')} msg/s`, `${figures.ingest.seconds} s`],
      ['ingest / floor', `${figures.ratioToFloor}`, `target ≥ ${TARGET_RATIO}: ${mark(figures.meets.ratioToFloor)}`],
      ['ingest peak RSS', `${figures.ingest.peakRssMb} MB`, `target < ${TARGET_PEAK_RSS / 1024 / 1024} MB: ${mark(figures.meets.peakRss)}`],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    const valueWidth = Math.max(...rows.map((r) => r[1].length));
    process.stdout.write(`corroborate bench — Telegram export ingest\n${rows.map(([a, b, c]) => `  ${a.padEnd(width)}  ${b.padEnd(valueWidth)}  ${c}`.trimEnd()).join('\n')}\n`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
  if (schema !== null && values.db !== undefined) {
    const client = new pg.Client({ connectionString: values.db });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function run(argv: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = argv as [string, ...string[]];
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
