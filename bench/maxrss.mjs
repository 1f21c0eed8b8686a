// Loaded into a measured process (`node --import ./bench/maxrss.mjs …`): on exit it writes the
// process's peak resident set size, in bytes, to the file named by BENCH_MAXRSS_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const target = process.env['BENCH_MAXRSS_FILE'];
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
