/**
 * The ACLED and GDELT adapters under fuzzing: whatever bytes arrive, however they are cut, they
 * yield valid RawItems and their own diagnostics and never throw; a well-formed file reads back
 * as written; one bad row costs that row and one diagnostic, never the rows around it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GDELT_LAYOUTS, acledAdapter, gdeltAdapter } from '../../src/ingest/events/index.js';
import type { IngestAdapter } from '../../src/ingest/index.js';
import { isDiagnostic, type Diagnostic, type RawItem } from '../../src/model/index.js';
import { adapterFor, fixtureBytes, fixtureNames, parseEventBytes } from '../fixtures/events/harness.js';
import { expectContract, itemsOf, type Contract } from '../helpers/contract.js';
import { arbitraryChunking, chunkSizes, encode, type Chunking } from '../helpers/fuzz.js';

const FILE = 'fuentes/fuzz.csv';
type EventRecord = RawItem | Diagnostic;

async function read(adapter: IngestAdapter, bytes: Uint8Array, chunkSizes?: readonly number[]): Promise<EventRecord[]> {
  return parseEventBytes(adapter, bytes, chunkSizes === undefined ? { file: FILE } : { file: FILE, chunkSizes });
}

// The adapter turns its own exceptions into <format>/internal-error: for a fuzzer it is a crash.
const contractOf = (adapter: IngestAdapter): Contract => ({ format: adapter.format, file: FILE, noInternalError: true, kind: 'reference-event', originFile: true });

const chunking: fc.Arbitrary<Chunking> = arbitraryChunking({ maxCut: 8000, maxCuts: 12 });

// ---------------------------------------------------------------------------------------------
// ACLED files built from generated events, written as RFC 4180 says.

const ACLED_HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FRAGMENTS = ['Guasdualito', 'Ñandú', 'انفجار', '🇻🇪', '👨‍👩‍👧', ',', '"', '""', ' ', '\n', '\r\n', '\r', '\t', ';', '\u00a0', '\ufeff', 'a,"b"'];

/** Note text as ACLED writes it, and worse: commas, quotes, line breaks, emoji. Starts with a letter, as a note does. */
const note = (lineBreaks: boolean): fc.Arbitrary<string> =>
  fc
    .oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join('')))
    .map((text) => `Nota ${lineBreaks ? text : text.replace(/[\r\n]/g, ' ')}`);

interface AcledEvent {
  readonly id: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly spelled: boolean;
  readonly timePrecision: number;
  /** Ten-thousandths of a degree, as ACLED writes four decimals. */
  readonly lat: number;
  readonly lon: number;
  readonly fatalities: number;
  readonly notes: string;
}

const acledEvent = (lineBreaks: boolean): fc.Arbitrary<AcledEvent> =>
  fc
    .record({
      id: fc.integer({ min: 1, max: 999_999 }),
      year: fc.integer({ min: 1997, max: 2030 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      spelled: fc.boolean(),
      timePrecision: fc.integer({ min: 1, max: 3 }),
      lat: fc.integer({ min: -900_000, max: 900_000 }),
      lon: fc.integer({ min: -1_800_000, max: 1_800_000 }),
      fatalities: fc.nat({ max: 500 }),
      notes: note(lineBreaks),
    })
    .filter((e) => e.lat !== 0 || e.lon !== 0);

const acledEvents = (lineBreaks: boolean): fc.Arbitrary<AcledEvent[]> =>
  fc.uniqueArray(acledEvent(lineBreaks), { selector: (e) => e.id, minLength: 1, maxLength: 8 });

const csvField = (value: string, quote = false): string => (quote || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const pad = (n: number): string => String(n).padStart(2, '0');

function acledRow(e: AcledEvent): string {
  const date = e.spelled ? `${pad(e.day)} ${MONTHS[e.month - 1] ?? ''} ${e.year}` : `${e.year}-${pad(e.month)}-${pad(e.day)}`;
  return [
    `VEN${e.id}`, date, String(e.year), String(e.timePrecision), 'Political violence', 'Battles', 'Armed clash',
    'Military Forces of Venezuela (2013-)', '', 'State forces', 'Unidentified Armed Group (Venezuela)', '', 'Political militia',
    'State forces-Political militia', '', '862', 'South America', 'Venezuela', 'Apure', 'Paez', 'Guasdualito', 'Guasdualito',
    String(e.lat / 10_000), String(e.lon / 10_000), '1', 'Radio Prueba 99.9; Diario Sintetico', 'Subnational',
    csvField(e.notes, true), String(e.fatalities), '', '1789828325',
  ].join(',');
}

interface AcledFile {
  readonly events: readonly AcledEvent[];
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
}

const acledFile = (lineBreaks: boolean): fc.Arbitrary<AcledFile> =>
  fc.record({ events: acledEvents(lineBreaks), eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), bom: fc.boolean() });

function acledText({ events, eol, bom }: AcledFile): string {
  return `${bom ? '\uFEFF' : ''}${[ACLED_HEADER, ...events.map(acledRow)].join(eol)}${eol}`;
}

function acledReadBack(e: AcledEvent): Pick<RawItem, 'externalId' | 'text' | 'geo'> & { date: string; fatalities: number } {
  return {
    externalId: `acled:VEN${e.id}`,
    text: e.notes.replace(/\r\n?/g, '\n').trim(),
    geo: { lat: e.lat / 10_000, lon: e.lon / 10_000 },
    date: `${e.year}-${pad(e.month)}-${pad(e.day)}`,
    fatalities: e.fatalities,
  };
}

// ---------------------------------------------------------------------------------------------
// GDELT 2.0 files built from generated events.

const GDELT_COLUMNS = GDELT_LAYOUTS.get(61)?.columns ?? [];

interface GdeltEvent {
  readonly id: number;
  readonly sqlDate: string;
  readonly added: { readonly day: string; readonly hour: number; readonly minute: number };
  readonly actor1: string;
  readonly actor2: string;
  readonly eventCode: string;
  readonly lat: number | null;
  readonly lon: number;
  readonly url: string;
}

const compactDay = fc
  .record({ year: fc.integer({ min: 1979, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}${pad(month)}${pad(day)}`);

const gdeltEvent = (placed: boolean): fc.Arbitrary<GdeltEvent> =>
  fc
    .record({
      id: fc.integer({ min: 1, max: 2 ** 40 }),
      sqlDate: compactDay,
      added: fc.record({ day: compactDay, hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 15, 30, 45) }),
      actor1: fc.stringMatching(/^[A-Z ]{0,16}$/),
      actor2: fc.stringMatching(/^[A-Z ]{0,16}$/),
      eventCode: fc.constantFrom('010', '0251', '141', '1411', '183', '190', '193', '195', '204'),
      lat: placed ? fc.integer({ min: -900_000, max: 900_000 }) : fc.option(fc.integer({ min: -900_000, max: 900_000 })),
      lon: fc.integer({ min: -1_800_000, max: 1_800_000 }),
      url: fc.webUrl({ withQueryParameters: true }),
    })
    .filter((e) => e.lat !== 0 || e.lon !== 0);

const gdeltEvents = (placed: boolean): fc.Arbitrary<GdeltEvent[]> =>
  fc.uniqueArray(gdeltEvent(placed), { selector: (e) => e.id, minLength: 1, maxLength: 8 });

function gdeltLine(e: GdeltEvent): string {
  const values: Record<string, string> = {
    GLOBALEVENTID: String(e.id),
    SQLDATE: e.sqlDate,
    MonthYear: e.sqlDate.slice(0, 6),
    Year: e.sqlDate.slice(0, 4),
    Actor1Name: e.actor1,
    Actor2Name: e.actor2,
    IsRootEvent: '1',
    EventCode: e.eventCode,
    EventBaseCode: e.eventCode.slice(0, 3),
    EventRootCode: e.eventCode.slice(0, 2),
    QuadClass: '4',
    GoldsteinScale: '-10.0',
    NumMentions: '3',
    ActionGeo_Type: e.lat === null ? '0' : '4',
    ActionGeo_FullName: e.lat === null ? '' : 'Guasdualito, Apure, Venezuela',
    ActionGeo_Lat: e.lat === null ? '' : String(e.lat / 10_000),
    ActionGeo_Long: e.lat === null ? '' : String(e.lon / 10_000),
    DATEADDED: `${e.added.day}${pad(e.added.hour)}${pad(e.added.minute)}00`,
    SOURCEURL: e.url,
  };
  return GDELT_COLUMNS.map((name) => values[name] ?? '').join('\t');
}

function gdeltReadBack(e: GdeltEvent): Pick<RawItem, 'externalId' | 'geo' | 'time' | 'url'> & { eventDate: string } {
  const day = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  return {
    externalId: `gdelt:${e.id}`,
    geo: e.lat === null ? null : { lat: e.lat / 10_000, lon: e.lon / 10_000 },
    time: `${day(e.added.day)}T${pad(e.added.hour)}:${pad(e.added.minute)}:00Z`,
    url: e.url,
    eventDate: day(e.sqlDate),
  };
}

const gdeltText = (events: readonly GdeltEvent[], eol: string): string => `${events.map(gdeltLine).join(eol)}${eol}`;

// ---------------------------------------------------------------------------------------------

const ADAPTERS = [acledAdapter, gdeltAdapter];
const SOUP = fc.oneof(
  fc.constantFrom(',', '"', '""', '\t', '\n', '\r\n', '\r', ';', '0', '-', '.', '2026-09-18', '20260918', '20260918021500', '7.2420', '-70.733', '999', 'VEN1', 'ñ', '🇻🇪', '\uFEFF', '\uFFFD'),
  fc.string({ maxLength: 6 }),
);
const acledSoup = fc.array(SOUP, { maxLength: 80 }).map((tokens) => `${ACLED_HEADER}\n${tokens.join('')}`);
const gdeltSoup = fc.array(SOUP, { maxLength: 80 }).map((tokens) => `${GDELT_COLUMNS.map((_, k) => (k === 0 ? '1' : k === 1 ? '20260918' : '')).join('\t')}\n${tokens.join('')}`);

describe('event adapters under fuzzing: arbitrary input', () => {
  for (const adapter of ADAPTERS) {
    it(`${adapter.format}: never throws on arbitrary bytes, and every record keeps the contract`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), chunking, async (bytes, how) => {
          expectContract(await read(adapter, bytes, chunkSizes(bytes.length, how)), contractOf(adapter));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('acled: never throws on CSV-like token soup under a header, however it arrives', async () => {
    await fc.assert(
      fc.asyncProperty(acledSoup, chunking, async (soup, how) => {
        const bytes = encode(soup);
        const whole = await read(acledAdapter, bytes);
        expectContract(whole, contractOf(acledAdapter));
        expect(JSON.stringify(await read(acledAdapter, bytes, chunkSizes(bytes.length, how)))).toBe(JSON.stringify(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('gdelt: never throws on tab-separated token soup, however it arrives', async () => {
    await fc.assert(
      fc.asyncProperty(gdeltSoup, chunking, async (soup, how) => {
        const bytes = encode(soup);
        const whole = await read(gdeltAdapter, bytes);
        expectContract(whole, contractOf(gdeltAdapter));
        expect(JSON.stringify(await read(gdeltAdapter, bytes, chunkSizes(bytes.length, how)))).toBe(JSON.stringify(whole));
      }),
      { numRuns: 300 },
    );
  });
});

describe('event adapters under fuzzing: well-formed files', () => {
  it('acled: reads back every generated event, in order, with its id, note, place, day and toll', async () => {
    await fc.assert(
      fc.asyncProperty(acledFile(true), chunking, async (file, how) => {
        const bytes = encode(acledText(file));
        const out = await read(acledAdapter, bytes, chunkSizes(bytes.length, how));
        expectContract(out, contractOf(acledAdapter));
        expect(out.filter(isDiagnostic)).toEqual([]);
        const items = itemsOf(out).map((i) => ({ externalId: i.externalId, text: i.text, geo: i.geo, date: i.extra['date'], fatalities: i.extra['fatalities'] }));
        expect(items).toEqual(file.events.map(acledReadBack));
      }),
      { numRuns: 150 },
    );
  });

  it('gdelt: reads back every generated event, in order, with its id, place, times and link', async () => {
    await fc.assert(
      fc.asyncProperty(gdeltEvents(false), fc.constantFrom('\n', '\r\n'), chunking, async (events, eol, how) => {
        const bytes = encode(gdeltText(events, eol));
        const out = await read(gdeltAdapter, bytes, chunkSizes(bytes.length, how));
        expectContract(out, contractOf(gdeltAdapter));
        expect(out.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(events.some((e) => e.lat === null) ? ['gdelt/no-location'] : []);
        const items = itemsOf(out).map((i) => ({ externalId: i.externalId, geo: i.geo, time: i.time, url: i.url, eventDate: i.extra['eventDate'] }));
        expect(items).toEqual(events.map(gdeltReadBack));
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// One bad row among good ones.

type AcledDamage = 'date' | 'latitude' | 'empty-position' | 'fatalities' | 'columns' | 'id';
const ACLED_DAMAGE: readonly AcledDamage[] = ['date', 'latitude', 'empty-position', 'fatalities', 'columns', 'id'];

/** A good row (fatalities 1, notes without commas) spoiled one way. */
function damageAcled(row: string, damage: AcledDamage): string {
  // Fields before the notes (index 27) hold no commas, so they can be replaced by position.
  const set = (changes: Readonly<Record<number, string>>): string =>
    row
      .split(',')
      .map((field, k) => changes[k] ?? field)
      .join(',');
  switch (damage) {
    case 'date':
      return set({ 1: '2026-02-30' });
    case 'latitude':
      return set({ 22: '123.4' });
    case 'empty-position':
      return set({ 22: '', 23: '' });
    case 'fatalities':
      return row.replace(/,1,,1789828325$/, ',dos,,1789828325');
    case 'columns':
      return row.split(',').slice(0, 20).join(',');
    case 'id':
      return set({ 0: '' });
  }
}

describe('event adapters under fuzzing: one bad row', () => {
  it('acled: a bad row gives one error where it is, and every good row lands', async () => {
    await fc.assert(
      fc.asyncProperty(acledFile(true), fc.nat(), fc.constantFrom(...ACLED_DAMAGE), async (file, at, damage) => {
        const position = at % (file.events.length + 1);
        const bad = damageAcled(acledRow({ id: 0, year: 2026, month: 9, day: 18, spelled: false, timePrecision: 1, lat: 72_420, lon: -707_330, fatalities: 1, notes: 'Nota mala' }), damage);
        const rows = file.events.map(acledRow).toSpliced(position, 0, bad);
        const text = `${[ACLED_HEADER, ...rows].join(file.eol)}${file.eol}`;
        const out = await read(acledAdapter, encode(text));
        expectContract(out, contractOf(acledAdapter));
        const diagnostics = out.filter(isDiagnostic);
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]?.severity).toBe('error');
        // The bad row starts after the header and the good rows before it, however many lines those take.
        const badLine = [ACLED_HEADER, ...rows.slice(0, position)].join(file.eol).split(/\r\n|\n|\r/).length + 1;
        expect(diagnostics[0]?.location.split(':')[0]).toBe(String(badLine));
        expect(itemsOf(out).map((i) => i.externalId)).toEqual(file.events.map((e) => `acled:VEN${e.id}`));
      }),
      { numRuns: 200 },
    );
  });

  it('acled: a quote left open costs its own row, and the rows after it are read again', async () => {
    await fc.assert(
      fc.asyncProperty(acledEvents(false), fc.nat(), async (events, at) => {
        const broken = at % events.length;
        const rows = events.map((e, k) => {
          const row = acledRow(e);
          if (k !== broken) return row;
          // Drop the closing quote of the notes: `…,"Nota …",12,,1789828325` → `…,"Nota …,12,,1789828325`.
          const tail = `,${e.fatalities},,1789828325`;
          return `${row.slice(0, row.length - tail.length - 1)}${tail}`;
        });
        const out = await read(acledAdapter, encode(`${[ACLED_HEADER, ...rows].join('\n')}\n`));
        expectContract(out, contractOf(acledAdapter));
        expect(out.filter(isDiagnostic).map((d) => [d.ruleId, d.location.split(':')[0]])).toEqual([['acled/unclosed-quote', String(broken + 2)]]);
        expect(itemsOf(out).map((i) => i.externalId)).toEqual(events.filter((_, k) => k !== broken).map((e) => `acled:VEN${e.id}`));
      }),
      { numRuns: 200 },
    );
  });

  it('gdelt: a bad line gives one error on that line, and every good line lands', async () => {
    const damage = fc.constantFrom<(fields: string[]) => string[]>(
      (f) => f.slice(0, 60),
      (f) => [...f, 'extra'],
      (f) => f.toSpliced(1, 1, '20260231'),
      (f) => f.toSpliced(56, 1, '-95.5'),
      (f) => f.toSpliced(57, 1, 'oeste'),
      (f) => f.toSpliced(0, 1, 'id-1'),
    );
    await fc.assert(
      fc.asyncProperty(gdeltEvents(true), fc.nat(), damage, fc.constantFrom('\n', '\r\n'), async (events, at, spoil, eol) => {
        const position = at % (events.length + 1);
        const bad = spoil(gdeltLine({ ...(events[0] as GdeltEvent), id: 2 ** 41 }).split('\t')).join('\t');
        const lines = events.map(gdeltLine).toSpliced(position, 0, bad);
        const out = await read(gdeltAdapter, encode(`${lines.join(eol)}${eol}`));
        expectContract(out, contractOf(gdeltAdapter));
        const diagnostics = out.filter(isDiagnostic);
        expect(diagnostics.map((d) => [d.severity, d.location.split(':')[0]])).toEqual([['error', String(position + 1)]]);
        expect(itemsOf(out).map((i) => i.externalId)).toEqual(events.map((e) => `gdelt:${e.id}`));
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

const fixtures = fixtureNames().map((name) => ({ name, adapter: adapterFor(name), bytes: fixtureBytes(name) }));

describe('event adapters under fuzzing: chunking and truncation', () => {
  for (const { name, adapter, bytes } of fixtures) {
    it(`gives the same records for ${name} however its bytes arrive`, async () => {
      const whole = JSON.stringify(await read(adapter, bytes));
      await fc.assert(
        fc.asyncProperty(chunking, async (how) => {
          expect(JSON.stringify(await read(adapter, bytes, chunkSizes(bytes.length, how)))).toBe(whole);
        }),
        { numRuns: 25 },
      );
    });
  }

  it('reads a truncated file as a prefix of the whole: rows lost, never invented or changed, but the one cut', async () => {
    const source = fc.oneof(
      acledFile(true).map((file) => ({ adapter: acledAdapter, bytes: encode(acledText(file)) })),
      gdeltEvents(false).map((events) => ({ adapter: gdeltAdapter, bytes: encode(gdeltText(events, '\n')) })),
      fc.constantFrom(...fixtures.map(({ adapter, bytes }) => ({ adapter, bytes }))),
    );
    await fc.assert(
      fc.asyncProperty(source, fc.nat(), async ({ adapter, bytes }, cut) => {
        const whole = itemsOf(await read(adapter, bytes));
        const out = await read(adapter, bytes.subarray(0, cut % (bytes.length + 1)));
        expectContract(out, contractOf(adapter));
        const items = itemsOf(out);
        // The last row may be cut inside its last field (a shorter timestamp) and still be a row.
        expect(items.slice(0, -1)).toEqual(whole.slice(0, Math.max(0, items.length - 1)));
        expect(items.length).toBeLessThanOrEqual(whole.length);
      }),
      { numRuns: 200 },
    );
  });
});
