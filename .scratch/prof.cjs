const fs = require('fs');
const file = fs.readdirSync(process.argv[2]).find(f => f.endsWith('.cpuprofile'));
const p = JSON.parse(fs.readFileSync(process.argv[2] + '/' + file));
const self = new Map(); const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = p.timeDeltas; const total = dt.reduce((a,b)=>a+b,0);
const counts = new Map();
p.samples.forEach((s, i) => counts.set(s, (counts.get(s)||0) + (dt[i]||0)));
for (const [id, t] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName||'(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k)||0)+t); }
const top = [...self].sort((a,b)=>b[1]-a[1]).slice(0, 30);
for (const [k,t] of top) console.log((t/1000).toFixed(0).padStart(6)+'ms', (100*t/total).toFixed(1).padStart(5)+'%', k);
console.log('total', (total/1e6).toFixed(2), 's');
