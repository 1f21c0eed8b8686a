import { TextDecoder } from 'node:util';

/** How many bytes one UTF-16 code unit of decoded text took in the source, when that is fixed. */
export type ByteUnit = 'utf-8' | 'utf-16' | 'single-byte' | null;

export interface EncodingNote {
  readonly ruleId: 'feed/encoding';
  readonly severity: 'warning' | 'info';
  readonly message: string;
}

export interface DecodedText {
  readonly text: string;
  /** Index in `text` near the first byte that was not valid in the encoding, reported once. */
  readonly firstInvalidAt: number | null;
}

// The XML declaration must come first (XML 1.0 §2.8), but some CMSs emit blank lines before it.
const DECLARATION = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/;
const HEAD_BYTES = 1024;
const SINGLE_BYTE = /^(windows-12\d\d|windows-874|iso-8859-\d+|koi8-[ru]|macintosh|x-mac-cyrillic|ibm866)$/;

/**
 * Bytes to text, chunk by chunk. The encoding is chosen from the first KiB as XML 1.0
 * Appendix F says: a byte-order mark first, then the `encoding` of the XML declaration, else
 * UTF-8.
 */
export class FeedTextDecoder {
  /** The encoding in use (WHATWG name), once the head has been read. */
  encoding = 'utf-8';
  byteUnit: ByteUnit = 'utf-8';
  /** Bytes of a byte-order mark, which the decoded text does not contain. */
  bomBytes = 0;

  private decoder: TextDecoder | null = null;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private readonly notes: EncodingNote[] = [];
  // Invalid UTF-8 shows up as U+FFFD; a genuine U+FFFD in the source is the bytes EF BF BD.
  private replacementCharacters = 0;
  private replacementSequences = 0;
  private lastBytes: [number, number] = [-1, -1];
  private reportedInvalid = false;

  /** Notes about the encoding since the last call. */
  takeNotes(): EncodingNote[] {
    return this.notes.splice(0);
  }

  push(bytes: Uint8Array): DecodedText {
    if (this.decoder !== null) return this.decode(bytes, false);
    this.head.push(bytes);
    this.headLength += bytes.length;
    if (this.headLength < HEAD_BYTES) {
      this.head = [Buffer.concat(this.head)];
      if (!headDecides(this.head[0] ?? new Uint8Array(0))) return { text: '', firstInvalidAt: null };
    }
    return this.decodeHead(false);
  }

  end(): DecodedText {
    if (this.decoder === null) return this.decodeHead(true);
    return this.decode(new Uint8Array(0), true);
  }

  private decodeHead(final: boolean): DecodedText {
    const head = Buffer.concat(this.head);
    this.head = [];
    // Only the first KiB decides, however much arrived in the first chunk: same bytes, same choice.
    this.decoder = this.choose(head.subarray(0, HEAD_BYTES));
    return this.decode(head, final);
  }

  private choose(head: Uint8Array): TextDecoder {
    const [b0, b1, b2, b3] = head;
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
      this.bomBytes = 3;
      const declared = declaredEncoding(head.subarray(3));
      if (declared !== null && labelEncoding(declared) !== 'utf-8') {
        this.note('warning', `the file starts with a UTF-8 byte-order mark but declares encoding "${declared}"; read as UTF-8`);
      }
      return this.use('utf-8');
    }
    if (b0 === 0xff && b1 === 0xfe) {
      this.bomBytes = 2;
      return this.use('utf-16le');
    }
    if (b0 === 0xfe && b1 === 0xff) {
      this.bomBytes = 2;
      return this.use('utf-16be');
    }
    // `<?` in UTF-16 without a byte-order mark (XML 1.0 Appendix F.1).
    if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return this.use('utf-16le');
    if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return this.use('utf-16be');

    const declared = declaredEncoding(head);
    if (declared === null) return this.use('utf-8');
    const encoding = labelEncoding(declared);
    if (encoding === null) {
      this.note('warning', `the declared encoding "${declared}" is not one this reader knows; read as UTF-8`);
      return this.use('utf-8');
    }
    if (encoding.startsWith('utf-16')) {
      // The declaration was readable as ASCII, so the bytes are not UTF-16 whatever it says.
      this.note('warning', `the file declares encoding "${declared}" but is written in 8-bit characters; read as UTF-8`);
      return this.use('utf-8');
    }
    return this.use(encoding);
  }

  private use(encoding: string): TextDecoder {
    this.encoding = encoding;
    this.byteUnit = encoding === 'utf-8' ? 'utf-8' : encoding.startsWith('utf-16') ? 'utf-16' : SINGLE_BYTE.test(encoding) ? 'single-byte' : null;
    return new TextDecoder(encoding);
  }

  private decode(bytes: Uint8Array, final: boolean): DecodedText {
    const decoder = this.decoder ?? this.use('utf-8');
    // Always stream, then flush: Node 20 decodes windows-1252 as Latin-1 when not streaming
    // (0x80 becomes U+0080, not €; nodejs/node#56542), but streaming goes through ICU.
    const text = decoder.decode(bytes, { stream: true }) + (final ? decoder.decode() : '');
    if (this.encoding !== 'utf-8' || this.reportedInvalid) return { text, firstInvalidAt: null };
    this.replacementSequences += countReplacementSequences(bytes, this.lastBytes);
    if (bytes.length >= 2) this.lastBytes = [bytes[bytes.length - 2] ?? -1, bytes[bytes.length - 1] ?? -1];
    else if (bytes.length === 1) this.lastBytes = [this.lastBytes[1], bytes[0] ?? -1];
    const firstReplacement = text.indexOf('\uFFFD');
    if (firstReplacement === -1) return { text, firstInvalidAt: null };
    for (let i = firstReplacement; i !== -1; i = text.indexOf('\uFFFD', i + 1)) this.replacementCharacters++;
    if (this.replacementCharacters <= this.replacementSequences) return { text, firstInvalidAt: null };
    this.reportedInvalid = true;
    return { text, firstInvalidAt: firstReplacement };
  }

  private note(severity: EncodingNote['severity'], message: string): void {
    this.notes.push({ ruleId: 'feed/encoding', severity, message });
  }
}

/**
 * Whether the bytes so far settle the encoding, so that text flows before a KiB has arrived:
 * a byte-order mark, or the end of the XML declaration, or a start that cannot be one.
 * The answer depends only on the bytes, never on how they were chunked.
 */
function headDecides(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const [b0, b1] = head;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || b0 === 0x00 || b1 === 0x00) return true;
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart();
  if (text.length < 5) return false;
  if (!text.startsWith('<?xml')) return true;
  return text.includes('?>');
}

function declaredEncoding(head: Uint8Array): string | null {
  // latin1 keeps every byte as one character, so the ASCII declaration reads the same.
  const match = DECLARATION.exec(Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1'));
  return match?.[1] ?? null;
}

/** The WHATWG encoding a label names (`ISO-8859-1` → windows-1252), or null if unknown. */
function labelEncoding(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function countReplacementSequences(bytes: Uint8Array, previous: readonly [number, number]): number {
  let count = 0;
  const [p0, p1] = previous;
  // A sequence split across the previous chunk and this one.
  if (p1 === 0xef && bytes[0] === 0xbf && bytes[1] === 0xbd) count++;
  if (p0 === 0xef && p1 === 0xbf && bytes[0] === 0xbd) count++;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = buffer.indexOf(REPLACEMENT_BYTES); i !== -1; i = buffer.indexOf(REPLACEMENT_BYTES, i + 3)) count++;
  return count;
}

const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);
