import { TextDecoder } from 'node:util';

/**
 * Bytes of an HTML document to text, chunk by chunk, choosing the encoding as the HTML standard
 * (§13.2.3 "Determining the character encoding") does, in short: a byte-order mark, then the
 * HTTP `charset`, then a `<meta charset>` / `http-equiv` within the first 1024 bytes, else UTF-8.
 * The choice depends only on the first 1024 bytes, so it is the same however the bytes are cut.
 */

const PRESCAN_BYTES = 1024;
// `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;

export interface CharsetNote {
  readonly severity: 'warning' | 'info';
  readonly message: string;
}

export class HtmlDecoder {
  /** WHATWG name of the encoding in use, once chosen. */
  encoding: string | null = null;
  /** True once bytes that are not valid in the encoding were replaced with U+FFFD (UTF-8 only). */
  invalid = false;
  /** How the encoding was chosen: 'bom', 'http', 'meta', 'default'. */
  chosenBy: 'bom' | 'http' | 'meta' | 'default' | null = null;

  private decoder: TextDecoder | null = null;
  private checker: TextDecoder | null = null;
  private head: Buffer[] = [];
  private headLength = 0;
  private readonly notes: CharsetNote[] = [];

  /** `httpCharset`: the `charset` of a Content-Type header, when the bytes came over HTTP. */
  constructor(private readonly httpCharset: string | null = null) {}

  takeNotes(): CharsetNote[] {
    return this.notes.splice(0);
  }

  push(bytes: Uint8Array): string {
    if (this.decoder !== null) return this.decode(bytes, false);
    this.head.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.headLength += bytes.length;
    if (this.headLength < PRESCAN_BYTES) return '';
    return this.start(false);
  }

  end(): string {
    if (this.decoder === null) return this.start(true);
    return this.decode(new Uint8Array(0), true);
  }

  private start(final: boolean): string {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.choose(head.subarray(0, PRESCAN_BYTES));
    return this.decode(head, final);
  }

  private choose(head: Buffer): void {
    const [encoding, chosenBy] = this.chooseEncoding(head);
    this.use(encoding, chosenBy);
  }

  private chooseEncoding(head: Buffer): [string, NonNullable<HtmlDecoder['chosenBy']>] {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return ['utf-8', 'bom'];
    if (head[0] === 0xff && head[1] === 0xfe) return ['utf-16le', 'bom'];
    if (head[0] === 0xfe && head[1] === 0xff) return ['utf-16be', 'bom'];
    if (this.httpCharset !== null) {
      const encoding = labelEncoding(this.httpCharset);
      if (encoding !== null) return [encoding, 'http'];
      this.notes.push({ severity: 'warning', message: `the server declared charset "${this.httpCharset}", which this reader does not know` });
    }
    const declared = META_CHARSET.exec(head.toString('latin1'))?.[1] ?? null;
    if (declared !== null) {
      const encoding = labelEncoding(declared);
      // §13.2.3.2: a <meta> that says UTF-16 was read as ASCII, so it is wrong; x-user-defined means windows-1252.
      if (encoding !== null) return [encoding.startsWith('utf-16') ? 'utf-8' : encoding === 'x-user-defined' ? 'windows-1252' : encoding, 'meta'];
      this.notes.push({ severity: 'warning', message: `the page declares charset "${declared}", which this reader does not know; read as UTF-8` });
    }
    return ['utf-8', 'default'];
  }

  private use(encoding: string, chosenBy: NonNullable<HtmlDecoder['chosenBy']>): void {
    this.encoding = encoding;
    this.chosenBy = chosenBy;
    // The BOM is not text: `ignoreBOM: false` drops it.
    this.decoder = new TextDecoder(encoding);
    // A second, strict decoder only to notice invalid UTF-8 (the lenient one hides it as U+FFFD).
    if (encoding === 'utf-8') this.checker = new TextDecoder('utf-8', { fatal: true });
  }

  private decode(bytes: Uint8Array, final: boolean): string {
    const decoder = this.decoder ?? new TextDecoder('utf-8');
    // Always stream, then flush: Node 20 decodes windows-1252 as Latin-1 when not streaming (nodejs/node#56542).
    const text = decoder.decode(bytes, { stream: true }) + (final ? decoder.decode() : '');
    if (this.checker !== null) {
      try {
        this.checker.decode(bytes, { stream: true });
        if (final) this.checker.decode();
      } catch {
        this.invalid = true;
        this.checker = null;
      }
    }
    return text;
  }
}

/** The WHATWG encoding a label names (`ISO-8859-1` → windows-1252), or null if unknown. */
export function labelEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** The `charset` parameter of a Content-Type value. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (contentType == null) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1] ?? null;
}
