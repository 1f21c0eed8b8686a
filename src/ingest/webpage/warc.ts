import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * WARC/1.1 (ISO 28500:2017) records, each its own gzip member as WACZ wants (§"archive"), so a
 * reader can inflate one record from its offset and length in the CDXJ index. Digests are
 * `sha256:<hex>`, the labelled-digest form Webrecorder's tools write and index.
 */

export type WarcRecordType = 'warcinfo' | 'request' | 'response' | 'resource' | 'metadata';

export interface WarcRecordInput {
  readonly type: WarcRecordType;
  /** `<urn:uuid:…>`, angle brackets included (WARC 1.1 §5.2). */
  readonly recordId: string;
  /** ISO 8601 UTC; WARC 1.1 §5.4 allows fractions of a second. */
  readonly date: string;
  readonly targetUri: string | null;
  readonly contentType: string;
  readonly block: Uint8Array;
  /** Where the payload starts inside the block (after an HTTP header), or null when there is none to digest. */
  readonly payloadOffset: number | null;
  /** Further named fields, in order: WARC-Concurrent-To, WARC-Warcinfo-ID, WARC-Filename, … */
  readonly fields?: readonly (readonly [string, string])[];
}

export interface WrittenRecord {
  /** Offset and length of the gzip member in the WARC file: what CDXJ `offset` and `length` point at. */
  readonly offset: number;
  readonly length: number;
  readonly payloadDigest: string | null;
  readonly blockDigest: string;
  /** SHA-256 of the gzip member's bytes, for checking one record without the whole file. */
  readonly recordDigest: string;
}

export function sha256Label(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** One record, uncompressed: version line, named fields, blank line, block, two CRLFs (WARC 1.1 §4). */
export function serializeWarcRecord(record: WarcRecordInput): Buffer {
  const payloadDigest = record.payloadOffset === null ? null : sha256Label(record.block.subarray(record.payloadOffset));
  const lines = [
    'WARC/1.1',
    `WARC-Type: ${record.type}`,
    `WARC-Record-ID: ${fieldValue(record.recordId)}`,
    `WARC-Date: ${fieldValue(record.date)}`,
  ];
  if (record.targetUri !== null) lines.push(`WARC-Target-URI: ${fieldValue(record.targetUri)}`);
  for (const [name, value] of record.fields ?? []) lines.push(`${name}: ${fieldValue(value)}`);
  lines.push(`Content-Type: ${fieldValue(record.contentType)}`);
  if (payloadDigest !== null) lines.push(`WARC-Payload-Digest: ${payloadDigest}`);
  lines.push(`WARC-Block-Digest: ${sha256Label(record.block)}`, `Content-Length: ${record.block.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), record.block, CRLF2]);
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** A field value on one line: WARC named fields end at CRLF, so line breaks inside would forge fields. */
function fieldValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** Appends gzip-per-record WARC records to memory and says where each landed. */
export class WarcWriter {
  private readonly members: Buffer[] = [];
  private size = 0;

  get bytes(): number {
    return this.size;
  }

  add(record: WarcRecordInput): WrittenRecord {
    const raw = serializeWarcRecord(record);
    // A fixed mtime (0) in the gzip header: the same records give the same bytes.
    const member = gzipSync(raw, { level: 6 });
    const written: WrittenRecord = {
      offset: this.size,
      length: member.length,
      payloadDigest: record.payloadOffset === null ? null : sha256Label(record.block.subarray(record.payloadOffset)),
      blockDigest: sha256Label(record.block),
      recordDigest: sha256Label(member),
    };
    this.members.push(member);
    this.size += member.length;
    return written;
  }

  finish(): Buffer {
    return Buffer.concat(this.members);
  }
}

/** `application/warc-fields` (WARC 1.1 §6.1): `name: value` lines. */
export function warcFields(fields: readonly (readonly [string, string])[]): Buffer {
  return Buffer.from(fields.map(([name, value]) => `${name}: ${fieldValue(value)}\r\n`).join(''), 'utf8');
}

export type HeaderList = readonly (readonly [string, string])[];

/** An HTTP/1.1 response message as a WARC `response` block: status line, headers, blank line, body. */
export function httpResponseBlock(status: number, statusText: string, headers: HeaderList, body: Uint8Array): { block: Buffer; payloadOffset: number } {
  const reason = statusText.trim() === '' ? '' : ` ${fieldValue(statusText.trim())}`;
  const head = Buffer.from(`HTTP/1.1 ${status}${reason}\r\n${headerLines(headers)}\r\n`, 'utf8');
  return { block: Buffer.concat([head, body]), payloadOffset: head.length };
}

/** An HTTP/1.1 request message as a WARC `request` block. Adds `Host` when the browser did not report it. */
export function httpRequestBlock(method: string, url: string, headers: HeaderList, body: Uint8Array | null): { block: Buffer; payloadOffset: number } {
  const parsed = new URL(url);
  const target = `${parsed.pathname}${parsed.search}` || '/';
  const all = headers.some(([name]) => name.toLowerCase() === 'host') ? headers : [['Host', parsed.host] as const, ...headers];
  const head = Buffer.from(`${method} ${target} HTTP/1.1\r\n${headerLines(all)}\r\n`, 'utf8');
  return { block: Buffer.concat([head, body ?? Buffer.alloc(0)]), payloadOffset: head.length };
}

function headerLines(headers: HeaderList): string {
  // HTTP/2 pseudo-headers (`:authority`) are not HTTP/1.1 header fields.
  return headers
    .filter(([name]) => !name.startsWith(':') && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    .map(([name, value]) => `${name}: ${fieldValue(value)}\r\n`)
    .join('');
}

export interface ParsedWarcRecord {
  /** Named fields, names lower-cased, first value kept. */
  readonly fields: ReadonlyMap<string, string>;
  readonly block: Buffer;
}

/** Why bytes could not be read as a WARC record. */
export class WarcFormatError extends Error {}

/** Inflate one gzip member (one record) and parse it. */
export function readWarcMember(member: Uint8Array, maxBytes: number): ParsedWarcRecord {
  let raw: Buffer;
  try {
    raw = gunzipSync(member, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new WarcFormatError(`the record does not inflate: ${(error as Error).message}`);
  }
  return parseWarcRecord(raw);
}

export function parseWarcRecord(raw: Buffer): ParsedWarcRecord {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1 || !raw.subarray(0, 9).toString('latin1').startsWith('WARC/1.')) throw new WarcFormatError('not a WARC record');
  const fields = new Map<string, string>();
  for (const line of raw.subarray(0, end).toString('utf8').split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  const length = Number(fields.get('content-length') ?? NaN);
  if (!Number.isSafeInteger(length) || length < 0) throw new WarcFormatError('the record has no valid Content-Length');
  const block = raw.subarray(end + 4, end + 4 + length);
  if (block.length < length) throw new WarcFormatError('the record is shorter than its Content-Length');
  return { fields, block };
}

export interface ParsedHttpResponse {
  readonly status: number;
  /** Header names lower-cased, in order, repeats kept. */
  readonly headers: HeaderList;
  readonly body: Buffer;
}

/** Split a `response` block into status, headers and body. */
export function parseHttpResponse(block: Buffer): ParsedHttpResponse {
  const end = block.indexOf('\r\n\r\n');
  if (end === -1) throw new WarcFormatError('the response block has no end of headers');
  const lines = block.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? '');
  if (status === null) throw new WarcFormatError('the response block does not start with an HTTP status line');
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(status[1]), headers, body: block.subarray(end + 4) };
}
