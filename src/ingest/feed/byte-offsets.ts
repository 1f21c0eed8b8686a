import type { ByteUnit } from './encoding.js';

// How much decoded text stays measurable behind the newest chunk: a start tag (`<item …>`) that
// began in an earlier chunk is still found. Longer start tags get no byte offset.
const TAIL = 4096;

/**
 * Maps positions in the decoded text (UTF-16 code units, as saxes counts them) to byte offsets
 * in the source, with a cursor that only moves forward, so the whole file is measured once.
 */
export class ByteOffsets {
  private window = '';
  private windowStart = 0;
  private cursorPosition = 0;
  private cursorByte: number;
  /** Past this position the mapping is unknown (invalid bytes were replaced). */
  private reliableUntil = Number.POSITIVE_INFINITY;

  constructor(
    private readonly unit: ByteUnit,
    firstByte: number,
  ) {
    this.cursorByte = firstByte;
  }

  /** Add the text about to be parsed. */
  append(text: string): void {
    this.window += text;
  }

  /** Nothing at or after `position` can be mapped (the decoder replaced invalid bytes there). */
  unreliableFrom(position: number): void {
    this.reliableUntil = Math.min(this.reliableUntil, position);
  }

  byteAt(position: number): number | null {
    if (this.unit === null || position > this.reliableUntil) return null;
    if (position < this.cursorPosition || position > this.windowStart + this.window.length) return null;
    this.advance(position);
    return this.cursorByte;
  }

  /** Forget text that no later position can point into. */
  trim(): void {
    if (this.window.length <= 2 * TAIL) return;
    let cut = this.window.length - TAIL;
    // Never split a surrogate pair: each half would be measured as a replacement character.
    const code = this.window.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    if (this.cursorPosition < this.windowStart + cut) this.advance(this.windowStart + cut);
    this.window = this.window.slice(cut);
    this.windowStart += cut;
  }

  private advance(position: number): void {
    if (position === this.cursorPosition) return;
    const slice = this.window.slice(this.cursorPosition - this.windowStart, position - this.windowStart);
    this.cursorByte += this.unit === 'utf-8' ? Buffer.byteLength(slice, 'utf8') : this.unit === 'utf-16' ? slice.length * 2 : slice.length;
    this.cursorPosition = position;
  }
}
