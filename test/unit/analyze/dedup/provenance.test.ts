import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProvenanceIndex, provenanceEntryFromItem, type ProvenanceEntry } from '../../../../src/analyze/index.js';
import { RawItem } from '../../../../src/model/index.js';

function familiesOf(entries: readonly ProvenanceEntry[]): Map<string, { family: string; root: string; parent: string | null; link: string }> {
  const index = new ProvenanceIndex();
  for (const entry of entries) index.add(entry);
  return index.families();
}

const at = (minute: number): string => `2026-09-18T06:${String(minute).padStart(2, '0')}:00Z`;

describe('ProvenanceIndex: copies by text', () => {
  it('joins a copy with an "URGENTE:" prefix and a copy with a changed number (Spanish)', () => {
    const families = familiesOf([
      { id: 'a', time: at(10), text: 'Reportan fuerte explosión en la vía a El Amparo, al menos 3 heridos y se fue la luz en varios sectores' },
      { id: 'b', time: at(12), text: 'URGENTE: Reportan fuerte explosión en la vía a El Amparo, al menos 3 heridos y se fue la luz en varios sectores' },
      { id: 'c', time: at(20), text: 'Reportan fuerte explosión en la vía a El Amparo, al menos 7 heridos y se fue la luz en varios sectores' },
      { id: 'd', time: at(11), text: 'El gobernador anunció un plan de asfaltado para las calles de San Fernando de Apure durante octubre' },
    ]);
    expect(families.get('a')).toEqual({ family: 'a', root: 'a', parent: null, link: 'root' });
    expect(families.get('b')).toEqual({ family: 'a', root: 'a', parent: 'a', link: 'near' });
    expect(families.get('c')?.family).toBe('a');
    expect(families.get('c')?.link).toBe('near');
    expect(families.get('d')).toEqual({ family: 'd', root: 'd', parent: null, link: 'root' });
  });

  it('joins an English copy whose death toll was changed, and keeps a different story apart', () => {
    const families = familiesOf([
      { id: 'wire', time: at(1), text: 'Death toll climbs to 161 in Philippines earthquake as rescuers dig through collapsed churches in Bohol' },
      { id: 'update', time: at(30), text: 'Death toll climbs to 183 in Philippines earthquake as rescuers dig through collapsed churches in Bohol' },
      { id: 'other', time: at(31), text: 'Philippines earthquake: aid agencies appeal for tents and clean water as aftershocks continue in Bohol' },
    ]);
    expect(families.get('update')).toEqual({ family: 'wire', root: 'wire', parent: 'wire', link: 'near' });
    expect(families.get('other')?.link).toBe('root');
  });

  it('joins exact copies to the earliest, whatever the URLs, handles and emoji (English)', () => {
    const families = familiesOf([
      { id: 't3', time: at(30), text: 'RT @BorderWatch: Two loud explosions reported near the Arauca bridge, power is out across the area http://t.co/zz9' },
      { id: 't1', time: at(5), text: 'Two loud explosions reported near the Arauca bridge, power is out across the area 💥 http://t.co/abc' },
      { id: 't2', time: at(9), text: 'two loud EXPLOSIONS reported near the Arauca bridge... power is out across the area' },
    ]);
    expect(families.get('t1')?.link).toBe('root');
    expect(families.get('t2')).toEqual({ family: 't1', root: 't1', parent: 't1', link: 'exact' });
    expect(families.get('t3')).toEqual({ family: 't1', root: 't1', parent: 't1', link: 'exact' });
  });

  it('does not merge unrelated short posts, even word for word the same, in Spanish or English', () => {
    const families = familiesOf([
      { id: 's1', time: at(1), text: 'Fuerte explosión!!' },
      { id: 's2', time: at(2), text: 'fuerte explosion' },
      { id: 's3', time: at(3), text: 'Fuerte explosión en Guasdualito' },
      { id: 's4', time: at(4), text: 'Huge explosion!!' },
      { id: 's5', time: at(5), text: 'huge explosion just now' },
      { id: 's6', time: at(6), text: 'Se escuchó una explosión en Guasdualito' },
    ]);
    for (const id of ['s1', 's2', 's3', 's4', 's5', 's6']) expect(families.get(id)?.link, id).toBe('root');
  });

  it('joins a short post only as an exact copy carrying the same link (a retweet of a short headline)', () => {
    const families = familiesOf([
      { id: 'r1', time: at(1), text: 'RT @BBCNews: Deadly quake strikes Philippines http://t.co/wM5CMa9wvN' },
      { id: 'r2', time: at(2), text: 'RT @BBCNews: Deadly quake strikes Philippines http://t.co/wM5CMa9wvN' },
      { id: 'r3', time: at(3), text: 'Deadly quake strikes Philippines http://t.co/other' },
    ]);
    expect(families.get('r2')).toEqual({ family: 'r1', root: 'r1', parent: 'r1', link: 'exact' });
    expect(families.get('r3')?.link).toBe('root');
  });

  it('never lets a later post chain two earlier independent ones together', () => {
    const families = familiesOf([
      { id: 'x', time: at(1), text: 'Vecinos de El Amparo reportan una fuerte explosión cerca del puente y columnas de humo negro' },
      { id: 'y', time: at(2), text: 'Se fue la luz en todo Guasdualito y en los barrios del sur, sin información oficial todavía' },
      {
        id: 'z',
        time: at(3),
        text: 'Vecinos de El Amparo reportan una fuerte explosión cerca del puente y columnas de humo negro. Se fue la luz en todo Guasdualito y en los barrios del sur, sin información oficial todavía',
      },
    ]);
    expect(families.get('x')?.link).toBe('root');
    expect(families.get('y')?.link).toBe('root');
    expect(['x', 'y']).toContain(families.get('z')?.parent);
  });
});

describe('ProvenanceIndex: explicit links', () => {
  it('follows a Telegram forward chain through the origin channel, resolving the message by resemblance', () => {
    const original = 'URGENTE: vecinos envían esta foto de la columna de humo en el sector La Victoria, se escucharon dos detonaciones';
    const families = familiesOf([
      { id: 'origin-other', time: at(1), channel: 'telegram:1555000111', text: 'Buenos días Apure, hoy se reanudan las clases en todos los liceos del municipio Páez' },
      { id: 'origin', time: at(2), channel: 'telegram:1555000111', text: original },
      { id: 'fwd-1', time: at(5), channel: 'telegram:1987654321', channelName: 'Apure al Día', forwardOf: { kind: 'forward', channel: 'telegram:1555000111' }, text: original },
      { id: 'fwd-2', time: at(9), channel: 'telegram:1444', forwardOf: { kind: 'forward', channel: 'Apure al Día' }, text: `${original} 💥` },
    ]);
    expect(families.get('fwd-1')).toEqual({ family: 'origin', root: 'origin', parent: 'origin', link: 'forward' });
    expect(families.get('fwd-2')).toEqual({ family: 'origin', root: 'origin', parent: 'fwd-1', link: 'forward' });
    expect(families.get('origin-other')?.family).toBe('origin-other');
  });

  it('joins a short forward to the same short post of the channel it names, and to nothing else', () => {
    const families = familiesOf([
      { id: 'canal', time: at(1), channel: 'telegram:1555000111', text: 'Fuerte explosión!!' },
      { id: 'otro-testigo', time: at(2), channel: 'telegram:777', text: 'Fuerte explosión!!' },
      { id: 'reenvio', time: at(3), channel: 'telegram:1987654321', forwardOf: { kind: 'forward', channel: 'telegram:1555000111' }, text: 'Fuerte explosión!!' },
    ]);
    expect(families.get('reenvio')).toEqual({ family: 'canal', root: 'canal', parent: 'canal', link: 'forward' });
    expect(families.get('otro-testigo')?.link).toBe('root');
  });

  it('joins a retweet and a quote to their original by platform id, even with no text in common (English)', () => {
    const families = familiesOf([
      { id: 'orig', externalId: 'twitter:100', time: at(1), text: 'Drone strike reported on a camp outside Guasdualito, residents describe two blasts before dawn' },
      { id: 'rt', externalId: 'twitter:101', time: at(3), forwardOf: { kind: 'repost', item: 'twitter:100' }, text: 'Drone strike reported on a camp outside Guasdualito, residents describe two blasts before dawn' },
      { id: 'qt', externalId: 'twitter:102', time: at(4), forwardOf: { kind: 'quote', item: 'twitter:100' }, text: 'We cannot confirm this yet.' },
      { id: 'reply', externalId: 'twitter:103', time: at(5), text: 'I heard it too from my house in El Amparo' },
    ]);
    expect(families.get('rt')).toEqual({ family: 'orig', root: 'orig', parent: 'orig', link: 'repost' });
    expect(families.get('qt')).toEqual({ family: 'orig', root: 'orig', parent: 'orig', link: 'quote' });
    expect(families.get('reply')?.link).toBe('root');
  });

  it('ignores a link to an original dated after the copy, and an id it does not hold', () => {
    const families = familiesOf([
      { id: 'late', time: at(9), text: 'Comunicado oficial: el ministerio confirma el ataque con dron contra el campamento del frente' },
      { id: 'copy', time: at(2), forwardOf: { kind: 'repost', item: 'late' }, text: 'Otra cosa distinta sin relación alguna con el comunicado que circula hoy por las redes' },
      { id: 'lost', time: at(3), forwardOf: { kind: 'repost', item: 'twitter:999' }, text: 'Un texto independiente de cualquier otro que habla del clima en la frontera este lunes' },
    ]);
    expect(families.get('copy')?.link).toBe('root');
    expect(families.get('late')?.link).toBe('root');
    expect(families.get('lost')?.link).toBe('root');
  });
});

describe('ProvenanceIndex: pictures', () => {
  it('joins re-posts of one picture within the same-picture distance, whatever their captions', () => {
    const picture = 'f0e1d2c3b4a59687';
    const recompressed = 'f0e1d2c3b4a59686'; // 1 bit away
    const different = '0f1e2d3c4b5a6978';
    const families = familiesOf([
      { id: 'p1', time: at(1), text: 'Así quedó la casa', mediaHashes: [picture] },
      { id: 'p2', time: at(4), text: 'Look at this!!', mediaHashes: ['0000000000000000', recompressed] },
      { id: 'p3', time: at(5), text: 'Así quedó la casa', mediaHashes: [different] },
    ]);
    expect(families.get('p2')).toEqual({ family: 'p1', root: 'p1', parent: 'p1', link: 'media' });
    expect(families.get('p3')?.link).toBe('root');
  });
});

describe('ProvenanceIndex: order independence', () => {
  const base = 'se reporta una fuerte explosión cerca del puente internacional en la vía hacia el amparo esta madrugada';
  const variants = [
    base,
    `URGENTE: ${base}`,
    base.replace('fuerte', 'enorme'),
    'Two blasts reported near the international bridge on the road to El Amparo early this morning, residents say',
    'Two blasts reported near the international bridge on the road to El Amparo early this morning, residents said',
    'Fuerte explosión!!',
    'Huge explosion!!',
    'El alcalde inauguró la feria del libro en la plaza Bolívar con música llanera y mucho público asistente',
  ];
  const entryArb = fc.record({
    text: fc.constantFrom(...variants),
    minute: fc.integer({ min: 0, max: 5 }),
    dated: fc.boolean(),
    media: fc.constantFrom<string[]>([], ['f0e1d2c3b4a59687'], ['f0e1d2c3b4a59686'], ['0f1e2d3c4b5a6978']),
    forward: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
  });

  it('gives the same families for the same items added in any order', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 10 }), fc.integer(), (items, seed) => {
        const entries: ProvenanceEntry[] = items.map((item, n) => ({
          id: `item-${n}`,
          externalId: `ext-${n}`,
          text: item.text,
          time: item.dated ? at(item.minute) : null,
          mediaHashes: item.media,
          forwardOf: item.forward === null ? null : { kind: 'forward', item: `ext-${item.forward}` },
        }));
        const shuffled = [...entries];
        let state = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as ProvenanceEntry, shuffled[i] as ProvenanceEntry];
        }
        const sorted = (map: Map<string, unknown>): [string, unknown][] => [...map].sort(([a], [b]) => (a < b ? -1 : 1));
        expect(sorted(familiesOf(shuffled))).toEqual(sorted(familiesOf(entries)));
      }),
      { numRuns: 200 },
    );
  });

  it('builds trees: every parent is an earlier member of the same family, and every family has one root', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), (items) => {
        const entries: ProvenanceEntry[] = items.map((item, n) => ({
          id: `item-${n}`,
          externalId: `ext-${n}`,
          text: item.text,
          time: item.dated ? at(item.minute) : null,
          mediaHashes: item.media,
          forwardOf: item.forward === null ? null : { kind: 'repost', item: `ext-${item.forward}` },
        }));
        const families = familiesOf(entries);
        const sortKey = (id: string): string => {
          const entry = entries.find((e) => e.id === id);
          return `${entry?.time ?? '9999'}|${id}`;
        };
        for (const [id, membership] of families) {
          if (membership.parent === null) {
            expect(membership).toEqual({ family: id, root: id, parent: null, link: 'root' });
            continue;
          }
          const parent = families.get(membership.parent);
          expect(parent?.family).toBe(membership.family);
          expect(sortKey(membership.parent) < sortKey(id)).toBe(true);
          expect(families.get(membership.root)?.parent).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a repeated id, a time that is not ISO 8601 and a bad media hash', () => {
    const index = new ProvenanceIndex();
    index.add({ id: 'a', text: 'hola', time: null });
    expect(() => { index.add({ id: 'a', text: 'otra', time: null }); }).toThrow(/already added/);
    expect(() => { index.add({ id: 'b', text: 'x', time: 'ayer' }); }).toThrow(/ISO 8601/);
    expect(() => { index.add({ id: 'c', text: 'x', time: null, mediaHashes: ['xyz'] }); }).toThrow(/16 hex/);
  });
});

describe('provenanceEntryFromItem on parsed fixtures', () => {
  const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures');
  const items = (file: string): RawItem[] =>
    readFileSync(join(fixtures, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      // The social fixtures wrap each item as {"item": …} beside its diagnostics.
      .map((value) => RawItem.safeParse('item' in value ? value['item'] : value))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));

  it('reads a Telegram forward as a link to the origin channel', () => {
    const forwarded = items('telegram/single-channel.expected.jsonl').find((item) => item.forwardedFrom !== null);
    expect(forwarded).toBeDefined();
    const entry = provenanceEntryFromItem(forwarded as RawItem);
    expect(entry.forwardOf).toEqual({ kind: 'forward', channel: 'telegram:1555000111' });
    expect(entry.channel).toBe('telegram:1987654321');
  });

  it('reads an X retweet and a quote as links to the original tweet', () => {
    const tweets = items('social/twitter-search-recent.json.expected.jsonl').map((item) => provenanceEntryFromItem(item));
    expect(tweets.find((entry) => entry.forwardOf?.kind === 'repost')?.forwardOf).toEqual({ kind: 'repost', item: 'twitter:2100827704914870273' });
    expect(tweets.find((entry) => entry.forwardOf?.kind === 'quote')?.forwardOf).toEqual({ kind: 'quote', item: 'twitter:2100827704914870273' });
  });
});
