/**
 * A streaming scanner for very large JSON documents (a Telegram export can be gigabytes).
 *
 * It walks the document's structure only where the caller asks it to (`descend`), hands back
 * the values it is told to `capture` (one message at a time, parsed with JSON.parse), and
 * steps over everything else (`skip`) counting brackets and quotes — never holding more than
 * one captured value in memory. Problems become `error` events; the scanner goes on.
 *
 * Fast path: exports are pretty-printed, and a raw newline cannot occur inside a JSON string,
 * so the first "\n<indent>}" after an object that opens at <indent> is the only candidate for
 * its end. If the bytes up to there parse, that *is* the value (JSON.parse accepts exactly one
 * complete value); if not, the careful byte-by-byte reading takes over for that value.
 */

export type JsonPath = readonly (string | number)[];
export type ValueKind = 'object' | 'array' | 'string' | 'literal';
export type ScanMode = 'descend' | 'capture' | 'skip';

export type ScanEvent =
  | { type: 'enter'; path: JsonPath; kind: 'object' | 'array'; offset: number }
  | { type: 'exit'; path: JsonPath; offset: number }
  | { type: 'value'; path: JsonPath; kind: ValueKind; value: unknown; offset: number; length: number }
  /** A captured value whose bytes are not valid JSON (mismatched brackets, bad escapes, …). */
  | { type: 'invalid'; path: JsonPath; kind: ValueKind; message: string; offset: number; length: number }
  | { type: 'error'; path: JsonPath; offset: number; code: ScanErrorCode; message: string };

export type ScanErrorCode = 'unexpected-byte' | 'truncated' | 'too-large' | 'trailing-data' | 'bad-key';

export interface ScanOptions {
  /** Decide, when a value starts, whether to walk into it, hand it over, or step over it. */
  classify: (path: JsonPath, kind: ValueKind) => ScanMode;
  /** A captured value larger than this is skipped with a `too-large` error. */
  maxValueBytes?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;

const MAX_KEY_BYTES = 1 << 16;

interface Frame {
  kind: 'object' | 'array';
  path: JsonPath;
  key: string | null;
  index: number;
}

type Expect = 'value' | 'value-or-end' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' | 'nothing';

/** A value being read across chunks, byte by byte state. */
interface OpenValue {
  kind: ValueKind;
  mode: 'capture' | 'skip';
  isKey: boolean;
  path: JsonPath;
  start: number;
  depth: number;
  inString: boolean;
  /** The previous chunk ended on a backslash inside a string: the next byte is escaped. */
  escaped: boolean;
  parts: Buffer[];
  size: number;
  tooLarge: boolean;
}

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function isLiteralEnd(b: number): boolean {
  return b === COMMA || b === RBRACE || b === RBRACKET || b === COLON || isWhitespace(b);
}

export class JsonScanner {
  private readonly classify: ScanOptions['classify'];
  private readonly maxValueBytes: number;
  private readonly stack: Frame[] = [];
  private expect: Expect = 'value';
  private open: OpenValue | null = null;
  private offset = 0;
  private rootSeen = false;
  private trailingReported = false;
  /** Inside a run of stray bytes already reported. */
  private inGarbage = false;
  private readonly closingPatterns = new Map<number, Buffer>();

  constructor(options: ScanOptions) {
    this.classify = options.classify;
    this.maxValueBytes = options.maxValueBytes ?? 256 * 1024 * 1024;
  }

  /** Feed the next chunk; returns the events it completes. */
  push(chunk: Uint8Array): ScanEvent[] {
    const events: ScanEvent[] = [];
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    const n = buf.length;
    // A UTF-8 byte order mark (editors add one) is not JSON; step over it at the very start.
    while (i < n && this.offset + i < 3 && buf[i] === UTF8_BOM[this.offset + i]) i++;
    while (i < n) {
      if (this.open !== null) {
        i = this.continueValue(buf, i, events);
        continue;
      }
      const b = buf[i] as number;
      if (this.inGarbage) {
        if (!isStructural(b)) {
          i++;
          continue;
        }
        this.inGarbage = false;
      }
      if (isWhitespace(b)) {
        i++;
        continue;
      }
      i = this.structural(buf, i, b, events);
    }
    this.offset += n;
    return events;
  }

  /** The input ended: report what was left open. */
  end(): ScanEvent[] {
    const events: ScanEvent[] = [];
    const open = this.open;
    if (open !== null) {
      if (open.kind === 'literal' && !open.inString) {
        // A bare literal at the very end is complete (e.g. a document that is just `42`).
        this.open = null;
        this.finishValue(open, events);
      } else {
        events.push({
          type: 'error',
          path: open.path,
          offset: open.start,
          code: 'truncated',
          message: `input ends inside ${open.isKey ? 'a key' : `this ${open.kind}`}`,
        });
        this.open = null;
      }
    }
    if (this.stack.length > 0) {
      const innermost = this.stack[this.stack.length - 1] as Frame;
      events.push({
        type: 'error',
        path: innermost.path,
        offset: this.offset,
        code: 'truncated',
        message: `input ends with ${this.stack.length} unclosed container${this.stack.length === 1 ? '' : 's'}`,
      });
    } else if (!this.rootSeen) {
      events.push({ type: 'error', path: [], offset: this.offset, code: 'truncated', message: 'no JSON value in the input' });
    }
    return events;
  }

  private childPath(): JsonPath {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) return [];
    return frame.kind === 'array' ? [...frame.path, frame.index] : [...frame.path, frame.key ?? ''];
  }

  private structural(buf: Buffer, i: number, b: number, events: ScanEvent[]): number {
    const frame = this.stack[this.stack.length - 1];
    switch (this.expect) {
      case 'nothing':
        if (!this.trailingReported) {
          this.trailingReported = true;
          events.push({ type: 'error', path: [], offset: this.offset + i, code: 'trailing-data', message: 'data after the end of the JSON document' });
        }
        return buf.length;
      case 'colon':
        if (b === COLON) {
          this.expect = 'value';
          return i + 1;
        }
        return this.unexpected(buf, i, b, events, 'a colon after the key');
      case 'comma-or-end':
        if (b === COMMA && frame !== undefined) {
          if (frame.kind === 'array') {
            frame.index++;
            this.expect = 'value';
          } else this.expect = 'key';
          return i + 1;
        }
        if ((b === RBRACE && frame?.kind === 'object') || (b === RBRACKET && frame?.kind === 'array')) return this.close(i, events);
        // Lenient: a missing comma between array elements; the next element still counts.
        if (frame?.kind === 'array' && (b === LBRACE || b === LBRACKET || b === QUOTE)) {
          events.push({ type: 'error', path: frame.path, offset: this.offset + i, code: 'unexpected-byte', message: 'missing comma between array elements' });
          frame.index++;
          this.expect = 'value';
          return i;
        }
        return this.unexpected(buf, i, b, events, 'a comma or the end of the container');
      case 'key-or-end':
      case 'key':
        if (b === QUOTE) {
          this.startValue('string', 'capture', true, this.childPath(), i);
          return i;
        }
        if (b === RBRACE && this.expect === 'key-or-end') return this.close(i, events);
        return this.unexpected(buf, i, b, events, 'a quoted key');
      case 'value':
      case 'value-or-end': {
        if (b === RBRACKET && this.expect === 'value-or-end') return this.close(i, events);
        const path = this.childPath();
        const kind: ValueKind | null =
          b === LBRACE ? 'object' : b === LBRACKET ? 'array' : b === QUOTE ? 'string' : isLiteralStart(b) ? 'literal' : null;
        if (kind === null) return this.unexpected(buf, i, b, events, 'a value');
        if (this.stack.length === 0) this.rootSeen = true;
        const mode = this.classify(path, kind);
        if (mode === 'descend' && (kind === 'object' || kind === 'array')) {
          this.stack.push({ kind, path, key: null, index: 0 });
          events.push({ type: 'enter', path, kind, offset: this.offset + i });
          this.expect = kind === 'object' ? 'key-or-end' : 'value-or-end';
          return i + 1;
        }
        if (mode === 'capture' && kind !== 'string' && kind !== 'literal') {
          const end = this.fastCapture(buf, i, kind, path, events);
          if (end !== -1) {
            this.expect = 'comma-or-end';
            if (this.stack.length === 0) this.expect = 'nothing';
            return end;
          }
        }
        this.startValue(kind, mode === 'skip' ? 'skip' : 'capture', false, path, i);
        return i;
      }
    }
  }

  /** The pretty-printed fast path (see the top of this file); -1 when it does not apply. */
  private fastCapture(buf: Buffer, i: number, kind: 'object' | 'array', path: JsonPath, events: ScanEvent[]): number {
    const lineStart = buf.lastIndexOf(NEWLINE, i) + 1;
    if (lineStart === 0) return -1;
    for (let k = lineStart; k < i; k++) if (buf[k] !== SPACE && buf[k] !== TAB) return -1;
    const closer = kind === 'object' ? RBRACE : RBRACKET;
    // Key by length and first byte: the indentation is all spaces or all tabs in practice, and
    // the pattern itself is checked by indexOf and JSON.parse anyway.
    const patternKey = (i - lineStart) * 512 + closer * 2 + (buf[lineStart] === TAB ? 1 : 0);
    let pattern = this.closingPatterns.get(patternKey);
    if (pattern === undefined) {
      pattern = Buffer.concat([Buffer.of(NEWLINE), buf.subarray(lineStart, i), Buffer.of(closer)]);
      this.closingPatterns.set(patternKey, pattern);
    }
    const at = buf.indexOf(pattern, i + 1);
    if (at === -1) return -1;
    const end = at + pattern.length;
    if (end - i > this.maxValueBytes) return -1;
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8', i, end));
    } catch {
      return -1;
    }
    events.push({ type: 'value', path, kind, value, offset: this.offset + i, length: end - i });
    return end;
  }

  private close(i: number, events: ScanEvent[]): number {
    const frame = this.stack.pop() as Frame;
    events.push({ type: 'exit', path: frame.path, offset: this.offset + i });
    this.expect = this.stack.length === 0 ? 'nothing' : 'comma-or-end';
    return i + 1;
  }

  /** Report a stray byte once per run of garbage, then step over it. */
  private unexpected(buf: Buffer, i: number, b: number, events: ScanEvent[], wanted: string): number {
    if (!this.inGarbage) this.reportUnexpected(i, b, events, wanted);
    // Skip to the next structural byte, across chunks, so one bad run gives one error.
    let j = i + 1;
    while (j < buf.length && !isStructural(buf[j] as number)) j++;
    this.inGarbage = j === buf.length;
    return j;
  }

  private reportUnexpected(i: number, b: number, events: ScanEvent[], wanted: string): void {
    const frame = this.stack[this.stack.length - 1];
    const shown = b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}`;
    events.push({
      type: 'error',
      path: frame?.path ?? [],
      offset: this.offset + i,
      code: 'unexpected-byte',
      message: `expected ${wanted}, found ${shown}`,
    });
  }

  private startValue(kind: ValueKind, mode: 'capture' | 'skip', isKey: boolean, path: JsonPath, i: number): void {
    this.open = {
      kind,
      mode,
      isKey,
      path,
      start: this.offset + i,
      depth: 0,
      inString: false,
      escaped: false,
      parts: [],
      size: 0,
      tooLarge: false,
    };
  }

  /** Read the open value from `i`; returns where reading stopped (its end or the chunk's end). */
  private continueValue(buf: Buffer, i: number, events: ScanEvent[]): number {
    const open = this.open as OpenValue;
    const from = i;
    const n = buf.length;
    let end = -1;
    if (open.kind === 'literal') {
      while (i < n && !isLiteralEnd(buf[i] as number) && buf[i] !== LBRACE && buf[i] !== LBRACKET && buf[i] !== QUOTE) i++;
      if (i < n) end = i;
    } else {
      // One tight loop over the bytes: it beats indexOf for the short strings JSON is made of.
      let depth = open.depth;
      let inString = open.inString;
      if (open.escaped) {
        open.escaped = false;
        i++;
      }
      if (depth === 0) {
        // The opening quote or bracket.
        depth = 1;
        inString = open.kind === 'string';
        i++;
      }
      const isString = open.kind === 'string';
      for (; i < n; i++) {
        const b = buf[i] as number;
        if (inString) {
          if (b === BACKSLASH) {
            if (i + 1 === n) open.escaped = true;
            i++;
          } else if (b === QUOTE) {
            inString = false;
            if (isString) {
              end = i + 1;
              break;
            }
          }
        } else if (b === QUOTE) inString = true;
        else if (b === LBRACE || b === LBRACKET) depth++;
        else if (b === RBRACE || b === RBRACKET) {
          if (--depth === 0) {
            end = i + 1;
            break;
          }
        }
      }
      open.depth = depth;
      open.inString = inString;
    }
    const stop = end === -1 ? n : end;
    this.keep(open, buf, from, stop);
    if (end === -1) return n;
    this.open = null;
    this.finishValue(open, events);
    return end;
  }

  private keep(open: OpenValue, buf: Buffer, from: number, to: number): void {
    if (to <= from) return;
    open.size += to - from;
    if (open.mode !== 'capture' || open.tooLarge) return;
    if (open.size > (open.isKey ? MAX_KEY_BYTES : this.maxValueBytes)) {
      open.tooLarge = true;
      open.parts = [];
      return;
    }
    open.parts.push(buf.subarray(from, to));
  }

  private finishValue(open: OpenValue, events: ScanEvent[]): void {
    const frame = this.stack[this.stack.length - 1];
    this.expect = frame === undefined ? 'nothing' : 'comma-or-end';
    if (open.isKey) {
      this.expect = 'colon';
      const target = frame as Frame;
      if (open.tooLarge) {
        events.push({ type: 'error', path: target.path, offset: open.start, code: 'bad-key', message: `a key longer than ${MAX_KEY_BYTES} bytes` });
        target.key = '';
        return;
      }
      try {
        target.key = JSON.parse(this.text(open)) as string;
      } catch {
        events.push({ type: 'error', path: target.path, offset: open.start, code: 'bad-key', message: 'a key that is not a valid JSON string' });
        target.key = '';
      }
      return;
    }
    if (open.mode === 'skip') return;
    if (open.tooLarge) {
      events.push({
        type: 'error',
        path: open.path,
        offset: open.start,
        code: 'too-large',
        message: `a value of ${open.size} bytes, over the limit of ${this.maxValueBytes}; skipped`,
      });
      return;
    }
    const base = { path: open.path, kind: open.kind, offset: open.start, length: open.size };
    try {
      events.push({ type: 'value', ...base, value: JSON.parse(this.text(open)) });
    } catch (error) {
      events.push({ type: 'invalid', ...base, message: (error as Error).message });
    }
  }

  private text(open: OpenValue): string {
    if (open.parts.length === 1) return (open.parts[0] as Buffer).toString('utf8');
    return Buffer.concat(open.parts, open.size).toString('utf8');
  }
}

function isStructural(b: number): boolean {
  return b === COMMA || b === RBRACE || b === RBRACKET || b === LBRACE || b === LBRACKET || b === QUOTE;
}

function isLiteralStart(b: number): boolean {
  // Digits, minus, and the first letters of true/false/null; anything else is garbage.
  return (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x74 || b === 0x66 || b === 0x6e;
}
