import { CsvReader, type CsvRecord, type CsvSeparator } from './csv.js';
import { isObject, type Json } from './common.js';
import type { TextPiece } from './table-text.js';

/** One data row's cells, by column name (CSV) or dotted path (JSON Lines). */
export interface Cells {
  get(column: string): unknown;
}

export type RowEvent =
  /** The file is not in UTF-8 (said once, before anything else). */
  | { readonly type: 'encoding'; readonly encoding: string }
  | { readonly type: 'header'; readonly columns: readonly string[]; readonly separator: CsvSeparator }
  | {
      readonly type: 'row';
      /** 1-based data row (the header is not one) and the line it starts on. */
      readonly row: number;
      readonly line: number;
      readonly offset: number;
      readonly length: number;
      readonly cells: Cells;
      /** Columns a JSON object has (dotted paths), to guess a mapping from the first row. */
      readonly paths: () => string[];
    }
  | { readonly type: 'bad-row'; readonly row: number; readonly line: number; readonly ruleId: string; readonly message: string }
  | { readonly type: 'invalid-utf8'; readonly row: number | null; readonly line: number };

export interface TableRowsOptions {
  readonly maxFieldLength: number;
  readonly measure: (text: string) => number;
  /** Bytes before the text (a byte-order mark). */
  readonly firstByte: number;
}

/**
 * The rows of a CSV file (header first) or a JSON Lines file, read from decoded text as it
 * streams. Which of the two it is, the first character that is not whitespace says.
 */
export class TableRows {
  kind: 'csv' | 'jsonl' | null = null;
  private csv: CsvReader | null = null;
  private header: readonly string[] | null = null;
  private readonly headerIndex = new Map<string, number>();
  private row = 0;
  private lines: JsonLines | null = null;
  private held = '';

  constructor(private readonly options: TableRowsOptions) {}

  push(piece: TextPiece): RowEvent[] {
    const out: RowEvent[] = [];
    if ('invalidUtf8' in piece) {
      if (this.kind === null) this.decide(true, out);
      const line = this.csv?.currentLine ?? this.lines?.currentLine ?? 1;
      out.push({ type: 'invalid-utf8', row: this.kind === 'csv' && this.header === null ? null : this.row + 1, line });
      return out;
    }
    if (this.kind === null) {
      this.held += piece.text;
      if (this.held.trimStart() === '') return out;
      this.decide(false, out);
      return out;
    }
    this.feed(piece.text, out);
    return out;
  }

  end(): RowEvent[] {
    const out: RowEvent[] = [];
    if (this.kind === null) {
      if (this.held === '') return out;
      this.decide(false, out);
    }
    if (this.csv !== null) for (const record of this.csv.end()) this.csvRecord(record, out);
    if (this.lines !== null) for (const line of this.lines.end()) this.jsonLine(line, out);
    return out;
  }

  private decide(force: boolean, out: RowEvent[]): void {
    this.kind = !force && this.held.trimStart().startsWith('{') ? 'jsonl' : 'csv';
    const options = { maxFieldLength: this.options.maxFieldLength, measure: this.options.measure, firstByte: this.options.firstByte };
    if (this.kind === 'csv') this.csv = new CsvReader(options);
    else this.lines = new JsonLines(options);
    const held = this.held;
    this.held = '';
    if (held !== '') this.feed(held, out);
  }

  private feed(text: string, out: RowEvent[]): void {
    if (this.csv !== null) for (const record of this.csv.push(text)) this.csvRecord(record, out);
    if (this.lines !== null) for (const line of this.lines.push(text)) this.jsonLine(line, out);
  }

  private csvRecord(record: CsvRecord, out: RowEvent[]): void {
    if (this.header === null) {
      this.header = record.fields;
      record.fields.forEach((name, i) => {
        if (!this.headerIndex.has(name)) this.headerIndex.set(name, i);
      });
      out.push({ type: 'header', columns: record.fields, separator: (this.csv as CsvReader).separator ?? ',' });
      return;
    }
    const row = ++this.row;
    const header = this.header;
    if (record.unclosedQuote) {
      out.push({
        type: 'bad-row',
        row,
        line: record.line,
        ruleId: 'table/unclosed-quote',
        message: 'a quoted field in this row is never closed: the rest of the file was read into it; the row was skipped',
      });
      return;
    }
    if (record.oversized) {
      out.push({ type: 'bad-row', row, line: record.line, ruleId: 'table/oversized-field', message: `a field is longer than ${this.options.maxFieldLength} characters; the row was skipped` });
      return;
    }
    if (record.fields.length !== header.length) {
      out.push({
        type: 'bad-row',
        row,
        line: record.line,
        ruleId: 'table/column-count',
        message: `the row has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'} but the header has ${header.length}; skipped`,
      });
      return;
    }
    const fields = record.fields;
    const index = this.headerIndex;
    out.push({
      type: 'row',
      row,
      line: record.line,
      offset: record.offset + this.options.firstByte,
      length: record.length,
      cells: { get: (column) => fields[index.get(column) ?? -1] },
      paths: () => [...header],
    });
  }

  private jsonLine(line: JsonLine, out: RowEvent[]): void {
    const row = ++this.row;
    if (line.oversized) {
      out.push({ type: 'bad-row', row, line: line.line, ruleId: 'table/oversized-field', message: `the line is longer than ${this.options.maxFieldLength} characters; skipped` });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(quoteLongIntegers(line.text));
    } catch (error) {
      out.push({ type: 'bad-row', row, line: line.line, ruleId: 'table/invalid-json', message: `the line is not valid JSON (${(error as Error).message}); skipped` });
      return;
    }
    if (!isObject(value)) {
      out.push({ type: 'bad-row', row, line: line.line, ruleId: 'table/not-an-object', message: 'the line is not a JSON object; skipped' });
      return;
    }
    const object = value;
    out.push({
      type: 'row',
      row,
      line: line.line,
      offset: line.offset + this.options.firstByte,
      length: line.length,
      cells: { get: (column) => pathValue(object, column) },
      paths: () => objectPaths(object),
    });
  }
}

/**
 * Integers of 16 digits or more written as JSON numbers (snscrape writes tweet ids so) lose
 * their last digits in a double; quoted first, they stay the id they were.
 */
export function quoteLongIntegers(json: string): string {
  if (!/\d{16}/.test(json)) return json;
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d) {
      let end = i + 1;
      while (end < json.length && /[0-9.eE+-]/.test(json[end] as string)) end++;
      const token = json.slice(i, end);
      if (/^-?\d{16,}$/.test(token)) {
        out += `${json.slice(from, i)}"${token}"`;
        from = end;
      }
      i = end - 1;
    }
  }
  return out + json.slice(from);
}

/** A dotted path into nested objects; a key that itself has dots wins over the path. */
function pathValue(object: Json, path: string): unknown {
  if (path in object) return object[path];
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

function objectPaths(object: Json, prefix = '', depth = 0): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.push(path);
    if (isObject(value) && depth < 3) out.push(...objectPaths(value, path, depth + 1));
  }
  return out;
}

interface JsonLine {
  readonly text: string;
  readonly line: number;
  readonly offset: number;
  readonly length: number;
  readonly oversized: boolean;
}

/** Lines of text, each whole (a 10 MB line too), blank ones dropped. */
class JsonLines {
  currentLine = 1;
  private parts: string[] = [];
  private size = 0;
  private oversized = false;
  private offset = 0;
  private lineOffset = 0;

  constructor(private readonly options: TableRowsOptions) {}

  push(text: string): JsonLine[] {
    const out: JsonLine[] = [];
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.append(text.slice(from, newline));
      this.finish(out);
      this.offset += this.options.measure('\n');
      this.lineOffset = this.offset;
      this.currentLine++;
      from = newline + 1;
    }
    if (from < text.length) this.append(text.slice(from));
    return out;
  }

  end(): JsonLine[] {
    const out: JsonLine[] = [];
    this.finish(out);
    return out;
  }

  private append(text: string): void {
    const bytes = this.options.measure(text);
    this.offset += bytes;
    if (this.oversized || text === '') return;
    this.size += text.length;
    if (this.size > this.options.maxFieldLength) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(text);
  }

  private finish(out: JsonLine[]): void {
    const text = this.parts.join('').replace(/\r$/, '');
    if (this.oversized || text.trim() !== '') {
      out.push({ text, line: this.currentLine, offset: this.lineOffset, length: this.offset - this.lineOffset, oversized: this.oversized });
    }
    this.parts = [];
    this.size = 0;
    this.oversized = false;
  }
}
