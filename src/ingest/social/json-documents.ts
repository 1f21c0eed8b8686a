import { JsonScanner, type JsonPath, type ScanEvent, type ScanMode, type ValueKind } from '../json-scanner.js';
import { Utf8Check } from './utf8.js';

/**
 * One JSON document, or many in a row: JSON Lines (one per line, as paging scripts write API
 * responses) and concatenated pretty-printed documents (`jq . pages.jsonl`). Each document is
 * walked by the project's streaming JsonScanner, so memory stays flat however large a document is.
 *
 * Which of the two a file is, is decided once, at the first line break inside the first document:
 * if the document is already complete there, every line is a document of its own, and a line that
 * ends inside its document is reported as truncated while the next line starts afresh; if it is
 * still open and its first line ends the way pretty-printing does (after `{`, `[`, `,` or `:`),
 * line breaks are whitespace and a document ends where its root value closes. The choice depends
 * only on the bytes, never on how they arrive.
 */
export type DocumentEvent =
  | { readonly type: 'start'; readonly doc: number; readonly line: number }
  | { readonly type: 'scan'; readonly doc: number; readonly line: number; readonly event: ScanEvent }
  | { readonly type: 'end'; readonly doc: number; readonly line: number }
  | { readonly type: 'invalid-utf8'; readonly line: number; readonly column: number };

export interface JsonDocumentsOptions {
  readonly classify: (path: JsonPath, kind: ValueKind) => ScanMode;
  readonly maxValueBytes: number;
}

const NEWLINE = 0x0a;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
// What the first line of a pretty-printed document ends with: `{`, `[`, `,` or `:`.
const PRETTY_LINE_ENDS = new Set([0x7b, 0x5b, 0x2c, 0x3a]);

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export class JsonDocuments {
  private mode: 'undecided' | 'lines' | 'stream' = 'undecided';
  private scanner: JsonScanner | null = null;
  /** Absolute offset at which the current scanner started; its offsets are relative to it. */
  private scannerBase = 0;
  private doc = -1;
  private docLine = 1;
  /** The current document's root value has been seen whole (an `exit` or `value` at the root). */
  private rootDone = false;
  /** The current document's root value began (an `enter`, `value` or `invalid` at the root). */
  private rootBegan = false;
  /** Stray bytes were reported where the current document's root should have begun. */
  private strayReported = false;
  private lastByteOnLine = -1;
  private line = 1;
  private lineStart = 0;
  /** Absolute offset of the chunk being read. */
  private chunkStart = 0;
  private readonly utf8 = new Utf8Check();

  constructor(private readonly options: JsonDocumentsOptions) {}

  push(chunk: Uint8Array): DocumentEvent[] {
    const out: DocumentEvent[] = [];
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const invalid = this.utf8.push(buf);
    if (invalid === -1) {
      this.read(buf, out);
      return out;
    }
    // Everything before the bad byte, the report, then the rest: its place in the output is fixed.
    const position = this.positionOf(buf, invalid);
    this.read(buf.subarray(0, invalid), out);
    out.push({ type: 'invalid-utf8', ...position });
    this.read(buf.subarray(invalid), out);
    return out;
  }

  private read(buf: Buffer, out: DocumentEvent[]): void {
    let p = 0;
    // A byte-order mark is not JSON; it can only be at the very start, and chunks may split it.
    while (p < buf.length && this.chunkStart + p < 3 && buf[p] === UTF8_BOM[this.chunkStart + p]) p++;
    while (p < buf.length) p = this.step(buf, p, out);
    this.chunkStart += buf.length;
  }

  end(): DocumentEvent[] {
    const out: DocumentEvent[] = [];
    if (this.utf8.end()) out.push({ type: 'invalid-utf8', line: this.line, column: this.chunkStart - this.lineStart + 1 });
    this.finishDocument(out);
    return out;
  }

  /** Read from `p`; returns where it stopped. */
  private step(buf: Buffer, p: number, out: DocumentEvent[]): number {
    if (this.scanner === null) {
      let q = p;
      while (q < buf.length && isWhitespace(buf[q] as number)) q++;
      this.countLines(buf, p, q);
      if (q === buf.length) return q;
      this.startDocument(q, out);
      return q;
    }
    if (this.mode === 'stream') {
      const restart = this.feed(buf, p, buf.length, out);
      if (restart === -1) {
        this.countLines(buf, p, buf.length);
        return buf.length;
      }
      this.countLines(buf, p, restart);
      this.finishDocument(out);
      return restart;
    }
    // Lines, or not yet decided: read up to the next line break.
    const newline = buf.indexOf(NEWLINE, p);
    const segmentEnd = newline === -1 ? buf.length : newline;
    const restart = this.feed(buf, p, segmentEnd, out);
    if (restart !== -1) {
      this.countLines(buf, p, restart);
      this.finishDocument(out);
      return restart;
    }
    for (let i = segmentEnd - 1; i >= p; i--) {
      const b = buf[i] as number;
      if (!isWhitespace(b)) {
        this.lastByteOnLine = b;
        break;
      }
    }
    if (newline === -1) return buf.length;
    this.countLines(buf, p, newline + 1);
    if (this.mode === 'undecided') {
      this.mode = this.rootDone || !PRETTY_LINE_ENDS.has(this.lastByteOnLine) ? 'lines' : 'stream';
      if (this.mode === 'stream') {
        // The line break is whitespace inside the document.
        this.feed(buf, newline, newline + 1, out);
        return newline + 1;
      }
    }
    this.lastByteOnLine = -1;
    this.finishDocument(out);
    return newline + 1;
  }

  private startDocument(at: number, out: DocumentEvent[]): void {
    this.doc++;
    this.docLine = this.line;
    this.rootDone = false;
    this.rootBegan = false;
    this.strayReported = false;
    this.lastByteOnLine = -1;
    this.scannerBase = this.chunkStart + at;
    this.scanner = new JsonScanner({ classify: this.options.classify, maxValueBytes: this.options.maxValueBytes });
    out.push({ type: 'start', doc: this.doc, line: this.docLine });
  }

  /**
   * Give the scanner `buf[from, to)`. Returns the index where a next document begins (the
   * scanner found data after its root value), or -1.
   */
  private feed(buf: Buffer, from: number, to: number, out: DocumentEvent[]): number {
    const scanner = this.scanner as JsonScanner;
    if (to <= from) return -1;
    for (const event of scanner.push(buf.subarray(from, to))) {
      if (event.type === 'error' && event.code === 'trailing-data') {
        return event.offset + this.scannerBase - this.chunkStart;
      }
      this.emit(event, out);
    }
    return -1;
  }

  private emit(event: ScanEvent, out: DocumentEvent[]): void {
    if (event.path.length === 0) {
      if (event.type === 'exit' || event.type === 'value' || event.type === 'invalid') this.rootDone = true;
      if (event.type === 'enter' || event.type === 'value' || event.type === 'invalid') this.rootBegan = true;
      if (event.type === 'error' && !this.rootBegan) {
        // Stray bytes and no value at all: the stray bytes were reported, "no value" says nothing new.
        if (event.code === 'truncated' && this.strayReported) return;
        this.strayReported = true;
      }
    }
    out.push({ type: 'scan', doc: this.doc, line: this.docLine, event: { ...event, offset: event.offset + this.scannerBase } });
  }

  private finishDocument(out: DocumentEvent[]): void {
    const scanner = this.scanner;
    if (scanner === null) return;
    let truncated = false;
    for (const event of scanner.end()) {
      // "Ends inside this object" and "ends with 3 unclosed containers" are one problem: say it once.
      if (event.type === 'error' && event.code === 'truncated') {
        if (truncated) continue;
        truncated = true;
      }
      this.emit(event, out);
    }
    this.scanner = null;
    out.push({ type: 'end', doc: this.doc, line: this.docLine });
  }

  private countLines(buf: Buffer, from: number, to: number): void {
    for (let i = buf.indexOf(NEWLINE, from); i !== -1 && i < to; i = buf.indexOf(NEWLINE, i + 1)) {
      this.line++;
      this.lineStart = this.chunkStart + i + 1;
    }
  }

  /** Line and column (in bytes, 1-based) of `buf[index]`, before the chunk is read. */
  private positionOf(buf: Buffer, index: number): { line: number; column: number } {
    let line = this.line;
    let lineStart = this.lineStart;
    for (let i = buf.indexOf(NEWLINE); i !== -1 && i < index; i = buf.indexOf(NEWLINE, i + 1)) {
      line++;
      lineStart = this.chunkStart + i + 1;
    }
    return { line, column: this.chunkStart + index - lineStart + 1 };
  }
}
