import { Buffer, isUtf8 } from 'node:buffer';
import { ByteBuffer } from './byte-buffer.js';

/**
 * A streaming reader for delimited text: RFC 4180 CSV (ACLED) or plain tab-separated lines
 * (GDELT). It works on bytes: every byte that structures the file (delimiter, quote, CR, LF) is
 * ASCII, and in UTF-8 an ASCII byte never occurs inside a multibyte character, so records are
 * cut exactly where they are, however the chunks fall, and their byte ranges are exact.
 *
 * Leniency, as spreadsheets and hand-made exporters need it:
 * - a quote inside a quoted field that is not doubled (`"he said "no" today"`) is kept as a
 *   literal quote and the field goes on; the record says so (`strayQuote`);
 * - a quote that is opened and never closed swallows the following lines until some quote
 *   closes. A quoted field that runs over a line break *and* holds an undoubled quote is taken
 *   for that (the next row's opening quote is the tell), as is one still open at the end of the
 *   file: the record's lines are read again one by one, so only the line with the stray quote
 *   is lost and no row is silently glued into another's text;
 * - CRLF, LF and a lone CR all end a line; a UTF-8 byte-order mark is dropped.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;
/** Past the size limit: bytes are dropped until the line ends. */
const SKIPPING = 4;
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_SEEN | typeof SKIPPING;

export interface DelimitedOptions {
  /** The field separator: `,` (0x2c) or tab (0x09). */
  readonly delimiter: number;
  /** RFC 4180 quoting (CSV). Off for GDELT, whose fields are never quoted. */
  readonly quoting: boolean;
  /** A record longer than this is skipped (bounded memory); its line is reported. */
  readonly maxRecordBytes: number;
}

/** One record as written, its fields decoded from UTF-8. */
export interface DelimitedRecord {
  readonly type: 'record';
  readonly fields: readonly string[];
  /** Line (1-based) where the record starts. */
  readonly line: number;
  /** Byte range of the record in the source, its line terminator excluded. */
  readonly offset: number;
  readonly length: number;
  /** Some bytes were not UTF-8 and were replaced with U+FFFD. */
  readonly invalidUtf8: boolean;
  /** A quote inside a quoted field was not doubled; it was read as a literal quote. */
  readonly strayQuote: boolean;
  /** `line:column` where field `index` starts (the record's start for an index out of range). */
  at(index: number): string;
}

/** A stretch of the source that could not be read as a record. */
export interface BrokenRecord {
  readonly type: 'broken';
  /** `unclosed-quote`: a quote opened on this line is never closed; `too-large`: over the limit. */
  readonly reason: 'unclosed-quote' | 'too-large';
  readonly line: number;
  readonly offset: number;
  readonly length: number;
  /** `line:column` of the opening quote, or of the record's start. */
  readonly at: string;
}

/** The file starts with a UTF-16 byte-order mark: it is not UTF-8 text and is not read. */
export interface Utf16Source {
  readonly type: 'utf16';
}

export type DelimitedEvent = DelimitedRecord | BrokenRecord | Utf16Source;

interface Start {
  readonly line: number;
  readonly offset: number;
  /** Re-reading a broken record: every line break ends a record, even inside quotes. */
  readonly lineMode: boolean;
}

export class DelimitedReader {
  private readonly options: DelimitedOptions;
  private readonly lineMode: boolean;
  private events: DelimitedEvent[] = [];

  /** Absolute byte offset of the next byte pushed. */
  private offset: number;
  /** The line the next byte is on. */
  private line: number;
  private previousWasCR = false;
  /** A record ended at CR: an LF right after it belongs to the same line break. */
  private skipLF = false;
  /** The first bytes, held until a byte-order mark can be recognised; null once decided. */
  private head: Uint8Array | null;
  private stopped = false;

  private state: State = FIELD_START;
  private readonly raw = new ByteBuffer();
  private recordLine: number;
  private recordOffset: number;
  /** Field boundaries, relative to the record's first byte. */
  private starts: number[] = [0];
  private ends: number[] = [];
  private quoted: boolean[] = [false];
  private openQuote = 0;
  private spansLines = false;
  private strayQuote = false;
  /** The quoted field being read has run over a line break / holds an undoubled quote. */
  private fieldBreak = false;
  private fieldStray = false;
  /** Some quoted field had both: a quote was probably never closed. */
  private suspect = false;

  constructor(options: DelimitedOptions, start: Start = { line: 1, offset: 0, lineMode: false }) {
    this.options = options;
    this.lineMode = start.lineMode;
    this.line = start.line;
    this.offset = start.offset;
    this.recordLine = start.line;
    this.recordOffset = start.offset;
    this.head = start.lineMode ? null : new Uint8Array(0);
  }

  push(chunk: Uint8Array): DelimitedEvent[] {
    if (this.stopped) return [];
    let bytes = chunk;
    if (this.head !== null) {
      const head = concat(this.head, chunk);
      if (head.length < 3) {
        this.head = head;
        return [];
      }
      this.head = null;
      const afterMark = this.afterByteOrderMark(head);
      if (afterMark === null) return this.take();
      bytes = afterMark;
    }
    this.feed(bytes, this.offset);
    this.offset += bytes.length;
    return this.take();
  }

  end(): DelimitedEvent[] {
    if (this.stopped) return [];
    if (this.head !== null) {
      const head = this.head;
      this.head = null;
      const bytes = this.afterByteOrderMark(head);
      if (bytes === null) return this.take();
      this.feed(bytes, this.offset);
      this.offset += bytes.length;
    }
    if (this.state === SKIPPING) this.emitTooLarge(this.offset);
    else if (this.raw.length > 0) this.finishRecord(this.state === QUOTED);
    this.stopped = true;
    return this.take();
  }

  private take(): DelimitedEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** The bytes after a UTF-8 byte-order mark; null (and stopped) for UTF-16. */
  private afterByteOrderMark(head: Uint8Array): Uint8Array | null {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      this.offset += 3;
      this.recordOffset = this.offset;
      return head.subarray(3);
    }
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      this.events.push({ type: 'utf16' });
      this.stopped = true;
      return null;
    }
    return head;
  }

  private feed(chunk: Uint8Array, chunkOffset: number): void {
    const { delimiter, quoting, maxRecordBytes } = this.options;
    // Bytes of the current record in this chunk begin at `segment`; earlier ones are in `raw`.
    let segment = 0;
    // The index in this chunk of the byte that would make the record too long.
    let limit = maxRecordBytes - this.raw.length;

    const endRecord = (i: number, unclosed: boolean, b: number): void => {
      this.raw.append(chunk.subarray(segment, i));
      this.finishRecord(unclosed);
      if (b === CR) this.skipLF = true;
      this.beginRecord(chunkOffset + i + 1);
      segment = i + 1;
      limit = segment + maxRecordBytes;
    };

    for (let i = 0; i < chunk.length; i++) {
      // Most bytes are plain text inside a field: run over them without the state machine.
      if (this.state === UNQUOTED || this.state === QUOTED) {
        const stop = Math.min(limit, chunk.length);
        const quotedField = this.state === QUOTED;
        let j = i;
        while (j < stop) {
          const c = chunk[j] as number;
          if (c === LF || c === CR || (quotedField ? c === QUOTE : c === delimiter)) break;
          j++;
        }
        if (j > i) {
          this.previousWasCR = false;
          i = j;
          if (i === chunk.length) break;
        }
      }
      const b = chunk[i] as number;
      const isBreak = b === LF || b === CR;
      if (this.skipLF) {
        this.skipLF = false;
        if (b === LF) {
          this.previousWasCR = false;
          segment = i + 1;
          this.beginRecord(chunkOffset + i + 1);
          limit = segment + maxRecordBytes;
          continue;
        }
      }
      if (this.state !== SKIPPING && i >= limit && !(isBreak && this.state !== QUOTED)) {
        this.overflow(chunk, chunkOffset, segment, i);
        segment = i;
        limit = i + maxRecordBytes - this.raw.length;
      }
      if (isBreak) {
        if (b === CR || !this.previousWasCR) this.line++;
        this.previousWasCR = b === CR;
      } else {
        this.previousWasCR = false;
      }

      switch (this.state) {
        case SKIPPING:
          if (isBreak) {
            this.emitTooLarge(chunkOffset + i);
            if (b === CR) this.skipLF = true;
            this.beginRecord(chunkOffset + i + 1);
            segment = i + 1;
            limit = segment + maxRecordBytes;
          }
          break;
        case FIELD_START:
          if (quoting && b === QUOTE) {
            this.state = QUOTED;
            this.quoted[this.quoted.length - 1] = true;
            this.openQuote = this.raw.length + i - segment;
            this.fieldBreak = false;
            this.fieldStray = false;
            break;
          }
          this.state = UNQUOTED;
          if (b === delimiter) this.endField(this.raw.length + i - segment);
          else if (isBreak) endRecord(i, false, b);
          break;
        case UNQUOTED:
          if (b === delimiter) this.endField(this.raw.length + i - segment);
          else if (isBreak) endRecord(i, false, b);
          break;
        case QUOTED:
          if (b === QUOTE) this.state = QUOTE_SEEN;
          else if (isBreak) {
            if (this.lineMode) endRecord(i, true, b);
            else {
              this.spansLines = true;
              this.fieldBreak = true;
              if (this.fieldStray) this.suspect = true;
            }
          }
          break;
        case QUOTE_SEEN:
          if (b === QUOTE) this.state = QUOTED;
          else if (b === delimiter) this.endField(this.raw.length + i - segment);
          else if (isBreak) endRecord(i, false, b);
          else {
            this.strayQuote = true;
            this.fieldStray = true;
            if (this.fieldBreak) this.suspect = true;
            this.state = QUOTED;
          }
          break;
      }
    }
    if (this.state !== SKIPPING) this.raw.append(chunk.subarray(segment));
  }

  private endField(at: number): void {
    this.ends.push(at);
    this.starts.push(at + 1);
    this.quoted.push(false);
    this.state = FIELD_START;
  }

  private beginRecord(offset: number): void {
    this.state = FIELD_START;
    this.recordLine = this.line;
    this.recordOffset = offset;
    this.starts = [0];
    this.ends = [];
    this.quoted = [false];
    this.spansLines = false;
    this.strayQuote = false;
    this.suspect = false;
  }

  /**
   * The record is about to pass the size limit at byte `i`. Inside a quote that has run over
   * line breaks, that quote is taken for a stray one: the complete lines are re-read one by
   * one and the last, partial line starts a record afresh. Otherwise the record is skipped to
   * the end of its line.
   */
  private overflow(chunk: Uint8Array, chunkOffset: number, segment: number, i: number): void {
    this.raw.append(chunk.subarray(segment, i));
    if (this.lineMode || !this.spansLines || (this.state !== QUOTED && this.state !== QUOTE_SEEN)) {
      this.raw.clear();
      this.state = SKIPPING;
      return;
    }
    const bytes = this.raw.take();
    let last = bytes.length - 1;
    while (last >= 0 && bytes[last] !== LF && bytes[last] !== CR) last--;
    const linesEnd = bytes[last] === LF && last > 0 && bytes[last - 1] === CR ? last - 1 : last;
    const tail = bytes.subarray(last + 1);
    this.reread(bytes.subarray(0, linesEnd), this.recordLine, this.recordOffset);
    // The tail holds no line break, so feeding it again leaves the line count as it is.
    this.beginRecord(chunkOffset + i - tail.length);
    this.feed(tail, chunkOffset + i - tail.length);
  }

  private finishRecord(unclosed: boolean): void {
    this.ends.push(this.raw.length);
    const bytes = this.raw.take();
    if (bytes.length === 0) return;
    if (!this.lineMode && this.spansLines && (unclosed || this.suspect)) {
      this.reread(bytes, this.recordLine, this.recordOffset);
      return;
    }
    if (unclosed) {
      this.events.push({
        type: 'broken',
        reason: 'unclosed-quote',
        line: this.recordLine,
        offset: this.recordOffset,
        length: bytes.length,
        at: positionIn(bytes, this.openQuote, this.recordLine),
      });
      return;
    }
    this.events.push(decodeRecord(bytes, this.starts, this.ends, this.quoted, this.recordLine, this.recordOffset, this.strayQuote));
  }

  /** Read a broken record's lines again, each line a record of its own. */
  private reread(bytes: Uint8Array, line: number, offset: number): void {
    const lines = new DelimitedReader(this.options, { line, offset, lineMode: true });
    this.events.push(...lines.push(bytes), ...lines.end());
  }

  private emitTooLarge(end: number): void {
    this.events.push({
      type: 'broken',
      reason: 'too-large',
      line: this.recordLine,
      offset: this.recordOffset,
      length: end - this.recordOffset,
      at: `${this.recordLine}:1`,
    });
  }
}

function decodeRecord(
  bytes: Uint8Array,
  starts: readonly number[],
  ends: readonly number[],
  quoted: readonly boolean[],
  line: number,
  offset: number,
  strayQuote: boolean,
): DelimitedRecord {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const fields = starts.map((start, k) => {
    const end = ends[k] ?? bytes.length;
    // A quoted field always ends with its closing quote right before the delimiter.
    return quoted[k] === true ? text.toString('utf8', start + 1, end - 1).replaceAll('""', '"') : text.toString('utf8', start, end);
  });
  return {
    type: 'record',
    fields,
    line,
    offset,
    length: bytes.length,
    invalidUtf8: !isUtf8(text),
    strayQuote,
    at: (index) => positionIn(bytes, starts[index] ?? 0, line),
  };
}

/** `line:column` of byte `upTo` in a record that starts at `line`; columns count characters. */
export function positionIn(bytes: Uint8Array, upTo: number, line: number): string {
  let current = line;
  let column = 1;
  for (let k = 0; k < upTo && k < bytes.length; k++) {
    const b = bytes[k] as number;
    if (b === CR || (b === LF && bytes[k - 1] !== CR)) {
      current++;
      column = 1;
    } else if (b !== LF && (b & 0xc0) !== 0x80) {
      column++;
    }
  }
  return `${current}:${column}`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
