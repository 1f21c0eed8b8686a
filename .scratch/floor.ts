import { floorRun } from '../bench/floor.js';
for (const f of ['bench/.out/tg-100k.json','bench/.out/tg-1m.json']) { const t = performance.now(); const r = await floorRun(f); const s=(performance.now()-t)/1000; console.log(f, r.messages, s, r.bytes/s/1e6, 'MB/s'); }
