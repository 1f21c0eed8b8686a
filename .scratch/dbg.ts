import { SaxesParser } from 'saxes';
import { readFileSync } from 'node:fs';
const text = readFileSync('test/fixtures/feed/malformed-amp.xml','utf8');
for (const size of [100000, 1]) {
  const p = new SaxesParser({ xmlns: true, position: true });
  const log: string[] = [];
  p.on('opentag', (t) => { if (p.line>=14) log.push(`open ${t.name} ${p.line}:${p.column} pos ${p.position}`); });
  p.on('text', (t) => { if (p.line>=14) log.push(`text ${JSON.stringify(t)} ${p.line}:${p.column}`); });
  p.on('error', (e) => { log.push(`error ${e.message} ${p.line}:${p.column}`); });
  for (let i = 0; i < text.length; i += size) p.write(text.slice(i, i + size));
  p.close();
  console.log(size, log.slice(0,6));
}
