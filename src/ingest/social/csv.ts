/**
 * A streaming CSV reader (RFC 4180): quoted fields, doubled quotes, line breaks inside quotes,
 * CRLF, LF or CR line ends. It is lenient where spreadsheet programs are — a quote inside an
 * unquoted field is a character, text after a closing quote is kept — and holds only the record
 * being read, so a 10 MB field is fine and a 1 GB file streams.
 */

export interface CsvRecord {
  readonly fields: readonly string[];
  /** Line (1-based) where the record starts. */
  readonly line: number;
  /** Byte offset of the record in the text as measured, and its length without the line end. */
  readonly offset: number;
  readonly length: number;
  /** A field was longer than the limit: it was cut, and the record must not be trusted. */
  readonly oversized: boolean;
  /** The input ended inside a quoted field of this record, which may have swallowed the rows after it. */
  readonly unclosedQuote: boolean;
}

export type CsvSeparator = ',' | ';' | '\t';

export interface CsvOptions {
  /** Longest field kept, in UTF-16 code units. */
  readonly maxFieldLength: number;
  /** Bytes a piece of text took in the source, for offsets. */
  readonly measure: (text: string) => number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** The header decides the separator; a first line longer than this is no header. */
const MAX_HEADER_LENGTH = 1024 * 1024;

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted';

export class CsvReader {
  separator: CsvSeparator | null = null;
  private sep = 0x2c;
  private state: State = 'field-start';
  private fields: string[] = [];
  private parts: string[] = [];
  private fieldLength = 0;
  private oversized = false;
  private recordStarted = false;
  private recordLine = 1;
  private recordOffset = 0;
  private line = 1;
  /** A CR ended the last chunk: an LF starting the next one belongs to it. */
  private afterCr = false;
  /** …and it was inside quotes, where it is part of the field and ends a line unless an LF follows. */
  private crInQuotes = false;
  /** Text held until the header line is complete and the separator known. */
  private pendingHeader = '';
  private unclosed = false;
  /** The quoted text being read has doubled quotes to undo when it closes. */
  private doubledQuotes = false;
  // Byte positions: `markByte` bytes come before index `markIndex` of the chunk being read.
  private markByte = 0;
  private markIndex = 0;
  private text = '';

  constructor(private readonly options: CsvOptions) {}

  /** The line the next character is on. */
  get currentLine(): number {
    return this.line;
  }

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.separator === null) {
      this.pendingHeader += text;
      const end = headerEnd(this.pendingHeader);
      if (end === -1 && this.pendingHeader.length < MAX_HEADER_LENGTH) return out;
      text = this.pendingHeader;
      this.pendingHeader = '';
      this.choose(text.slice(0, end === -1 ? MAX_HEADER_LENGTH : end));
    }
    this.read(text, out);
    return out;
  }

  /** The input ended: the last record (marked if a quoted field in it was never closed). */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.separator === null) {
      const text = this.pendingHeader;
      this.pendingHeader = '';
      this.choose(text);
      this.read(text, out);
    }
    if (this.state === 'quote-in-quoted') {
      this.dropLastQuote();
      this.closeQuoted();
    }
    if (this.recordStarted) {
      this.unclosed = this.state === 'quoted';
      this.text = '';
      this.markIndex = 0;
      this.endRecord(out, 0);
    }
    return out;
  }

  private choose(header: string): void {
    // The separator that splits the header most, outside quotes; a comma when none does.
    const counts = new Map<number, number>([
      [0x2c, 0],
      [0x3b, 0],
      [0x09, 0],
    ]);
    let quoted = false;
    for (let i = 0; i < header.length; i++) {
      const c = header.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let best = 0x2c;
    for (const [c, n] of counts) if (n > (counts.get(best) ?? 0)) best = c;
    this.sep = best;
    this.separator = best === 0x3b ? ';' : best === 0x09 ? '\t' : ',';
  }

  private read(text: string, out: CsvRecord[]): void {
    const n = text.length;
    if (n === 0) return;
    this.text = text;
    this.markIndex = 0;
    const sep = this.sep;
    let i = 0;
    if (this.afterCr) {
      this.afterCr = false;
      const lf = text.charCodeAt(0) === LF;
      if (this.crInQuotes) {
        this.crInQuotes = false;
        if (!lf) this.line++;
      } else if (lf) {
        i = 1;
        this.markAt(1);
      }
    }
    // A run of field text being read; in quotes, doubled quotes stay in it and are undone at the close.
    let runStart = this.state === 'unquoted' || this.state === 'quoted' || this.state === 'quote-in-quoted' ? i : -1;
    if (this.state === 'quote-in-quoted' && i < n && text.charCodeAt(i) !== QUOTE) {
      // The quote that ended the last chunk closed the field: it is not part of the text.
      this.dropLastQuote();
      this.closeQuoted();
      runStart = -1;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'field-start':
          if (!this.recordStarted) {
            this.recordStarted = true;
            this.recordLine = this.line;
            this.recordOffset = this.byteAt(i);
          }
          if (c === QUOTE) {
            this.state = 'quoted';
            runStart = i + 1;
          } else if (c === sep) this.endField();
          else if (c === CR || c === LF) i = this.lineEnd(i, out);
          else {
            this.state = 'unquoted';
            runStart = i;
          }
          break;
        case 'unquoted':
          if (c === sep || c === CR || c === LF) {
            this.append(runStart, i);
            runStart = -1;
            if (c === sep) this.endField();
            else i = this.lineEnd(i, out);
          }
          break;
        case 'quoted':
          if (c === QUOTE) this.state = 'quote-in-quoted';
          else if (c === LF) this.line++;
          else if (c === CR) {
            if (i + 1 === n) {
              this.afterCr = true;
              this.crInQuotes = true;
            } else if (text.charCodeAt(i + 1) !== LF) this.line++;
          }
          break;
        case 'quote-in-quoted':
          if (c === QUOTE) {
            // A doubled quote is one quote character, and the field goes on.
            this.state = 'quoted';
            this.doubledQuotes = true;
            break;
          }
          // The quote before this character closed the quoted text.
          if (runStart !== -1) this.append(runStart, i - 1);
          this.closeQuoted();
          runStart = -1;
          if (c === sep) this.endField();
          else if (c === CR || c === LF) i = this.lineEnd(i, out);
          else {
            // Text after a closing quote: kept, as spreadsheet programs keep it.
            this.state = 'unquoted';
            runStart = i;
          }
          break;
      }
    }
    if (runStart !== -1 && this.state !== 'field-start') this.append(runStart, n);
    this.markAt(n);
    this.text = '';
    this.markIndex = 0;
  }

  /** The quoted part of a field is complete: undo its doubled quotes, once, on the whole of it. */
  private closeQuoted(): void {
    if (!this.doubledQuotes) return;
    this.doubledQuotes = false;
    if (this.oversized) return;
    const value = this.parts.join('').replaceAll('""', '"');
    this.parts = [value];
  }

  /** The chunk before ended on what turned out to be the closing quote; it was kept as text. */
  private dropLastQuote(): void {
    const last = this.parts.pop();
    if (last !== undefined && last.length > 1) this.parts.push(last.slice(0, -1));
    if (!this.oversized) this.fieldLength--;
  }

  /** A line end outside quotes at `i`: ends the record. Returns the index of its last character. */
  private lineEnd(i: number, out: CsvRecord[]): number {
    this.endRecord(out, i);
    this.line++;
    if (this.text.charCodeAt(i) !== CR) return i;
    if (i + 1 === this.text.length) {
      this.afterCr = true;
      return i;
    }
    return this.text.charCodeAt(i + 1) === LF ? i + 1 : i;
  }

  private append(from: number, to: number): void {
    if (to <= from || this.oversized) return;
    this.fieldLength += to - from;
    if (this.fieldLength > this.options.maxFieldLength) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(this.text.slice(from, to));
  }

  private endField(): void {
    this.doubledQuotes = false;
    this.fields.push(this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join(''));
    this.parts = [];
    this.fieldLength = 0;
    this.state = 'field-start';
  }

  private endRecord(out: CsvRecord[], endIndex: number): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    const end = this.byteAt(endIndex);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '' && !this.oversized && !this.unclosed)) {
      out.push({ fields, line: this.recordLine, offset: this.recordOffset, length: end - this.recordOffset, oversized: this.oversized, unclosedQuote: this.unclosed });
    }
    this.oversized = false;
    this.recordStarted = false;
  }

  /** Bytes before index `i` of the chunk being read (moving forward only). */
  private byteAt(i: number): number {
    this.markAt(i);
    return this.markByte;
  }

  private markAt(i: number): void {
    if (i <= this.markIndex) return;
    this.markByte += this.options.measure(this.text.slice(this.markIndex, i));
    this.markIndex = i;
  }
}

/** Where the first line ends outside quotes, or -1 if it has not ended yet. */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return i;
  }
  return -1;
}
