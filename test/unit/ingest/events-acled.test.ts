import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, acledAdapter, acledDate, detectAcled, gdeltAdapter } from '../../../src/ingest/events/index.js';
import { detectFormat } from '../../../src/ingest/index.js';
import { isDiagnostic, type Diagnostic, type RawItem } from '../../../src/model/index.js';
import { fixtureBytes, parseEventBytes, parseEventStream } from '../../fixtures/events/harness.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';

function row(id: string, notes: string, overrides: { date?: string; timePrecision?: string } = {}): string {
  const quoted = `"${notes.replaceAll('"', '""')}"`;
  return `${id},${overrides.date ?? '2026-09-18'},2026,${overrides.timePrecision ?? '1'},Political violence,Battles,Armed clash,Military Forces of Venezuela (2013-),,State forces,Unidentified Armed Group (Venezuela),,Political militia,State forces-Political militia,,862,South America,Venezuela,Apure,Paez,Guasdualito,Guasdualito,7.2420,-70.7330,1,Radio Prueba 99.9,Subnational,${quoted},0,,1789828325`;
}

const items = (records: readonly (RawItem | Diagnostic)[]): RawItem[] => records.filter((r): r is RawItem => !isDiagnostic(r));
const diagnostics = (records: readonly (RawItem | Diagnostic)[]): Diagnostic[] => records.filter(isDiagnostic);

async function parse(text: string, timezone = 'America/Caracas'): Promise<(RawItem | Diagnostic)[]> {
  return parseEventBytes(acledAdapter, encode(text), { file: 'acled.csv', timezone });
}

describe('ACLED detection', () => {
  it('recognises an export by its header line, BOM or quotes or not', () => {
    expect(detectAcled(fixtureBytes('acled-apure.csv'), 'export.csv')).toBeGreaterThanOrEqual(0.9);
    expect(detectAcled(fixtureBytes('acled-old-layout.csv'), 'export.txt')).toBeGreaterThanOrEqual(0.9);
    expect(detectAcled(fixtureBytes('acled-bom-crlf.csv'), 'x')).toBeGreaterThanOrEqual(0.9);
    expect(detectAcled(encode('"event_id_cnty","event_date","sub_event_type"\n'), 'x')).toBeGreaterThanOrEqual(0.9);
  });

  it('does not claim other tables or GDELT files', () => {
    expect(detectAcled(encode('id,date,text\n1,2026-09-18,hola\n'), 'acled.csv')).toBe(0);
    expect(detectAcled(fixtureBytes('gdelt-20260918021500.export.CSV'), 'x.csv')).toBe(0);
  });

  it('is chosen among all adapters for an ACLED export', () => {
    expect(detectFormat([acledAdapter, gdeltAdapter], fixtureBytes('acled-apure.csv'), 'a.csv').adapter?.format).toBe('acled');
  });
});

describe('ACLED dates', () => {
  it('reads the ISO form and the spelled-out form of older exports', () => {
    expect(acledDate('2026-09-18')).toEqual({ year: 2026, month: 9, day: 18 });
    expect(acledDate('18 September 2026')).toEqual({ year: 2026, month: 9, day: 18 });
    expect(acledDate('05 Sep 2026')).toEqual({ year: 2026, month: 9, day: 5 });
    expect(acledDate('5-Sep-2026')).toEqual({ year: 2026, month: 9, day: 5 });
  });

  it('refuses days that do not exist and other forms', () => {
    for (const written of ['2026-02-29', '31 April 2026', '18/09/2026', '2026-9-18T00:00', 'Se 2026', '']) expect(acledDate(written), written).toBeNull();
    expect(acledDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it("starts an event's day in the case timezone and keeps the day and its precision beside it", async () => {
    const [caracas] = items(await parse(`${HEADER}\n${row('VEN1', 'n', { timePrecision: '3' })}\n`));
    expect(caracas?.time).toBe('2026-09-18T04:00:00Z');
    expect(caracas?.extra).toMatchObject({ date: '2026-09-18', timePrecision: 'month', timePrecisionCode: 3 });
    const [madrid] = items(await parse(`${HEADER}\n${row('VEN1', 'n')}\n`, 'Europe/Madrid'));
    expect(madrid?.time).toBe('2026-09-17T22:00:00Z');
    expect(madrid?.extra['date']).toBe('2026-09-18');
  });

  it('falls back to UTC, once said, when the case timezone is not a zone', async () => {
    const out = await parse(`${HEADER}\n${row('VEN1', 'a')}\n${row('VEN2', 'b')}\n`, 'Mars/Olympus');
    expect(items(out).map((i) => i.time)).toEqual(['2026-09-18T00:00:00Z', '2026-09-18T00:00:00Z']);
    expect(diagnostics(out).map((d) => d.ruleId)).toEqual(['acled/invalid-timezone']);
  });
});

describe('ACLED rows', () => {
  it('keeps a 10 MB note whole', async () => {
    const note = `SYNTHETIC TEST ROW. ${'Ñandú, "cita" y coma. '.repeat(460_000)}`;
    expect(note.length).toBeGreaterThan(10_000_000);
    const out = await parseEventBytes(acledAdapter, encode(`${HEADER}\n${row('VEN1', note)}\n${row('VEN2', 'after')}\n`), { chunkSizes: [65_536] });
    expect(diagnostics(out)).toEqual([]);
    expect(items(out).map((i) => i.text.length)).toEqual([note.trim().length, 5]);
  });

  it('skips a row over the size limit and reads the rows after it', async () => {
    const out = await parseEventBytes(acledAdapter, encode(`${HEADER}\n${row('VEN1', 'x'.repeat(MAX_RECORD_BYTES))}\n${row('VEN2', 'after')}\n`), {
      chunkSizes: [1 << 20],
    });
    expect(diagnostics(out).map((d) => [d.ruleId, d.location])).toEqual([['acled/record-too-large', '2:1']]);
    expect(items(out).map((i) => i.externalId)).toEqual(['acled:VEN2']);
  });

  it('streams: items come out while the file is still being read', async () => {
    const seen: number[] = [];
    let read = 0;
    async function* rows(): AsyncGenerator<Uint8Array> {
      yield encode(`${HEADER}\n`);
      for (let i = 0; i < 2000; i++) {
        read++;
        yield await Promise.resolve(encode(`${row(`VEN${i}`, `note ${i}`)}\n`));
      }
    }
    for await (const record of acledAdapter.parse({ stream: rows(), file: 'a.csv', sha256: null, timezone: 'UTC', pseudonymizer: { pseudonym: (k, v) => `${k}:${v}` }, baseDir: null })) {
      if (!isDiagnostic(record)) seen.push(read);
    }
    expect(seen).toHaveLength(2000);
    // The first item arrived long before the last row was read.
    expect(seen[0]).toBeLessThan(10);
  });

  it('names actors as ACLED does, with their type from a code or a name', async () => {
    const [item] = items(await parseEventBytes(acledAdapter, fixtureBytes('acled-old-layout.csv')));
    expect(item?.extra['actors']).toEqual([
      { role: 'actor1', name: 'Military Forces of Venezuela (2013-)', interCode: 1, type: 'State forces' },
      { role: 'actor2', name: 'Frente Sintetico de Prueba', interCode: 2, type: 'Rebel group' },
    ]);
    expect(item?.author).toBeNull();
  });

  it('maps a sub-event type to the event-type vocabulary', async () => {
    const out = items(await parseEventBytes(acledAdapter, fixtureBytes('acled-apure.csv')));
    expect(out.map((i) => i.extra['eventTypeSlug'])).toEqual([
      'air-drone-strike',
      'attack',
      'peaceful-protest',
      'armed-clash',
      'arrests',
      'remote-explosive-landmine-ied',
    ]);
  });

  it('gives a re-exported event the same id, and a revised one a new id', async () => {
    const first = items(await parse(`${HEADER}\n${row('VEN1', 'a note')}\n`))[0];
    const touched = items(await parse(`${HEADER}\n${row('VEN1', 'a note').replace(/1789828325$/, '1790000000')}\n`))[0];
    const revised = items(await parse(`${HEADER}\n${row('VEN1', 'a note, revised')}\n`))[0];
    expect(touched?.id).toBe(first?.id);
    expect(touched?.extra['lastUpdated']).not.toBe(first?.extra['lastUpdated']);
    expect(revised?.id).not.toBe(first?.id);
    expect(revised?.externalId).toBe(first?.externalId);
  });

  it('reads a file given as a UTF-8 stream cut inside a multibyte character', async () => {
    const bytes = encode(`${HEADER}\n${row('VEN1', 'Páez, Muñoz y Rómulo Gallegos 🇻🇪')}\n`);
    const whole = await parseEventBytes(acledAdapter, bytes);
    async function* inPieces(size: number): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += size) yield await Promise.resolve(bytes.subarray(i, i + size));
    }
    for (const size of [1, 2, 3]) expect(await parseEventStream(acledAdapter, inPieces(size))).toEqual(whole);
    expect(items(whole)[0]?.text).toBe('Páez, Muñoz y Rómulo Gallegos 🇻🇪');
  });
});
