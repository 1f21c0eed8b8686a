import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
const N = Number(process.argv[2] ?? 300000);
const cfg = process.argv[3] ?? '';
const txn = 20000;
rmSync('/tmp/sq.db', { force: true }); rmSync('/tmp/sq.db-wal', { force: true });
const db = new Database('/tmp/sq.db');
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma(`cache_size = -65536`);
const cols = ['case_id','id','source_id','channel_id','time','item_json'];
db.exec(`create table raw_items (${cols.join(',')} ${cfg.includes('N') ? '' : ', primary key (case_id, id)'}) ${cfg.includes('W') ? 'without rowid' : ''}`);
const R = cfg.includes('1') ? 1 : 500;
const stmt = db.prepare(`insert into raw_items (${cols.join(',')}) values ${Array(R).fill('('+cols.map(()=>'?').join(',')+')').join(',')} on conflict do nothing`);
const t = performance.now();
let batch: unknown[] = []; let rows = 0;
const flushTxn = db.transaction((b: unknown[][]) => { for (const x of b) stmt.run(x); });
let pending: unknown[][] = [];
for (let i = 0; i < N; i++) {
  const h = createHash('sha256').update(String(i)).digest();
  const id = cfg.includes('B') ? h.subarray(0, 16) : h.toString('hex');
  const time = new Date(1788000000000 + i * 15000).toISOString();
  const item = { id: h.toString('hex'), format: 'telegram', externalId: `telegram:1900000000/${i}`, kind: 'message', channel: { id: 'channel1900000000', name: 'Apure al Día', type: 'public_channel' }, author: { id: 'channel1900000000', name: 'Apure al Día', pseudonymous: false }, time, editedTime: null, title: null, text: 'Se escuchó un bombazo por la vía a El Amparo, la gente está asustada #Apure ('+i+')', url: null, declaredLanguage: null, forwardedFrom: null, replyTo: null, media: [], geo: null, extra: { hashtags: ['#Apure'] }, origin: { file: '/work/main/bench/.out/tg-1m.json', sha256: 'abcd'.repeat(16), location: `#/chats/list/0/messages/${i}`, offset: i * 600, length: 600 } };
  batch.push('bench', id, 'src', 'channel1900000000', time, JSON.stringify(item));
  rows++;
  if (rows % R === 0) { pending.push(batch); batch = []; }
  if (rows % txn === 0) { flushTxn(pending); pending = []; }
}
flushTxn(pending);
const s = (performance.now() - t) / 1000;
console.log(cfg, N, 'rows', s.toFixed(2), 's', (N / s).toFixed(0), '/s', 'rss', (process.resourceUsage().maxRSS/1024).toFixed(0), 'MB');
