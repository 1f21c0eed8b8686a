import { isUtf8 } from 'node:buffer';

/**
 * Finds the first byte of a stream that is not valid UTF-8 (WHATWG's decoder rules: no overlong
 * forms, no surrogates, nothing past U+10FFFF), across chunk boundaries. Decoders replace such
 * bytes with U+FFFD silently; this says where, once, so the user can look.
 */
export class Utf8Check {
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private done = false;

  /** The index in `bytes` of the input's first invalid byte, the first time there is one; else -1. */
  push(bytes: Uint8Array): number {
    if (this.done) return -1;
    // The common case: whole characters only, checked natively.
    if (this.need === 0 && isUtf8(bytes)) return -1;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (this.need === 0) {
        if (b <= 0x7f) continue;
        if (b >= 0xc2 && b <= 0xdf) this.need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) this.lower = 0xa0;
          if (b === 0xed) this.upper = 0x9f;
          this.need = 2;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) this.lower = 0x90;
          if (b === 0xf4) this.upper = 0x8f;
          this.need = 3;
        } else return this.fail(i);
        continue;
      }
      if (b < this.lower || b > this.upper) return this.fail(i);
      this.lower = 0x80;
      this.upper = 0xbf;
      this.need--;
    }
    return -1;
  }

  /** Whether the input ended inside a multi-byte character (and nothing was reported before). */
  end(): boolean {
    if (this.done || this.need === 0) return false;
    this.done = true;
    return true;
  }

  private fail(index: number): number {
    this.done = true;
    return index;
  }
}
