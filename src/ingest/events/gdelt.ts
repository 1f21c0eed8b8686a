import { rawItemId, type Channel, type Diagnostic, type RawItem } from '../../model/index.js';
import type { IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import { CAMEO_ROOT_CODES, QUAD_CLASSES, cameoRoot } from './cameo.js';
import type { DelimitedEvent, DelimitedRecord } from './delimited.js';
import { EventRegistry, REGISTRY_LIMIT } from './registry.js';
import { MAX_RECORD_BYTES, Reporter, firstLine, readSheet, type EventSheet, type SheetFailure } from './sheet.js';
import { DayStarts, calendarDay, decimal, isoDay, isoFromUtcParts, position, present, wholeNumber, type CalendarDay } from './values.js';

/**
 * GDELT event files: tab-separated, no header, no quoting, one event a line.
 * - GDELT 2.0 (`YYYYMMDDHHMMSS.export.CSV`, every 15 minutes since February 2015): 61 columns,
 *   DATEADDED to the second (UTC), an ADM2 code in each of the three geographies.
 * - GDELT 1.0 daily files (`YYYYMMDD.export.CSV`, April 2013 on): 58 columns, no ADM2 codes,
 *   DATEADDED a day; the historical backfiles (1979 – March 2013) lack SOURCEURL: 57.
 * Column order from the GDELT 2.0 Event Codebook and the GDELT 1.0 Data Format Codebook.
 * Each row is an event GDELT's software coded from news: a reference layer, not a report.
 */
export const gdeltAdapter: IngestAdapter = {
  format: 'gdelt',
  detect: detectGdelt,
  parse: parseGdelt,
};

export const GDELT_CHANNEL: Channel = { id: 'gdelt', name: 'GDELT 2.0 Events', type: 'event-dataset' };
/** The same database read from a GDELT 1.0 file: one channel id, the version named as it is. */
const GDELT_1_CHANNEL: Channel = { ...GDELT_CHANNEL, name: 'GDELT 1.0 Events' };

const ACTOR = ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code'];
const GEO_V2 = ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'];
const GEO_V1 = GEO_V2.filter((field) => field !== 'ADM2Code');

function columns(geo: readonly string[], sourceUrl: boolean): readonly string[] {
  return [
    'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
    ...ACTOR.map((field) => `Actor1${field}`),
    ...ACTOR.map((field) => `Actor2${field}`),
    'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
    ...geo.map((field) => `Actor1Geo_${field}`),
    ...geo.map((field) => `Actor2Geo_${field}`),
    ...geo.map((field) => `ActionGeo_${field}`),
    'DATEADDED',
    ...(sourceUrl ? ['SOURCEURL'] : []),
  ];
}

export type GdeltLayout = 'gdelt-2.0' | 'gdelt-1.0' | 'gdelt-1.0-historical';

/** The column names of each layout, in file order, by field count. */
export const GDELT_LAYOUTS: ReadonlyMap<number, { readonly layout: GdeltLayout; readonly columns: readonly string[] }> = new Map([
  [61, { layout: 'gdelt-2.0', columns: columns(GEO_V2, true) }],
  [58, { layout: 'gdelt-1.0', columns: columns(GEO_V1, true) }],
  [57, { layout: 'gdelt-1.0-historical', columns: columns(GEO_V1, false) }],
]);

/** GDELT 2.0 Event Codebook, "Geo_Type": how precise the match of a place name was. */
const GEO_TYPES: Readonly<Record<string, string>> = {
  '1': 'country',
  '2': 'US state',
  '3': 'US city',
  '4': 'world city',
  '5': 'world state (ADM1)',
};

export function detectGdelt(head: Uint8Array, fileName: string): number {
  const { text, complete } = firstLine(head);
  const fields = text.split('\t');
  const hint = /\.export\.csv$/i.test(fileName) ? 0.04 : 0;
  const looksLikeEvent = /^\d+$/.test(fields[0] ?? '') && /^\d{8}$/.test(fields[1] ?? '');
  if (!looksLikeEvent) return /^GLOBALEVENTID\tSQLDATE\t/i.test(text) ? 0.9 : 0;
  if (complete) return GDELT_LAYOUTS.has(fields.length) ? 0.95 + hint : 0.3;
  // A line longer than the head: only the columns seen so far can be checked.
  return fields.length >= 20 && fields.length <= 61 ? 0.6 + hint : 0.1;
}

export function parseGdelt(input: ParseInput): ParseOutput {
  const sheet = new GdeltSheet(input);
  return readSheet(input, { delimiter: 0x09, quoting: false, maxRecordBytes: MAX_RECORD_BYTES }, sheet);
}

interface Row {
  readonly record: DelimitedRecord;
  readonly layout: GdeltLayout;
  /** The field of a column, '' when the layout lacks it (ADM2 codes in GDELT 1.0). */
  get(column: string): string;
  at(column: string): string;
}

class GdeltSheet implements EventSheet, SheetFailure {
  readonly out: (RawItem | Diagnostic)[] = [];
  stopped = false;
  private readonly reporter: Reporter;
  private readonly registry = new EventRegistry(REGISTRY_LIMIT);
  /** The field count of the first good row: every row of one file has the same layout. */
  private fieldCount: number | null = null;
  private rows = 0;
  private unplaced = 0;
  private readonly utcDays = new DayStarts('UTC');
  private firstUnplaced = '';

  constructor(private readonly input: ParseInput) {
    this.reporter = new Reporter('gdelt', input.file, this.out);
  }

  fail(error: unknown): void {
    this.reporter.internalError(error);
    this.stopped = true;
  }

  handle(event: DelimitedEvent): void {
    if (event.type === 'utf16') {
      this.reporter.report('unsupported-encoding', 'error', 'the file is UTF-16 (it starts with a UTF-16 byte-order mark); GDELT files are UTF-8', '');
      this.stopped = true;
      return;
    }
    this.rows++;
    if (event.type === 'broken') {
      this.reporter.report('record-too-large', 'error', `this line is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB; it was skipped`, event.at);
      return;
    }
    if (event.invalidUtf8) {
      this.reporter.reportOnce('invalid-utf8', 'warning', 'this line is not valid UTF-8 (the first such line; later ones are not reported): the bad bytes were replaced with U+FFFD', `${event.line}:1`);
    }
    this.readRow(event);
  }

  finish(): void {
    if (this.rows === 0) this.reporter.report('empty', 'error', 'the file is empty: there are no event lines', '');
    if (this.unplaced > 0) {
      this.reporter.report(
        'no-location',
        'info',
        `${this.unplaced} event${this.unplaced === 1 ? ' has' : 's have'} no action location (ActionGeo empty, first at line ${this.firstUnplaced}); kept without a position`,
        `${this.firstUnplaced}:1`,
      );
    }
  }

  private readRow(record: DelimitedRecord): void {
    const fields = record.fields;
    if (/^GLOBALEVENTID$/i.test(fields[0]?.trim() ?? '')) {
      this.rows--;
      this.reporter.report('header-line', 'info', 'a line of column names (GDELT files have none); skipped', `${record.line}:1`);
      return;
    }
    const known = GDELT_LAYOUTS.get(fields.length);
    if (known === undefined || (this.fieldCount !== null && fields.length !== this.fieldCount)) {
      const expected = this.fieldCount === null ? '61 (GDELT 2.0), 58 or 57 (GDELT 1.0)' : `${this.fieldCount}, as the first rows of this file`;
      this.reporter.report('column-count', 'error', `this line has ${fields.length} tab-separated fields, not ${expected}; it was skipped`, `${record.line}:1`);
      return;
    }
    const index = new Map(known.columns.map((name, k) => [name, k]));
    const row: Row = {
      record,
      layout: known.layout,
      get: (column) => {
        const k = index.get(column);
        return k === undefined ? '' : (fields[k] ?? '');
      },
      at: (column) => {
        const k = index.get(column);
        return k === undefined ? `${record.line}:1` : record.at(k);
      },
    };
    const item = this.rawItem(row);
    if (item !== null) this.fieldCount ??= fields.length;
  }

  private rawItem(row: Row): RawItem | null {
    const { record } = row;
    const problems: { rule: string; message: string; at: string }[] = [];
    const eventId = row.get('GLOBALEVENTID').trim();
    if (!/^\d{1,20}$/.test(eventId)) problems.push({ rule: 'invalid-id', message: `GLOBALEVENTID ${JSON.stringify(eventId)} is not a number`, at: row.at('GLOBALEVENTID') });
    const eventDate = compactDay(row.get('SQLDATE'));
    if (eventDate === null) problems.push({ rule: 'invalid-date', message: `SQLDATE ${JSON.stringify(row.get('SQLDATE'))} is not a date (YYYYMMDD)`, at: row.at('SQLDATE') });
    const latText = row.get('ActionGeo_Lat');
    const lonText = row.get('ActionGeo_Long');
    const placed = latText.trim() !== '' || lonText.trim() !== '';
    const geo = placed ? position(latText, lonText) : null;
    if (geo !== null && 'problem' in geo) problems.push({ rule: 'invalid-coordinates', message: `ActionGeo: ${geo.problem}`, at: row.at(latText.trim() === '' || decimal(latText) === null ? 'ActionGeo_Lat' : 'ActionGeo_Long') });
    const first = problems[0];
    if (first !== undefined || eventDate === null || (geo !== null && 'problem' in geo)) {
      const what = problems.some((p) => p.rule === 'invalid-id') ? 'this line' : `event ${eventId}`;
      this.reporter.report(first?.rule ?? 'invalid-row', 'error', `${what} was skipped: ${problems.map((p) => p.message).join('; ')}`, first?.at ?? `${record.line}:1`);
      return null;
    }

    const warnings: string[] = [];
    const number = (column: string, read: (text: string) => number | null): number | null => {
      const written = row.get(column).trim();
      if (written === '') return null;
      const value = read(written);
      if (value === null) warnings.push(`${column} ${JSON.stringify(written)} is not a number`);
      return value;
    };
    const dateAdded = this.dateAdded(row, warnings);
    const eventCode = present(row.get('EventCode'));
    const rootCode = present(row.get('EventRootCode')) ?? (eventCode === null ? null : cameoRoot(eventCode));
    const quadClass = number('QuadClass', wholeNumber);
    const isRoot = present(row.get('IsRootEvent'));
    const actors = [gdeltActor(row, 'Actor1', number), gdeltActor(row, 'Actor2', number)].filter((actor) => actor !== null);
    const place = geoBlock(row, 'ActionGeo', number);
    const sourceText = present(row.get('SOURCEURL'));
    const url = sourceText !== null && isWebUrl(sourceText) ? sourceText : null;
    const extra: Record<string, unknown> = {
      layout: row.layout,
      eventDate: isoDay(eventDate),
      timePrecision: 'day',
      dateAdded: dateAdded.iso,
      dateAddedPrecision: dateAdded.precision,
      eventCode,
      eventBaseCode: present(row.get('EventBaseCode')),
      eventRootCode: rootCode,
      eventRootLabel: rootCode === null ? null : (CAMEO_ROOT_CODES[rootCode] ?? null),
      quadClass,
      quadClassLabel: quadClass === null ? null : (QUAD_CLASSES[String(quadClass)] ?? null),
      isRootEvent: isRoot === null ? null : isRoot === '1',
      goldsteinScale: number('GoldsteinScale', decimal),
      numMentions: number('NumMentions', wholeNumber),
      numSources: number('NumSources', wholeNumber),
      numArticles: number('NumArticles', wholeNumber),
      avgTone: number('AvgTone', decimal),
      actors,
      geoType: place.type,
      geoTypeMeaning: place.typeMeaning,
      place: place.fullName === null && place.countryCode === null ? null : place,
      // SOURCEURL holds a source's name when the article has no URL (e.g. "BBC Monitoring").
      sourceName: url === null ? sourceText : null,
    };
    if (warnings.length > 0) this.reporter.report('invalid-value', 'warning', `event ${eventId}: ${warnings.join('; ')}; left out`, `${record.line}:1`);

    const id = rawItemId([
      // Positional identity: append new values at the end, never reorder (ids would change).
      // Counts and tone are left out: they describe coverage, not the event, and grow.
      'gdelt', eventId, isoDay(eventDate), row.get('Actor1Code'), row.get('Actor1Name'), row.get('Actor2Code'), row.get('Actor2Name'),
      eventCode, isRoot, quadClass, place.fullName, place.lat, place.lon, place.featureId, sourceText,
    ]);
    const externalId = `gdelt:${eventId}`;
    const sighting = this.registry.sight(externalId, id, record.line);
    if (sighting.kind === 'repeat') {
      this.reporter.report('duplicate-event', 'info', `event ${eventId} repeats line ${sighting.firstLine} with the same content; skipped`, `${record.line}:1`);
      return null;
    }
    if (sighting.kind === 'revision') {
      this.reporter.report('revised-event', 'info', `event ${eventId} appears again (first at line ${sighting.firstLine}) with other content; both are kept as separate items`, `${record.line}:1`);
    } else if (sighting.kind === 'untracked' && sighting.firstUntracked) {
      this.reporter.report('duplicate-check-limit', 'info', `more than ${REGISTRY_LIMIT} events: repeated event ids are no longer reported from here on`, `${record.line}:1`);
    }
    if (geo === null) {
      this.unplaced++;
      if (this.unplaced === 1) this.firstUnplaced = String(record.line);
    }

    const item: RawItem = {
      id,
      format: 'gdelt',
      externalId,
      kind: 'reference-event',
      channel: row.layout === 'gdelt-2.0' ? GDELT_CHANNEL : GDELT_1_CHANNEL,
      author: null,
      // When GDELT first saw the event; the event's own day is extra.eventDate.
      time: dateAdded.iso,
      editedTime: null,
      title: null,
      text: eventLine(actors, eventCode, rootCode, place.fullName),
      url,
      declaredLanguage: null,
      forwardedFrom: null,
      replyTo: null,
      media: [],
      geo: geo === null ? null : { lat: geo.lat, lon: geo.lon },
      extra,
      origin: { file: this.input.file, sha256: this.input.sha256, location: `${record.line}:1`, offset: record.offset, length: record.length },
    };
    this.out.push(item);
    return item;
  }

  /** DATEADDED: `YYYYMMDDHHMMSS` in UTC (2.0), `YYYYMMDD` (1.0). */
  private dateAdded(row: Row, warnings: string[]): { iso: string | null; precision: 'second' | 'day' | null } {
    const written = row.get('DATEADDED').trim();
    const full = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(written);
    if (full !== null) {
      const day = calendarDay(Number(full[1]), Number(full[2]), Number(full[3]));
      const iso = day === null ? null : isoFromUtcParts(day, Number(full[4]), Number(full[5]), Number(full[6]));
      if (iso !== null) return { iso, precision: 'second' };
    } else {
      const day = compactDay(written);
      const iso = day === null ? null : this.utcDays.of(day);
      if (iso !== null) return { iso, precision: 'day' };
    }
    warnings.push(`DATEADDED ${JSON.stringify(written)} is not a time (YYYYMMDDHHMMSS or YYYYMMDD)`);
    return { iso: null, precision: null };
  }
}

type NumberReader = (column: string, read: (text: string) => number | null) => number | null;

interface GeoBlock {
  readonly type: number | null;
  readonly typeMeaning: string | null;
  readonly fullName: string | null;
  /** FIPS 10-4 country code (GDELT's geographies use FIPS, not ISO). */
  readonly countryCode: string | null;
  readonly adm1Code: string | null;
  readonly adm2Code: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  /** GNS or GNIS feature id, or an ADM1 code for a country- or state-level match. */
  readonly featureId: string | null;
}

function geoBlock(row: Row, prefix: 'Actor1Geo' | 'Actor2Geo' | 'ActionGeo', number: NumberReader): GeoBlock {
  const type = number(`${prefix}_Type`, wholeNumber);
  const lat = number(`${prefix}_Lat`, decimal);
  const lon = number(`${prefix}_Long`, decimal);
  return {
    type,
    typeMeaning: type === null ? null : (GEO_TYPES[String(type)] ?? null),
    fullName: present(row.get(`${prefix}_FullName`)),
    countryCode: present(row.get(`${prefix}_CountryCode`)),
    adm1Code: present(row.get(`${prefix}_ADM1Code`)),
    adm2Code: present(row.get(`${prefix}_ADM2Code`)),
    lat: lat !== null && Math.abs(lat) <= 90 ? lat : null,
    lon: lon !== null && Math.abs(lon) <= 180 ? lon : null,
    featureId: present(row.get(`${prefix}_FeatureID`)),
  };
}

interface GdeltActor {
  readonly role: 'actor1' | 'actor2';
  /** CAMEO actor code, e.g. `VENMIL` (Venezuela, military). */
  readonly code: string | null;
  /** As GDELT names it: a country, a group, a role ("POLICE"), or a public figure in office. */
  readonly name: string | null;
  /** CAMEO country code (ISO 3166 alpha-3 based). */
  readonly countryCode: string | null;
  readonly knownGroupCode: string | null;
  readonly ethnicCode: string | null;
  readonly religionCodes: readonly string[];
  readonly typeCodes: readonly string[];
  readonly geo: GeoBlock | null;
}

function gdeltActor(row: Row, prefix: 'Actor1' | 'Actor2', number: NumberReader): GdeltActor | null {
  const code = present(row.get(`${prefix}Code`));
  const name = present(row.get(`${prefix}Name`));
  if (code === null && name === null) return null;
  const codes = (...columns: string[]): string[] => columns.map((column) => present(row.get(`${prefix}${column}`))).filter((value) => value !== null);
  const geo = geoBlock(row, `${prefix}Geo`, number);
  return {
    role: prefix === 'Actor1' ? 'actor1' : 'actor2',
    code,
    name,
    countryCode: present(row.get(`${prefix}CountryCode`)),
    knownGroupCode: present(row.get(`${prefix}KnownGroupCode`)),
    ethnicCode: present(row.get(`${prefix}EthnicCode`)),
    religionCodes: codes('Religion1Code', 'Religion2Code'),
    typeCodes: codes('Type1Code', 'Type2Code', 'Type3Code'),
    geo: geo.fullName === null && geo.lat === null ? null : geo,
  };
}

/** `VENEZUELA — CAMEO 193 Fight — COLOMBIA at Guasdualito, Apure, Venezuela`: the row read aloud. */
function eventLine(actors: readonly GdeltActor[], eventCode: string | null, rootCode: string | null, place: string | null): string {
  const label = (role: GdeltActor['role']): string | null => {
    const actor = actors.find((a) => a.role === role);
    return actor === undefined ? null : (actor.name ?? actor.code);
  };
  const rootLabel = rootCode === null ? null : (CAMEO_ROOT_CODES[rootCode] ?? null);
  const action = ['CAMEO', eventCode ?? '?', rootLabel].filter((part) => part !== null).join(' ');
  const line = [label('actor1'), action, label('actor2')].filter((part) => part !== null).join(' — ');
  return place === null ? line : `${line} at ${place}`;
}

/** `YYYYMMDD` as a calendar day. */
function compactDay(written: string): CalendarDay | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(written.trim());
  return match === null ? null : calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

function isWebUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text);
}
