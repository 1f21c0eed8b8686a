import { createReadStream } from 'node:fs';
import { diagnostic, rawItemId, type Diagnostic, type MediaRef, type RawItem, type Severity } from '../../model/index.js';
import type { IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import { httpUrl, languageTag, remoteMedia, validGeo, type Json } from './common.js';
import { normaliseName, resolveColumns, TABLE_FIELDS, type TableField } from './table-columns.js';
import { TableRows, type Cells, type RowEvent } from './table-rows.js';
import { TableDecoder } from './table-text.js';
import { dateOrderEvidence, isAmbiguousDate, readTableTime, type DateOrder } from './table-time.js';

/**
 * Any table of posts: CSV (comma, semicolon or tab separated, as scrapers and spreadsheets write
 * it) or JSON Lines, with a column map saying which column holds the text, the time, the author…
 * or, without one, a mapping guessed from the column names and reported.
 */
export const tableAdapter: IngestAdapter = {
  format: 'table',
  detect: detectTable,
  parse: parseTable,
};

/** Longest cell (or JSON line) kept, in UTF-16 code units: 10 MB fields are read whole. */
const MAX_FIELD_LENGTH = 32 * 1024 * 1024;
/** Rows held back while no row has told whether numeric dates are day- or month-first. */
const MAX_HELD_ROWS = 10_000;
const MAX_HELD_CHARS = 32 * 1024 * 1024;
/**
 * Ids remembered to report duplicates (about 200 bytes each); past this, repeats are not
 * reported, and identical ones still collapse in the store, whose ids are content hashes.
 */
const MAX_REMEMBERED_IDS = 250_000;
// An author column that holds phone numbers holds private persons (a chat export turned table).
const PHONE_COLUMN = /phone|tel[eé]fono|celular|m[oó]vil|whatsapp|msisdn|n[uú]mero/i;
const PHONE = /^\+?[\d\s().-]{7,24}$/;

export async function* parseTable(input: ParseInput): ParseOutput {
  const decoder = new TableDecoder();
  const reader = new TableReader(input);
  let rows: TableRows | null = null;
  const start = (): TableRows => {
    if (decoder.encoding !== null && decoder.encoding !== 'utf-8') reader.handle({ type: 'encoding', encoding: decoder.encoding });
    return newRows(decoder);
  };
  const readPieces = async (pieces: ReturnType<TableDecoder['push']>, final: boolean): Promise<void> => {
    for (const piece of pieces) {
      rows ??= start();
      for (const event of rows.push(piece)) {
        reader.handle(event);
        if (reader.wantsWholeColumn) await reader.decideFromFile();
      }
    }
    if (final) {
      rows ??= start();
      for (const event of rows.end()) {
        reader.handle(event);
        if (reader.wantsWholeColumn) await reader.decideFromFile();
      }
    }
  };
  for await (const chunk of input.stream) {
    await readPieces(decoder.push(chunk), false);
    yield* reader.take();
    if (reader.stopped) return;
  }
  await readPieces(decoder.end(), true);
  reader.finish();
  yield* reader.take();
}

function newRows(decoder: TableDecoder): TableRows {
  const unit = decoder.unitBytes;
  return new TableRows({
    maxFieldLength: MAX_FIELD_LENGTH,
    measure: unit === null ? (text) => Buffer.byteLength(text, 'utf8') : (text) => text.length * unit,
    firstByte: decoder.bomBytes,
  });
}

/** What a row gives before its time is read (its time may wait for the column's date order). */
interface HeldRow {
  readonly row: number;
  readonly line: number;
  readonly offset: number | null;
  readonly length: number | null;
  readonly values: ReadonlyMap<TableField, unknown>;
  readonly size: number;
}

class TableReader {
  stopped = false;
  /** The held rows reached the limit and the file on disk can say what the column's order is. */
  wantsWholeColumn = false;
  private readonly out: (RawItem | Diagnostic)[] = [];
  private columns: ReadonlyMap<TableField, string> | null = null;
  private order: DateOrder | null = null;
  private held: HeldRow[] = [];
  private heldChars = 0;
  private readonly once = new Set<string>();
  private readonly seen = new Map<string, { id: string; row: number }>();
  private offsetsReliable = true;
  private rowsRead = 0;
  private headerSeen = false;
  private readonly fileChannel: RawItem['channel'];
  private phoneColumn = false;

  constructor(private readonly input: ParseInput) {
    const name = input.file.split(/[\\/]/).pop() ?? input.file;
    this.fileChannel = { id: `table:${name === '' ? input.file : name}`, name: name === '' ? input.file : name, type: 'table' };
  }

  take(): (RawItem | Diagnostic)[] {
    return this.out.splice(0);
  }

  handle(event: RowEvent): void {
    if (this.stopped) return;
    switch (event.type) {
      case 'encoding':
        this.report('table/encoding', event.encoding === 'windows-1252' ? 'warning' : 'info', encodingMessage(event.encoding), '');
        return;
      case 'header':
        this.headerSeen = true;
        this.map(event.columns, true, event.separator === '\t' ? 'tab' : `"${event.separator}"`);
        return;
      case 'invalid-utf8':
        this.offsetsReliable = false;
        this.report(
          'table/invalid-utf8',
          'warning',
          'the file is not valid UTF-8 from here on (it began as UTF-8); the bad bytes were read as U+FFFD',
          event.row === null ? `line ${event.line}` : where(event.row, event.line),
        );
        return;
      case 'bad-row':
        this.rowsRead++;
        this.report(event.ruleId, 'error', event.message, where(event.row, event.line));
        return;
      case 'row':
        break;
    }
    this.rowsRead++;
    if (this.columns === null) {
      // JSON Lines: the first object's fields are the columns.
      if (!this.map(event.paths(), false, null)) return;
    }
    this.read(event.row, event.line, event.offset, event.length, event.cells);
  }

  finish(): void {
    if (this.stopped) return;
    if (this.held.length > 0) this.decideOrder(null, 'end');
    if (this.rowsRead === 0) {
      this.report(
        'table/empty',
        this.headerSeen ? 'info' : 'error',
        this.headerSeen ? 'the table has a header but no rows' : 'the file is empty: no header and no rows',
        '',
      );
    }
  }

  /** Read the whole time column from the file on disk to find a value that tells the date order. */
  async decideFromFile(): Promise<void> {
    this.wantsWholeColumn = false;
    const column = this.columns?.get('time');
    const path = this.input.path;
    const found = column === undefined || path === undefined || path === null ? null : await orderInFile(path, column);
    this.decideOrder(found, 'file');
  }

  /** Decide which column holds which field; false (and no more reading) when none holds the text. */
  private map(available: readonly string[], strict: boolean, separator: string | null): boolean {
    const mapping = resolveColumns(available, this.input.columnMap, strict);
    for (const key of mapping.unknownFields) {
      this.report('table/unknown-field', 'warning', `the column map names "${key}", which is not a field; fields are ${TABLE_FIELDS.join(', ')}`, '');
    }
    const listed = available.length === 0 ? '(none)' : available.slice(0, 30).map((c) => JSON.stringify(c)).join(', ');
    for (const { field, column } of mapping.missingColumns) {
      if (field === 'text') continue;
      this.report('table/missing-column', 'warning', `the column map puts ${field} in column "${column}", which the table does not have; columns: ${listed}`, '');
    }
    const text = mapping.columns.get('text');
    if (text === undefined) {
      const mapped = mapping.missingColumns.find((m) => m.field === 'text');
      this.report(
        'table/no-text-column',
        'error',
        mapped !== undefined
          ? `the column map puts the text in column "${mapped.column}", which the table does not have; columns: ${listed}`
          : `no column holds the text (none is named text, body, content, message or tweet); give one with --map text=<column>. Columns: ${listed}`,
        strict ? 'line 1' : '',
      );
      this.stopped = true;
      return false;
    }
    this.columns = mapping.columns;
    const author = mapping.columns.get('author');
    this.phoneColumn = author !== undefined && PHONE_COLUMN.test(author);
    if (mapping.guessed.length > 0) {
      // One message with the whole mapping, so the user sees what every field was read from.
      const fromMap = mapping.guessed.length < mapping.columns.size;
      const parts = [...mapping.columns].map(([field, column]) => `${field}=${JSON.stringify(column)}${fromMap ? (mapping.guessed.includes(field) ? ' (guessed)' : ' (from the map)') : ''}`);
      const kind = separator === null ? 'JSON Lines' : `separator ${separator}`;
      this.report(
        'table/columns',
        'info',
        `${kind}; ${fromMap ? 'columns' : 'no column map given, columns guessed from their names'}: ${parts.join(', ')}. Give --map field=column to change`,
        '',
      );
    }
    return true;
  }

  private read(row: number, line: number, offset: number, length: number, cells: Cells): void {
    const columns = this.columns as ReadonlyMap<TableField, string>;
    const values = new Map<TableField, unknown>();
    let size = 0;
    for (const [field, column] of columns) {
      const value = cells.get(column);
      if (value === undefined) continue;
      values.set(field, value);
      if (typeof value === 'string') size += value.length;
    }
    const heldRow: HeldRow = { row, line, offset: this.offsetsReliable ? offset : null, length: this.offsetsReliable ? length : null, values, size };
    const time = values.get('time');
    if (this.order === null && typeof time === 'string') {
      const evidence = dateOrderEvidence(time);
      if (evidence !== null) this.decideOrder({ order: evidence, row, value: time }, 'row');
    }
    const ambiguous = this.order === null && isAmbiguousDate(time);
    if (this.held.length === 0 && !ambiguous) {
      this.emit(heldRow);
      return;
    }
    this.held.push(heldRow);
    this.heldChars += size;
    if (this.held.length >= MAX_HELD_ROWS || this.heldChars >= MAX_HELD_CHARS) {
      if (this.input.path !== undefined && this.input.path !== null && !this.once.has('whole-column')) {
        this.once.add('whole-column');
        this.wantsWholeColumn = true;
      } else this.decideOrder(null, 'limit');
    }
  }

  private decideOrder(found: OrderFound | null, how: 'row' | 'file' | 'limit' | 'end'): void {
    if (this.order === null) {
      if (found !== null) {
        this.order = found.order;
        this.report(
          'table/date-order',
          'info',
          `numeric dates are read ${found.order === 'day-first' ? 'day first (dd/mm/yyyy)' : 'month first (mm/dd/yyyy)'}, as row ${found.row} has ${JSON.stringify(found.value.trim())}${how === 'file' ? ' (found by reading the whole column)' : ''}`,
          '',
        );
      } else {
        // Spanish-speaking countries, and most of the world, write the day first.
        this.order = 'day-first';
        const extent = how === 'limit' ? `the first ${this.held.length} rows` : 'the whole column';
        this.report(
          'table/date-order',
          'info',
          `numeric dates such as 05/09/2026 are ambiguous in ${extent}; they are read day first (dd/mm/yyyy). If they are month first, convert them to ISO 8601`,
          '',
        );
      }
    }
    const held = this.held;
    this.held = [];
    this.heldChars = 0;
    for (const row of held) this.emit(row);
  }

  private emit(held: HeldRow): void {
    const location = where(held.row, held.line);
    const get = (field: TableField): string | null => cellText(held.values.get(field));
    const body = get('text');
    if (body === null || body.trim() === '') {
      this.report('table/empty-text', 'warning', 'the row has no text; skipped', location);
      return;
    }
    const channelName = get('channel')?.trim() ?? '';
    const channel = channelName === '' ? this.fileChannel : { id: `table:${channelName}`, name: channelName, type: null };
    const time = this.time(held.values.get('time'), location);
    const author = this.person(get('author'), this.phoneColumn);
    const rawForward = get('forwardedFrom')?.trim() ?? '';
    const forwarded = rawForward === '' ? null : this.person(rawForward, false);
    const url = this.url(get('url'), location);
    const title = get('title')?.trim() ?? '';
    const replyRaw = get('replyTo')?.trim() ?? '';
    const replyTo = replyRaw === '' ? null : `${channel.id}/${replyRaw}`;
    const media = this.media(held.values.get('media'));
    const geo = this.geo(get('lat'), get('lon'), location);
    const written = get('id')?.trim() ?? '';
    const externalId = written === '' ? `${channel.id}/sha256:${rawItemId([body, time, author?.id ?? null])}` : `${channel.id}/${written}`;
    const extra: Json = { row: held.row };
    const declared = get('lang');

    const item: RawItem = {
      // Positional identity: append new values at the end, never reorder (ids would change).
      id: rawItemId(['table', channel.id, externalId, time, author?.id ?? null, body, title === '' ? null : title, url, forwarded?.name ?? null, replyTo]),
      format: 'table',
      externalId,
      kind: 'post',
      channel,
      author,
      time,
      editedTime: null,
      title: title === '' ? null : title,
      text: body,
      url,
      declaredLanguage: declared === null ? null : languageTag(declared.trim()),
      forwardedFrom: forwarded?.name ?? null,
      replyTo,
      media,
      geo,
      extra,
      origin: { file: this.input.file, sha256: this.input.sha256, location, offset: held.offset, length: held.length },
    };

    const before = this.seen.get(externalId);
    if (before !== undefined) {
      if (before.id === item.id.slice(0, 16)) {
        this.report('table/duplicate-row', 'info', `the row repeats row ${before.row} (id ${JSON.stringify(written === '' ? 'by content' : written)}); skipped`, location);
        return;
      }
      this.report('table/duplicate-id', 'warning', `the row has the id ${JSON.stringify(written)} of row ${before.row} but other content; kept as another item`, location);
    } else if (this.seen.size < MAX_REMEMBERED_IDS) this.seen.set(externalId, { id: item.id.slice(0, 16), row: held.row });
    else this.reportOnce('table/duplicates-unchecked', 'info', `more than ${MAX_REMEMBERED_IDS} ids: rows from here on are not checked for repeats`, location);
    this.out.push(item);
  }

  private time(value: unknown, location: string): string | null {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
    const read = readTableTime(value, this.input.timezone, this.order ?? 'day-first');
    if (read.kind === 'invalid' || read.kind === 'ambiguous') {
      const shown = typeof value === 'string' ? JSON.stringify(value.trim().slice(0, 60)) : JSON.stringify(value);
      this.report('table/invalid-time', 'warning', `the time ${shown} cannot be read: ${read.kind === 'invalid' ? read.reason : 'ambiguous'}; the row has no time`, location);
      return null;
    }
    if (read.zone === 'assumed') {
      this.reportOnce(
        'table/time-without-offset',
        'info',
        `times are written without a UTC offset (first: ${JSON.stringify(value)}); read in the case timezone ${this.input.timezone}`,
        location,
      );
    }
    if (read.dateOnly) this.reportOnce('table/date-without-time', 'info', `dates without a time of day (first: ${JSON.stringify(value)}) are read as 00:00`, location);
    return read.iso;
  }

  /** A handle as written, unless it is a phone number: a private person, pseudonymised. */
  private person(written: string | null, phoneColumn: boolean): RawItem['author'] {
    const name = written?.trim() ?? '';
    if (name === '') return null;
    if (phoneColumn || (PHONE.test(name) && name.replace(/\D/g, '').length >= 7)) {
      const pseudonym = this.input.pseudonymizer.pseudonym('phone', name.replace(/[^\d+]/g, ''));
      return { id: pseudonym, name: pseudonym, pseudonymous: true };
    }
    return { id: name, name, pseudonymous: false };
  }

  private url(written: string | null, location: string): string | null {
    const value = written?.trim() ?? '';
    if (value === '') return null;
    const url = httpUrl(value);
    if (url === null) this.report('table/invalid-url', 'warning', `the link ${JSON.stringify(value.slice(0, 80))} is not an http(s) URL; left out`, location);
    return url;
  }

  /**
   * Media as URLs or paths: one per cell, several split by whitespace or `|`, a list written as
   * text (`['https://…', 'https://…']`, as pandas writes lists), or JSON lists and objects.
   */
  private media(value: unknown): MediaRef[] {
    const refs: string[] = [];
    collectMedia(value, 0, refs);
    const out: MediaRef[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const url = httpUrl(ref);
      const kind = mediaKind(ref);
      if (url !== null) out.push(remoteMedia(kind, url, null, null, null));
      // Not a URL: a path beside the table, for the media stage to find and hash.
      else out.push({ kind, ref, status: 'pending', sha256: null, mediaType: null, bytes: null, width: null, height: null });
    }
    return out;
  }

  private geo(latText: string | null, lonText: string | null, location: string): RawItem['geo'] {
    const lat = latText?.trim() ?? '';
    const lon = lonText?.trim() ?? '';
    if (lat === '' && lon === '') return null;
    const number = (s: string): number => (/^[+-]?\d+(?:[.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : NaN);
    const geo = validGeo(number(lat), number(lon));
    if (geo === null) this.report('table/invalid-geo', 'warning', `latitude ${JSON.stringify(lat)} and longitude ${JSON.stringify(lon)} are not a position; no position kept`, location);
    return geo;
  }

  private report(ruleId: string, severity: Severity, message: string, location: string): void {
    this.out.push(diagnostic(ruleId, severity, message, this.input.file, location));
  }

  private reportOnce(ruleId: string, severity: Severity, message: string, location: string): void {
    if (this.once.has(ruleId)) return;
    this.once.add(ruleId);
    this.report(ruleId, severity, message, location);
  }
}

function encodingMessage(encoding: string): string {
  return encoding === 'windows-1252'
    ? 'the file is not UTF-8; read as Windows-1252 (what Excel writes on Spanish Windows). If letters look wrong, save it as "CSV UTF-8"'
    : `the file is ${encoding.toUpperCase()} (it starts with a byte-order mark)`;
}

interface OrderFound {
  readonly order: DateOrder;
  readonly row: number;
  readonly value: string;
}

/** The first value in a table file's column that tells whether its numeric dates are day- or month-first. */
async function orderInFile(path: string, column: string): Promise<OrderFound | null> {
  const decoder = new TableDecoder();
  let rows: TableRows | null = null;
  const look = (events: readonly RowEvent[]): OrderFound | null => {
    for (const event of events) {
      if (event.type !== 'row') continue;
      const value = event.cells.get(column);
      const order = typeof value === 'string' ? dateOrderEvidence(value) : null;
      if (order !== null && typeof value === 'string') return { order, row: event.row, value };
    }
    return null;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (const piece of decoder.push(chunk)) {
      rows ??= newRows(decoder);
      const found = look(rows.push(piece));
      if (found !== null) return found;
    }
  }
  for (const piece of decoder.end()) {
    rows ??= newRows(decoder);
    const found = look(rows.push(piece));
    if (found !== null) return found;
  }
  return rows === null ? null : look(rows.end());
}

/** `row 12 (line 14)`: the data row a spreadsheet shows (header not counted) and the line an editor shows. */
function where(row: number, line: number): string {
  return `row ${row} (line ${line})`;
}

function cellText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function collectMedia(value: unknown, depth: number, refs: string[]): void {
  if (typeof value === 'string') {
    for (const part of value.split(/[\s|]+/)) {
      if (part === '') continue;
      const urls = part.match(/https?:\/\/[^\s|'"\],]+/g);
      if (urls !== null) refs.push(...urls);
      // A path: only what looks like a file name, not list punctuation.
      else if (/[\w-]\.\w{2,5}$/.test(part.replace(/['",\]]+$/, ''))) refs.push(part.replace(/^[['"]+|['",\]]+$/g, ''));
    }
    return;
  }
  if (depth >= 3 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const element of value) collectMedia(element, depth + 1, refs);
    return;
  }
  const entry = value as Json;
  const preferred = entry['fullUrl'] ?? entry['url'] ?? entry['media_url_https'] ?? entry['media_url'] ?? entry['src'];
  if (typeof preferred === 'string') {
    collectMedia(preferred, depth + 1, refs);
    return;
  }
  // A video with its encodings (snscrape, v1.1 video_info): the highest bit rate.
  const variants = Array.isArray(entry['variants']) ? entry['variants'] : [];
  let best: { url: string; rate: number } | null = null;
  for (const variant of variants) {
    if (typeof variant !== 'object' || variant === null) continue;
    const v = variant as Json;
    const rate = typeof v['bitrate'] === 'number' ? v['bitrate'] : typeof v['bit_rate'] === 'number' ? v['bit_rate'] : 0;
    if (typeof v['url'] === 'string' && (best === null || rate > best.rate)) best = { url: v['url'], rate };
  }
  if (best !== null) collectMedia(best.url, depth + 1, refs);
}

const MEDIA_EXTENSIONS: readonly [RegExp, string][] = [
  [/\.(jpe?g|png|webp|gif|heic|avif)(?:$|[?#])|[?&]format=(jpe?g|png|webp)/i, 'photo'],
  [/\.(mp4|mov|m4v|webm|mkv|3gp)(?:$|[?#])/i, 'video'],
  [/\.(mp3|m4a|ogg|oga|opus|wav|aac)(?:$|[?#])/i, 'audio'],
];

function mediaKind(ref: string): string {
  return MEDIA_EXTENSIONS.find(([pattern]) => pattern.test(ref))?.[1] ?? 'document';
}

const HEADER_WORDS = new Set(
  ['text', 'body', 'content', 'message', 'tweet', 'fulltext', 'rawcontent', 'texto', 'mensaje', 'contenido', 'date', 'time', 'createdat', 'datetime', 'timestamp', 'fecha', 'author', 'user', 'username', 'usuario', 'autor', 'id', 'tweetid', 'url', 'link'].map(normaliseName),
);

/**
 * A table by its first line: a header of short names split by commas, semicolons or tabs (not a
 * chat line that starts with a date), or a JSON object per line. The score stays modest, so a
 * specific format (a Twitter or Mastodon dump, a Telegram export) wins when it recognises the file.
 */
export function detectTable(head: Uint8Array, fileName: string): number {
  const decoder = new TableDecoder();
  let sample = decoder
    .push(head)
    .concat(decoder.end())
    .map((piece) => ('text' in piece ? piece.text : '\uFFFD'))
    .join('');
  if (sample.includes('\u0000')) return 0;
  sample = sample.trimStart();
  const extension = /\.(csv|tsv|tab)$/i.test(fileName) ? 0.1 : /\.(jsonl|ndjson)$/i.test(fileName) ? 0.05 : 0;
  if (sample.startsWith('{')) {
    // JSON Lines: objects, one a line. One object alone is any JSON file; two in a row are lines.
    const lines = sample.split('\n').filter((line) => line.trim() !== '');
    let first: unknown;
    try {
      first = JSON.parse(lines[0] ?? '');
    } catch {
      // A first line longer than the head: only the name can say it is JSON Lines.
      return extension > 0 && lines.length === 1 ? 0.5 : 0.1;
    }
    const second = lines[1]?.trimStart() ?? '';
    const keys = typeof first === 'object' && first !== null ? Object.keys(first) : [];
    const known = keys.some((key) => HEADER_WORDS.has(normaliseName(key)));
    return Math.min(0.65, 0.3 + (second.startsWith('{') ? 0.2 : 0) + (known ? 0.1 : 0) + extension);
  }
  if (sample.startsWith('[') || sample.startsWith('<')) return 0;
  const firstLine = sample.split(/\r?\n|\r/, 1)[0] ?? '';
  const separator = [',', ';', '\t'].map((s) => ({ s, n: splitHeader(firstLine, s).length })).sort((a, b) => b.n - a.n)[0];
  if (separator === undefined) return 0;
  const names = splitHeader(firstLine, separator.s);
  const looksLikeHeader = names.length >= 2 && names.every((name) => name.length <= 64 && !/^\d[\d/.:\- ]*$/.test(name.trim()) && !/\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(name));
  if (!looksLikeHeader) return extension > 0 ? 0.3 : 0.05;
  const known = names.some((name) => HEADER_WORDS.has(normaliseName(name)));
  return Math.min(0.7, 0.45 + (known ? 0.15 : 0) + extension);
}

function splitHeader(line: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}
