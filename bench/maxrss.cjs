// Preloaded into a measured process (`node --require bench/maxrss.cjs …`): on exit it writes the
// process's peak resident set size to the file named by BENCH_MAXRSS_FILE.
'use strict';
const { writeFileSync } = require('node:fs');
const target = process.env.BENCH_MAXRSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
