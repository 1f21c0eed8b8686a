import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
const N = Number(process.argv[2] ?? 300000);
const cfg = process.argv[3] ?? 'A';
const txn = Number(process.argv[4] ?? 2000);
const cache = process.argv[5] ?? '-2000';
rmSync('/tmp/sq.db', { force: true }); rmSync('/tmp/sq.db-wal', { force: true });
const db = new Database('/tmp/sq.db');
if (cfg.includes('O')) { db.pragma('journal_mode = OFF'); db.pragma('synchronous = OFF'); } else { db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); } db.pragma(`cache_size = ${cache}`);
const cols = ['case_id','id','source_id','format','external_id','kind','channel_id','channel_name','channel_type','author_id','author_name','author_pseudonymous','time','edited_time','title','text','url','declared_language','forwarded_from','reply_to','lat','lon','media_json','extra_json','origin_file','origin_sha256','origin_location','origin_offset','origin_length','ingested_at'];
db.exec(`create table raw_items (${cols.map(c=>c+' ').join(',')}${cfg.includes("N") ? "" : ", primary key (case_id, id)"})`);
if (cfg.includes('A')) { db.exec('create index i1 on raw_items(case_id,time)'); db.exec('create index i2 on raw_items(case_id,channel_id,time)'); db.exec('create index i3 on raw_items(case_id,source_id)'); db.exec('create index i4 on raw_items(case_id,external_id)'); }
if (cfg.includes('B')) { db.exec('create index i2 on raw_items(case_id,channel_id,time)'); db.exec('create index i3 on raw_items(case_id,source_id)'); }
const R = 500;
const stmt = db.prepare(`insert into raw_items (${cols.join(',')}) values ${Array(R).fill('('+cols.map(()=>'?').join(',')+')').join(',')} on conflict do nothing`);
const t = performance.now();
let batch: unknown[] = []; let rows = 0;
const flushTxn = db.transaction((b: unknown[][]) => { if (!cfg.includes("X")) for (const x of b) stmt.run(x); });
let pendingStmts: unknown[][] = [];
for (let i = 0; i < N; i++) {
  const id = createHash('sha256').update(String(i)).digest('hex');
  const time = new Date(1788000000000 + i * 15000).toISOString();
  batch.push('bench', id, 'src', 'telegram', `telegram:1900000000/${i}`, 'message', 'channel1900000000', 'Apure al Día', 'public_channel', 'channel1900000000', 'Apure al Día', 0, time, null, null, 'Se escuchó un bombazo por la vía a El Amparo, la gente está asustada #Apure ('+i+')', null, null, null, null, null, null, '[]', '{"hashtags":["#Apure"]}', '/work/main/bench/.out/tg-1m.json', 'abcd'.repeat(16), `#/chats/list/0/messages/${i}`, i * 600, 600, '2026-11-25T17:00:00.000Z');
  rows++;
  if (rows % R === 0) { pendingStmts.push(batch); batch = []; }
  if (rows % txn === 0) { flushTxn(pendingStmts); pendingStmts = []; }
}
flushTxn(pendingStmts);
const s = (performance.now() - t) / 1000;
console.log(cfg, 'txn', txn, 'cache', cache, N, 'rows', s.toFixed(2), 's', (N / s).toFixed(0), '/s', 'rss', (process.resourceUsage().maxRSS/1024).toFixed(0), 'MB');
