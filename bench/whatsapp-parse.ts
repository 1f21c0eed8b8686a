/**
 * `npx tsx bench/whatsapp-parse.ts [--lines 1000000] [--layout android|android-12h|ios] [--json]`:
 * the WhatsApp adapter alone (no vault, no store) over a SYNTHETIC export, with its first pass,
 * keyed pseudonyms and ids, against a floor of reading the same bytes and splitting them into
 * lines. Prints lines per second and the process's peak RSS; a slow machine fails nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { keyedPseudonymizer } from '../src/ingest/index.js';
import { parseWhatsApp } from '../src/ingest/whatsapp/index.js';
import { isDiagnostic } from '../src/model/index.js';
import { writeWhatsAppExport, type WhatsAppLayout } from './whatsapp-export.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    layout: { type: 'string', default: 'android' },
    json: { type: 'boolean', default: false },
  },
});
const lines = Number(values.lines);
const layout = values.layout as WhatsAppLayout;
if (!Number.isInteger(lines) || lines < 1000) throw new Error('--lines must be a whole number ≥ 1000');
if (!['android', 'android-12h', 'ios'].includes(layout)) throw new Error('--layout must be android, android-12h or ios');

const OUT = join(import.meta.dirname, '.out');
await mkdir(OUT, { recursive: true });
const path = join(OUT, `whatsapp-${layout}-${lines}-v1.txt`);
if (!existsSync(path)) await writeWhatsAppExport(path, { lines, layout });
const bytes = (await stat(path)).size;

/** The floor: the same bytes read and split into lines, nothing else. */
async function floor(): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}

await floor(); // once to bring the file into the page cache
const floorStart = performance.now();
await floor();
const floorSeconds = (performance.now() - floorStart) / 1000;

const start = performance.now();
const cpuStart = process.cpuUsage();
let items = 0;
let diagnostics = 0;
for await (const record of parseWhatsApp({
  stream: createReadStream(path, { highWaterMark: 1 << 20 }),
  file: path,
  sha256: null,
  timezone: 'America/Caracas',
  pseudonymizer: keyedPseudonymizer(new Uint8Array(32)),
  baseDir: null,
  path,
})) {
  if (isDiagnostic(record)) diagnostics++;
  else items++;
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU time, not only wall time: on a shared machine the wall clock also counts other processes' turns.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakRss = process.resourceUsage().maxRSS * 1024;

const figures = {
  layout,
  lines,
  bytes,
  items,
  diagnostics,
  seconds: Math.round(seconds * 100) / 100,
  linesPerSecond: Math.round(lines / seconds),
  cpuSeconds: Math.round(cpuSeconds * 100) / 100,
  linesPerCpuSecond: Math.round(lines / cpuSeconds),
  megabytesPerSecond: Math.round((bytes / 1e6 / seconds) * 10) / 10,
  floorSeconds: Math.round(floorSeconds * 100) / 100,
  peakRssMiB: Math.round(peakRss / 1024 / 1024),
};
if (values.json) {
  console.log(JSON.stringify(figures));
} else {
  console.log(`WhatsApp adapter, ${layout} layout, SYNTHETIC export of ${lines.toLocaleString('en-US')} lines (${(bytes / 1e6).toFixed(1)} MB)`);
  console.log(`  parse (two passes)  ${figures.seconds} s   ${figures.linesPerSecond.toLocaleString('en-US')} lines/s   ${figures.megabytesPerSecond} MB/s`);
  console.log(`  CPU time            ${figures.cpuSeconds} s   ${figures.linesPerCpuSecond.toLocaleString('en-US')} lines per CPU second`);
  console.log(`  floor (read+split)  ${figures.floorSeconds} s`);
  console.log(`  items ${items.toLocaleString('en-US')}, diagnostics ${diagnostics}, peak RSS ${figures.peakRssMiB} MiB`);
}
