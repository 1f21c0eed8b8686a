import { EVENT_TYPES, rawItemId, type Channel, type Diagnostic, type RawItem } from '../../model/index.js';
import type { IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import type { DelimitedEvent, DelimitedRecord } from './delimited.js';
import { EventRegistry, REGISTRY_LIMIT } from './registry.js';
import { MAX_RECORD_BYTES, Reporter, firstLine, readSheet, type EventSheet, type SheetFailure } from './sheet.js';
import { DayStarts, calendarDay, decimal, isoDay, isoFromUnixSeconds, list, position, present, wholeNumber, type CalendarDay } from './values.js';

/**
 * ACLED (Armed Conflict Location & Event Data) as its export tool and API write it
 * (`export_type=csv`): one event a row, columns named by the header, so older exports with
 * `data_id`, `event_id_no_cnty` and `iso3` (and without `disorder_type`, `civilian_targeting`)
 * read the same way. Each row is an event coded by ACLED's researchers from the outlets listed
 * in `source`: a reference layer, not a primary report.
 */
export const acledAdapter: IngestAdapter = {
  format: 'acled',
  detect: detectAcled,
  parse: parseAcled,
};

export const ACLED_CHANNEL: Channel = { id: 'acled', name: 'ACLED', type: 'event-dataset' };

/** The columns a row cannot do without: what, when and where. */
export const ACLED_REQUIRED_COLUMNS = ['event_id_cnty', 'event_date', 'event_type', 'latitude', 'longitude'] as const;

/** ACLED codebook, "Time precision codes": how closely the source dates the event. */
const TIME_PRECISION: Readonly<Record<string, 'day' | 'week' | 'month'>> = { '1': 'day', '2': 'week', '3': 'month' };

/** ACLED codebook, "Spatial precision codes": how closely the coordinates place the event. */
const GEO_PRECISION: Readonly<Record<string, string>> = {
  '1': 'the named place itself',
  '2': 'near or in part of a region around the named place',
  '3': 'only a larger region; coordinates of its capital',
};

/**
 * ACLED codebook, "'Inter' codes": the actor's type. Exports before 2024 write the number,
 * later ones the name; both are kept.
 */
const INTER_CODES: Readonly<Record<string, string>> = {
  '1': 'State forces',
  '2': 'Rebel group',
  '3': 'Political militia',
  '4': 'Identity militia',
  '5': 'Rioters',
  '6': 'Protesters',
  '7': 'Civilians',
  '8': 'External/Other forces',
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const SLUGS = new Map<string, string>(Object.entries(EVENT_TYPES).map(([slug, t]) => [`${t.eventType}|${t.subEventType}`, slug]));

/** Columns this reader maps to named fields; any other column is kept in `extra.otherColumns`. */
const KNOWN_COLUMNS = new Set([
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1',
  'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region',
  'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale',
  'notes', 'fatalities', 'tags', 'timestamp', 'data_id', 'event_id_no_cnty', 'iso3',
]);

export function detectAcled(head: Uint8Array, _fileName: string): number {
  const { text } = firstLine(head);
  const names = new Set(text.split(',').map(columnName));
  if (!names.has('event_id_cnty') || !names.has('event_date')) return 0;
  return names.has('sub_event_type') ? 0.95 : 0.6;
}

export function parseAcled(input: ParseInput): ParseOutput {
  const sheet = new AcledSheet(input);
  return readSheet(input, { delimiter: 0x2c, quoting: true, maxRecordBytes: MAX_RECORD_BYTES }, sheet);
}

function columnName(written: string): string {
  return written.trim().replace(/^"|"$/g, '').trim().toLowerCase();
}

interface Header {
  readonly names: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

interface Problem {
  readonly rule: string;
  readonly message: string;
  readonly at: string;
}

class AcledSheet implements EventSheet, SheetFailure {
  readonly out: (RawItem | Diagnostic)[] = [];
  stopped = false;
  private readonly reporter: Reporter;
  private readonly registry = new EventRegistry(REGISTRY_LIMIT);
  private header: Header | null = null;
  private rows = 0;
  private readonly dayStarts: DayStarts;

  constructor(private readonly input: ParseInput) {
    this.reporter = new Reporter('acled', input.file, this.out);
    this.dayStarts = new DayStarts(input.timezone);
  }

  fail(error: unknown): void {
    this.reporter.internalError(error);
    this.stopped = true;
  }

  handle(event: DelimitedEvent): void {
    if (event.type === 'utf16') {
      this.reporter.report('unsupported-encoding', 'error', 'the file is UTF-16 (it starts with a UTF-16 byte-order mark); ACLED exports are UTF-8: save it again as UTF-8', '');
      this.stopped = true;
      return;
    }
    if (event.type === 'broken') {
      this.rows++;
      if (event.reason === 'too-large') {
        this.reporter.report('record-too-large', 'error', `this row is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB; it was skipped up to the end of its line`, event.at);
      } else {
        this.reporter.report('unclosed-quote', 'error', 'a quote opened here is never closed on its line; the line was skipped and the lines after it read as rows', event.at);
      }
      return;
    }
    if (event.invalidUtf8) {
      this.reporter.reportOnce(
        'invalid-utf8',
        'warning',
        'this row is not valid UTF-8 (the first such row; later ones are not reported): the bad bytes were replaced with U+FFFD. A file a spreadsheet saved as Windows-1252 or Latin-1 must be saved again as UTF-8',
        `${event.line}:1`,
      );
    }
    if (this.header === null) {
      this.readHeader(event);
      return;
    }
    this.rows++;
    this.readRow(event, this.header);
  }

  finish(): void {
    if (this.header === null) this.reporter.report('empty', 'error', 'the file is empty: there is no header line', '');
    else if (this.rows === 0) this.reporter.report('no-rows', 'warning', 'the file has a header but no rows', '');
  }

  private readHeader(record: DelimitedRecord): void {
    const names = record.fields.map(columnName);
    const index = new Map<string, number>();
    names.forEach((name, k) => {
      if (!index.has(name)) index.set(name, k);
      else if (name !== '') this.reporter.report('duplicate-column', 'warning', `the column "${name}" appears twice; the first one is read`, record.at(k));
    });
    const missing = ACLED_REQUIRED_COLUMNS.filter((name) => !index.has(name));
    if (missing.length > 0) {
      this.reporter.report(
        'missing-columns',
        'error',
        `not an ACLED export: the header line lacks ${missing.join(', ')} (an ACLED export starts with a header such as event_id_cnty,event_date,…)`,
        `${record.line}:1`,
      );
      this.stopped = true;
      return;
    }
    this.header = { names, index };
  }

  private readRow(record: DelimitedRecord, header: Header): void {
    const at = (name: string): string => {
      const k = header.index.get(name);
      return k === undefined ? `${record.line}:1` : record.at(k);
    };
    if (record.fields.length !== header.names.length) {
      this.reporter.report(
        'column-count',
        'error',
        `this row has ${record.fields.length} fields but the header has ${header.names.length}; it was skipped`,
        `${record.line}:1`,
      );
      return;
    }
    const value = (name: string): string | null => {
      const k = header.index.get(name);
      return k === undefined ? null : (record.fields[k] ?? null);
    };
    const text = (name: string): string | null => present(value(name));

    const problems: Problem[] = [];
    const eventId = text('event_id_cnty');
    if (eventId === null) problems.push({ rule: 'missing-id', message: 'event_id_cnty is empty', at: at('event_id_cnty') });
    const date = acledDate(value('event_date') ?? '');
    if (date === null) problems.push({ rule: 'invalid-date', message: `event_date ${JSON.stringify(value('event_date'))} is not a date (YYYY-MM-DD or 18 September 2026)`, at: at('event_date') });
    const geo = position(value('latitude') ?? '', value('longitude') ?? '');
    if ('problem' in geo) problems.push({ rule: 'invalid-coordinates', message: geo.problem, at: at(faultyCoordinate(value('latitude') ?? '', value('longitude') ?? '')) });
    const fatalitiesText = text('fatalities');
    const fatalities = fatalitiesText === null ? null : wholeNumber(fatalitiesText);
    if (fatalitiesText !== null && fatalities === null) {
      problems.push({ rule: 'invalid-fatalities', message: `fatalities ${JSON.stringify(fatalitiesText)} is not a whole number`, at: at('fatalities') });
    }
    const first = problems[0];
    if (first !== undefined || eventId === null || date === null || 'problem' in geo) {
      const what = eventId === null ? 'this row' : `event ${eventId}`;
      this.reporter.report(first?.rule ?? 'invalid-row', 'error', `${what} was skipped: ${problems.map((p) => p.message).join('; ')}`, first?.at ?? `${record.line}:1`);
      return;
    }

    const warnings: string[] = [];
    const timePrecisionCode = text('time_precision');
    const timePrecision = timePrecisionCode === null ? null : (TIME_PRECISION[timePrecisionCode] ?? null);
    if (timePrecisionCode !== null && timePrecision === null) warnings.push(`time_precision ${JSON.stringify(timePrecisionCode)} is not 1, 2 or 3`);
    const geoPrecisionCode = text('geo_precision');
    const geoPrecisionMeaning = geoPrecisionCode === null ? null : (GEO_PRECISION[geoPrecisionCode] ?? null);
    if (geoPrecisionCode !== null && geoPrecisionMeaning === null) warnings.push(`geo_precision ${JSON.stringify(geoPrecisionCode)} is not 1, 2 or 3`);
    const timestamp = text('timestamp');
    const lastUpdated = timestamp === null ? null : unixTime(timestamp);
    if (timestamp !== null && lastUpdated === null) warnings.push(`timestamp ${JSON.stringify(timestamp)} is not a Unix time`);
    if (warnings.length > 0) this.reporter.report('invalid-value', 'warning', `event ${eventId}: ${warnings.join('; ')}; kept as written`, `${record.line}:1`);
    if (record.strayQuote) {
      this.reporter.report('unescaped-quote', 'warning', `event ${eventId}: a quote inside a quoted field is not doubled (RFC 4180 §2.7); it was read as a literal quote`, `${record.line}:1`);
    }

    const time = this.dayStarts.of(date);
    if (!this.dayStarts.valid) {
      this.reporter.reportOnce('invalid-timezone', 'warning', `the case timezone ${JSON.stringify(this.input.timezone)} is not an IANA zone; event days start at 00:00 UTC`, `${record.line}:1`);
    }
    const eventType = text('event_type');
    const subEventType = text('sub_event_type');
    const location = text('location');
    const notes = (value('notes') ?? '').replace(/\r\n?/g, '\n').trim();
    const sources = list(value('source') ?? '');
    const civilianTargeting = value('civilian_targeting');
    const extra: Record<string, unknown> = {
      date: isoDay(date),
      timePrecision,
      timePrecisionCode: timePrecisionCode === null ? null : (wholeNumber(timePrecisionCode) ?? timePrecisionCode),
      disorderType: text('disorder_type'),
      eventType,
      subEventType,
      eventTypeSlug: SLUGS.get(`${eventType ?? ''}|${subEventType ?? ''}`) ?? null,
      actors: actors(value),
      associatedActors: [
        ...list(value('assoc_actor_1') ?? '').map((name) => ({ name, associatedWith: 'actor1' })),
        ...list(value('assoc_actor_2') ?? '').map((name) => ({ name, associatedWith: 'actor2' })),
      ],
      interaction: text('interaction'),
      // The column holds "Civilian targeting" or nothing; older exports lack it (null).
      civilianTargeting: civilianTargeting === null ? null : civilianTargeting.trim() !== '',
      fatalities,
      geoPrecision: geoPrecisionCode === null ? null : (wholeNumber(geoPrecisionCode) ?? geoPrecisionCode),
      geoPrecisionMeaning,
      location,
      admin1: text('admin1'),
      admin2: text('admin2'),
      admin3: text('admin3'),
      country: text('country'),
      region: text('region'),
      iso: text('iso'),
      iso3: text('iso3'),
      sources,
      sourceScale: text('source_scale'),
      tags: list(value('tags') ?? ''),
      lastUpdated,
      dataId: text('data_id'),
      eventIdNoCnty: text('event_id_no_cnty'),
    };
    const other = otherColumns(header, record);
    if (other !== null) extra['otherColumns'] = other;

    const id = rawItemId([
      // Positional identity: append new values at the end, never reorder (ids would change).
      // The `timestamp` is left out: ACLED touches it without changing the event.
      'acled', eventId, isoDay(date), timePrecision, text('disorder_type'), eventType, subEventType, text('actor1'),
      text('assoc_actor_1'), text('actor2'), text('assoc_actor_2'), location, text('admin1'), text('admin2'), text('admin3'),
      geo.lat, geo.lon, geoPrecisionCode, notes, fatalities, sources, extra['civilianTargeting'], text('tags'),
    ]);
    const externalId = `acled:${eventId}`;
    const sighting = this.registry.sight(externalId, id, record.line);
    if (sighting.kind === 'repeat') {
      this.reporter.report('duplicate-event', 'info', `event ${eventId} repeats the row at line ${sighting.firstLine} with the same content; skipped`, `${record.line}:1`);
      return;
    }
    if (sighting.kind === 'revision') {
      this.reporter.report(
        'revised-event',
        'info',
        `event ${eventId} appears again (first at line ${sighting.firstLine}) with other content; both are kept as separate items, ACLED's current version is the one with the later lastUpdated`,
        `${record.line}:1`,
      );
    } else if (sighting.kind === 'untracked' && sighting.firstUntracked) {
      this.reporter.report('duplicate-check-limit', 'info', `more than ${REGISTRY_LIMIT} events: repeated event ids are no longer reported from here on`, `${record.line}:1`);
    }

    this.out.push({
      id,
      format: 'acled',
      externalId,
      kind: 'reference-event',
      channel: ACLED_CHANNEL,
      // `source` names outlets, not an author; it is kept as extra.sources.
      author: null,
      time,
      editedTime: null,
      title: [subEventType ?? eventType, location].filter((part) => part !== null).join(' — ') || null,
      text: notes,
      url: null,
      // ACLED writes its notes in English (ACLED codebook, "Notes").
      declaredLanguage: 'en',
      forwardedFrom: null,
      replyTo: null,
      media: [],
      geo: { lat: geo.lat, lon: geo.lon },
      extra,
      origin: { file: this.input.file, sha256: this.input.sha256, location: `${record.line}:1`, offset: record.offset, length: record.length },
    });
  }
}

/** `2026-09-18`, or `18 September 2026` / `18-Sep-2026` as older exports and spreadsheets write it. */
export function acledDate(written: string): CalendarDay | null {
  const text = written.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso !== null) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const spelled = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$/.exec(text);
  if (spelled === null) return null;
  const word = (spelled[2] ?? '').toLowerCase();
  const month = word.length >= 3 ? MONTHS.findIndex((name) => name.startsWith(word)) : -1;
  return month === -1 ? null : calendarDay(Number(spelled[3]), month + 1, Number(spelled[1]));
}

/** Which of the two columns to point at when a position is rejected. */
function faultyCoordinate(latText: string, lonText: string): 'latitude' | 'longitude' {
  const lat = decimal(latText);
  if (lat === null || Math.abs(lat) > 90) return 'latitude';
  const lon = decimal(lonText);
  return lon === null || Math.abs(lon) > 180 ? 'longitude' : 'latitude';
}

function unixTime(written: string): string | null {
  const seconds = wholeNumber(written) ?? decimal(written);
  return seconds === null ? null : isoFromUnixSeconds(seconds);
}

function actors(value: (name: string) => string | null): { role: string; name: string; interCode: number | null; type: string | null }[] {
  const found: { role: string; name: string; interCode: number | null; type: string | null }[] = [];
  for (const [role, interColumn] of [['actor1', 'inter1'], ['actor2', 'inter2']] as const) {
    const name = present(value(role));
    if (name === null) continue;
    // Actors are organisations and groups as ACLED names them ("Civilians (Venezuela)"), kept as written.
    const inter = present(value(interColumn));
    const code = inter === null ? null : wholeNumber(inter);
    found.push({ role, name, interCode: code, type: code === null ? inter : (INTER_CODES[String(code)] ?? null) });
  }
  return found;
}

function otherColumns(header: Header, record: DelimitedRecord): Record<string, string> | null {
  const other: Record<string, string> = {};
  header.names.forEach((name, k) => {
    const written = record.fields[k] ?? '';
    if (KNOWN_COLUMNS.has(name) || (name !== '' && header.index.get(name) !== k) || written.trim() === '') return;
    other[name === '' ? `column ${k + 1}` : name] = written;
  });
  return Object.keys(other).length > 0 ? other : null;
}
