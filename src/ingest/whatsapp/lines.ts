/** One line of the export, as bytes in a buffer that is only valid during the callback. */
export interface LineView {
  readonly buffer: Buffer;
  /** The line's bytes are buffer[start, end): without its CR LF (or LF) and without a leading BOM. */
  readonly start: number;
  readonly end: number;
  /** 1-based line number. */
  readonly number: number;
  /** Byte offset in the file of `buffer[start]`. */
  readonly offset: number;
  /** Bytes of the line (from `offset`, without the line break) in the file; more than end − start when cut. */
  readonly length: number;
  /** Bytes dropped because the line was longer than the limit. */
  readonly dropped: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits bytes into lines however they are chunked. A line that spans chunks is gathered in one
 * growing buffer (amortised linear, so a 10 MB line fed a byte at a time is still cheap), and
 * a line past `maxLineBytes` keeps its first bytes and counts the rest, so memory stays bounded.
 * LF ends a line (0x0A never occurs inside a UTF-8 sequence); a CR before it is dropped.
 */
export class LineSplitter {
  private carry = Buffer.alloc(0);
  private carryLength = 0;
  /** Bytes of the line being gathered, kept or not. */
  private pendingLength = 0;
  private lastByte = -1;
  private number = 1;
  private offset = 0;

  constructor(
    private readonly onLine: (line: LineView) => void,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Uint8Array): void {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let position = 0;
    while (position < buffer.length) {
      const newline = buffer.indexOf(LF, position);
      if (newline === -1) {
        this.gather(buffer, position, buffer.length);
        return;
      }
      if (this.pendingLength === 0) {
        this.emit(buffer, position, newline, newline - position, newline > position ? (buffer[newline - 1] ?? -1) : -1);
      } else {
        this.gather(buffer, position, newline);
        this.emit(this.carry, 0, this.carryLength, this.pendingLength, this.lastByte);
      }
      position = newline + 1;
    }
  }

  /** The last line, when the file does not end with a line break. */
  end(): void {
    if (this.pendingLength > 0) this.emit(this.carry, 0, this.carryLength, this.pendingLength, this.lastByte);
  }

  private gather(buffer: Buffer, from: number, to: number): void {
    if (to === from) return;
    this.pendingLength += to - from;
    this.lastByte = buffer[to - 1] ?? -1;
    // One byte over the limit is kept, so that emit sees the line was cut.
    const room = this.maxLineBytes + 1 - this.carryLength;
    const take = Math.min(room, to - from);
    if (take <= 0) return;
    if (this.carryLength + take > this.carry.length) {
      const grown = Buffer.alloc(Math.min(this.maxLineBytes + 1, Math.max(this.carryLength + take, this.carry.length * 2, 256)));
      this.carry.copy(grown, 0, 0, this.carryLength);
      this.carry = grown;
    }
    buffer.copy(this.carry, this.carryLength, from, from + take);
    this.carryLength += take;
  }

  /** `length` is the line's full byte count in the file, of which buffer[start, end) was kept; `last` its last byte. */
  private emit(buffer: Buffer, start: number, end: number, length: number, last: number): void {
    let from = start;
    let offset = this.offset;
    let fullLength = length;
    // A UTF-8 byte-order mark belongs to the file, not to the first message.
    if (this.number === 1 && end - start >= 3 && buffer[start] === 0xef && buffer[start + 1] === 0xbb && buffer[start + 2] === 0xbf) {
      from += 3;
      offset += 3;
      fullLength -= 3;
    }
    let to = end;
    if (last === CR && fullLength > 0) {
      fullLength--;
      if (to - from > fullLength) to--;
    }
    let dropped = 0;
    if (to - from > this.maxLineBytes) {
      to = from + this.maxLineBytes;
      // Cut on a character boundary: never inside a UTF-8 sequence.
      while (to > from && ((buffer[to] ?? 0) & 0xc0) === 0x80) to--;
    }
    if (fullLength > to - from) dropped = fullLength - (to - from);
    this.onLine({ buffer, start: from, end: to, number: this.number, offset, length: fullLength, dropped });
    this.offset += length + 1;
    this.number++;
    this.carryLength = 0;
    this.pendingLength = 0;
    if (this.carry.length > 1 << 20) this.carry = Buffer.alloc(0);
  }
}
