// Loaded into a measured process (`node --import ./bench/maxrss.mjs …`): on exit it writes the
// process's peak resident set size, in bytes, to the file named by BENCH_MAXRSS_FILE, and the
// CPU seconds it used (user + system, all threads) to the one named by BENCH_CPU_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const target = process.env['BENCH_MAXRSS_FILE'];
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
const cpuTarget = process.env['BENCH_CPU_FILE'];
if (cpuTarget) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(cpuTarget, String((usage.userCPUTime + usage.systemCPUTime) / 1e6));
  });
}
