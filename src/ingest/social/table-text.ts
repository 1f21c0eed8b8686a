import { TextDecoder } from 'node:util';
import { Utf8Check } from './utf8.js';

/** A run of decoded text, or the mark of the first byte that was not valid UTF-8 (once). */
export type TextPiece = { readonly text: string } | { readonly invalidUtf8: true };

export type TableEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes of the head that decide the encoding, whatever the chunks: one read of a typical file. */
const HEAD_BYTES = 64 * 1024;

/**
 * Bytes to text for tables. Spreadsheet programs write UTF-8 (with or without a byte-order mark),
 * UTF-16 ("Unicode text", with a mark), or — Excel on a Spanish Windows — Windows-1252 with no
 * mark at all. The first 64 KiB decide: a mark, else UTF-8 if they are valid UTF-8, else 1252.
 */
export class TableDecoder {
  encoding: TableEncoding | null = null;
  /** Bytes of the byte-order mark, which the text does not contain. */
  bomBytes = 0;
  private decoder: TextDecoder | null = null;
  private head: Buffer[] = [];
  private headLength = 0;
  private readonly utf8 = new Utf8Check();

  push(bytes: Uint8Array): TextPiece[] {
    if (this.decoder !== null) return this.decode(bytes, false);
    this.head.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.headLength += bytes.length;
    if (this.headLength < HEAD_BYTES) return [];
    return this.decodeHead(false);
  }

  end(): TextPiece[] {
    if (this.decoder === null) return this.decodeHead(true);
    return this.decode(new Uint8Array(0), true);
  }

  /** Bytes one UTF-16 code unit of text took, for byte offsets; null when it varies (UTF-8). */
  get unitBytes(): number | null {
    return this.encoding === 'windows-1252' ? 1 : this.encoding === 'utf-16le' || this.encoding === 'utf-16be' ? 2 : null;
  }

  private decodeHead(final: boolean): TextPiece[] {
    const head = Buffer.concat(this.head);
    this.head = [];
    const decided = head.subarray(0, HEAD_BYTES);
    let encoding: TableEncoding;
    if (decided[0] === 0xef && decided[1] === 0xbb && decided[2] === 0xbf) {
      encoding = 'utf-8';
      this.bomBytes = 3;
    } else if (decided[0] === 0xff && decided[1] === 0xfe) {
      encoding = 'utf-16le';
      this.bomBytes = 2;
    } else if (decided[0] === 0xfe && decided[1] === 0xff) {
      encoding = 'utf-16be';
      this.bomBytes = 2;
    } else {
      const check = new Utf8Check();
      // A character cut at the end of the head is not a fault, but at the end of the file it is.
      const valid = check.push(decided) === -1 && !(decided.length < HEAD_BYTES && check.end());
      encoding = valid ? 'utf-8' : 'windows-1252';
    }
    this.encoding = encoding;
    // The decoder strips a byte-order mark itself.
    this.decoder = new TextDecoder(encoding);
    return this.decode(head, final);
  }

  private decode(bytes: Uint8Array, final: boolean): TextPiece[] {
    const decoder = this.decoder as TextDecoder;
    const pieces: TextPiece[] = [];
    if (this.encoding === 'utf-8') {
      const invalid = this.utf8.push(bytes);
      if (invalid !== -1) {
        // The text before the bad byte, then the mark, then the rest: the mark sits where it was.
        const before = decoder.decode(bytes.subarray(0, invalid), { stream: true });
        if (before !== '') pieces.push({ text: before });
        pieces.push({ invalidUtf8: true });
        bytes = bytes.subarray(invalid);
      }
    }
    const text = decoder.decode(bytes, { stream: true }) + (final ? decoder.decode() : '');
    if (final && this.encoding === 'utf-8' && this.utf8.end()) {
      // The file ends inside a character: the decoder's final U+FFFD is that character.
      const last = text.length > 0 ? text.slice(0, -1) : '';
      if (last !== '') pieces.push({ text: last });
      pieces.push({ invalidUtf8: true });
      pieces.push({ text: text.slice(-1) });
      return pieces;
    }
    if (text !== '') pieces.push({ text });
    return pieces;
  }
}
