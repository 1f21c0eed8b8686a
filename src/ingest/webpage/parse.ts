import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { diagnostic, type Diagnostic, type MediaRef, type RawItem } from '../../model/index.js';
import type { IngestAdapter, ParseInput } from '../adapter.js';
import { HtmlDecoder, charsetOf } from './charset.js';
import type { CdxjRecord } from './cdxj.js';
import { PageExtractor, extractPage, type PageMetadata } from './extract.js';
import { articleItem } from './item.js';
import { WaczArchive, verifyWaczArchive } from './wacz.js';
import { WarcFormatError, parseHttpResponse, type ParsedWarcRecord } from './warc.js';
import { ZipFormatError, bufferAccess, fileAccess, type RandomAccess } from '../zip.js';

/**
 * A web page saved as HTML (`.html`, `.htm`, "Save page as… HTML only"), or a WACZ web archive
 * (from `corroborate capture`, ArchiveWeb.page or Browsertrix). Either gives one article.
 */
export const webpageAdapter: IngestAdapter = {
  format: 'webpage',
  detect: detectWebpage,
  parse: parseWebpage,
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
/** A WACZ read from a stream (no file on disk) is held in memory up to this size. */
export const MAX_STREAMED_WACZ_BYTES = 64 * 1024 * 1024;
/** The page's HTML inside a WACZ: larger records are not read. */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;
const MAX_SCREENSHOT_BYTES = 64 * 1024 * 1024;
const MAX_LISTED_PROBLEMS = 20;

/**
 * How sure we are that a file is a web page or a WACZ: the content decides (`<!doctype html`,
 * `<html`, a ZIP whose first entry is a WACZ path); the name only tips an undecided head.
 */
export function detectWebpage(head: Uint8Array, fileName: string): number {
  const htmlName = /\.x?html?$/i.test(fileName);
  if (ZIP_MAGIC.every((byte, i) => head[i] === byte)) {
    const nameLength = head.length >= 30 ? (head[26] ?? 0) | ((head[27] ?? 0) << 8) : 0;
    const first = Buffer.from(head.subarray(30, 30 + nameLength)).toString('utf8');
    if (/^(archive|indexes|pages)\/|^datapackage(-digest)?\.json$/.test(first)) return 0.9;
    return /\.wacz$/i.test(fileName) ? 0.8 : 0.05;
  }
  const text = headText(head).replace(/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/, '');
  if (/^<!doctype\s+html[\s>]/i.test(text)) return 0.95;
  if (/^<html[\s>]/i.test(text)) return 0.9;
  if (/^<(?:head|body|meta|title|link|base|style|script|div|article|main|section|p|h1|table)[\s>/]/i.test(text)) return htmlName ? 0.7 : 0.55;
  return htmlName && text.startsWith('<') ? 0.4 : 0;
}

function headText(head: Uint8Array): string {
  const bytes = head.subarray(0, 4096);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Read a saved page or a WACZ. Bad input never throws: it becomes diagnostics, and the page
 * still comes out when there is one. Only a failure of the stream itself is thrown.
 */
export async function* parseWebpage(input: ParseInput): AsyncGenerator<RawItem | Diagnostic, void, undefined> {
  const iterator = input.stream[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let firstLength = 0;
  let done = false;
  while (firstLength < 4) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    first.push(next.value);
    firstLength += next.value.length;
  }
  const head = Buffer.concat(first);
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => (done ? { next: () => Promise.resolve({ done: true as const, value: undefined }) } : iterator),
  };
  if (ZIP_MAGIC.every((byte, i) => head[i] === byte)) yield* parseWaczSource(input, head, rest);
  else yield* parseHtmlSource(input, head, rest);
}

async function* parseHtmlSource(input: ParseInput, head: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<RawItem | Diagnostic> {
  const decoder = new HtmlDecoder(null);
  const fetchedUrl = httpUrl(input.file);
  const extractor = new PageExtractor({ baseUrl: fetchedUrl, timezone: input.timezone });
  let failure: unknown = null;
  const feed = (bytes: Uint8Array | null): void => {
    if (failure !== null) return;
    try {
      extractor.write(bytes === null ? decoder.end() : decoder.push(bytes));
    } catch (error) {
      failure = error;
    }
  };
  feed(head);
  for await (const chunk of rest) feed(chunk);
  feed(null);
  if (failure === null && extractor.elements === 0) {
    yield diagnostic('webpage/not-html', 'error', 'the file holds no HTML elements: it is not a web page', input.file, '');
    return;
  }
  yield* decoderNotes(decoder, input.file);
  if (failure !== null) {
    yield diagnostic('webpage/internal-error', 'error', `the page could not be read: ${describe(failure)}`, input.file, '');
    return;
  }
  let page: PageMetadata;
  try {
    page = extractor.end();
  } catch (error) {
    yield diagnostic('webpage/internal-error', 'error', `the page could not be read: ${describe(error)}`, input.file, '');
    return;
  }
  yield* pageOutput(page, input, { location: '', offset: null, length: null, fetchedUrl, media: [], extra: {} });
}

function* decoderNotes(decoder: HtmlDecoder, file: string): Generator<Diagnostic> {
  for (const note of decoder.takeNotes()) yield diagnostic('webpage/encoding', note.severity, note.message, file, '');
  if (decoder.invalid) {
    yield diagnostic(
      'webpage/encoding',
      'warning',
      `the page is not valid ${decoder.encoding ?? 'UTF-8'}: the bad bytes were replaced with U+FFFD. A page in another encoding must say so in <meta charset>`,
      file,
      '',
    );
  }
}

function* pageOutput(
  page: PageMetadata,
  input: ParseInput,
  context: { location: string; offset: number | null; length: number | null; fetchedUrl: string | null; media: readonly MediaRef[]; extra: Record<string, unknown> },
): Generator<RawItem | Diagnostic> {
  // Inside a WACZ a line:col would be in the record, not the file: name the record instead.
  for (const problem of page.problems) yield diagnostic(problem.ruleId, problem.severity, problem.message, input.file, context.location === '' ? problem.location : context.location);
  if (page.published === null) yield diagnostic('webpage/no-publication-time', 'info', 'the page states no publication time; the item has no time', input.file, '');
  const item = articleItem(page, { file: input.file, sha256: input.sha256, ...context });
  if (item === null) {
    yield diagnostic('webpage/empty', 'error', 'the page has neither a title nor any text', input.file, context.location);
    return;
  }
  if (item.text === '') yield diagnostic('webpage/no-text', 'warning', 'no main text was found on the page; only its title and metadata were kept', input.file, context.location);
  yield item;
}

// ---------------------------------------------------------------------------------------------
// WACZ

async function* parseWaczSource(input: ParseInput, head: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<RawItem | Diagnostic> {
  let access: RandomAccess;
  if (input.path != null) {
    // Random access to the evidentiary copy: the stream is not needed.
    for await (const _ of rest) break;
    access = await fileAccess(input.path);
  } else {
    const chunks: Uint8Array[] = [head];
    let size = head.length;
    for await (const chunk of rest) {
      size += chunk.length;
      if (size > MAX_STREAMED_WACZ_BYTES) {
        yield diagnostic(
          'webpage/wacz-too-large',
          'error',
          `a WACZ larger than ${MAX_STREAMED_WACZ_BYTES / 1024 / 1024} MiB can only be read from a file on disk, not from a stream`,
          input.file,
          '',
        );
        return;
      }
      chunks.push(chunk);
    }
    access = bufferAccess(Buffer.concat(chunks));
  }
  let archive: WaczArchive;
  try {
    archive = await WaczArchive.open(access);
  } catch (error) {
    await access.close();
    if (!(error instanceof ZipFormatError)) throw error;
    yield diagnostic('webpage/wacz-unreadable', 'error', `not a readable WACZ: ${error.message}`, input.file, '');
    return;
  }
  try {
    yield* await readWacz(archive, input);
  } finally {
    await archive.close();
  }
}

async function readWacz(archive: WaczArchive, input: ParseInput): Promise<(RawItem | Diagnostic)[]> {
  const out: (RawItem | Diagnostic)[] = [];
  const note = (ruleId: string, severity: Diagnostic['severity'], message: string, location = ''): void => {
    out.push(diagnostic(ruleId, severity, message, input.file, location));
  };
  try {
    if (archive.datapackageBytes === null) {
      note('webpage/wacz-unreadable', 'error', 'the ZIP has no datapackage.json: it is not a WACZ');
      return out;
    }
    const verification = await verifyWaczArchive(archive);
    for (const problem of verification.integrityProblems.slice(0, MAX_LISTED_PROBLEMS)) note('webpage/wacz-integrity', 'error', problem, 'datapackage.json');
    if (verification.integrityProblems.length > MAX_LISTED_PROBLEMS) {
      note('webpage/wacz-integrity', 'error', `… and ${verification.integrityProblems.length - MAX_LISTED_PROBLEMS} more integrity problems`, 'datapackage.json');
    }
    if (verification.signature === 'absent') note('webpage/wacz-unsigned', 'info', 'the WACZ is not signed: who made it cannot be checked', 'datapackage-digest.json');
    if (verification.signature === 'invalid') note('webpage/wacz-bad-signature', 'error', 'the WACZ signature does not match its manifest and key: the package was changed after signing, or the signature is forged', 'datapackage-digest.json');
    if (verification.signature === 'unsupported') note('webpage/wacz-signature-unchecked', 'warning', verification.problems.find((p) => p.startsWith('the signature cannot')) ?? 'the signature cannot be checked here', 'datapackage-digest.json');

    const datapackage = archive.datapackage();
    const pages = await archive.pages();
    const mainUrl = (typeof datapackage?.mainPageUrl === 'string' ? datapackage.mainPageUrl : null) ?? pages[0]?.url ?? null;
    if (mainUrl === null) {
      note('webpage/wacz-no-page', 'error', 'the WACZ names no page (no mainPageUrl, and pages/pages.jsonl is empty)', 'pages/pages.jsonl');
      return out;
    }
    const pageEntry = pages.find((p) => p.url === mainUrl) ?? null;
    const index = await archive.index();
    const html = await pageHtml(archive, index, mainUrl);
    if (html === null) {
      note('webpage/wacz-no-page', 'error', `the WACZ holds no HTML for its page ${mainUrl}`, 'indexes/');
      return out;
    }
    const page = extractPage(html.text, { baseUrl: mainUrl, timezone: input.timezone });
    const media: MediaRef[] = [];
    const screenshot = await screenshotOf(archive, index, mainUrl);
    if (screenshot !== null && input.attach !== undefined) {
      const attached = await input.attach(screenshot.uri, (async function* () { yield await Promise.resolve(screenshot.bytes); })());
      media.push({ kind: 'screenshot', ref: screenshot.uri, status: 'captured', sha256: attached.sha256, mediaType: attached.mediaType, bytes: attached.bytes, ...pngSize(screenshot.bytes) });
    }
    const capturedAt = pageEntry?.ts ?? (typeof datapackage?.mainPageDate === 'string' ? datapackage.mainPageDate : null);
    out.push(
      ...pageOutput(page, input, {
        location: html.location,
        offset: html.offset,
        length: html.length,
        fetchedUrl: mainUrl,
        media,
        extra: {
          captured: { at: capturedAt === '' ? null : capturedAt, finalUrl: mainUrl, status: html.status, software: typeof datapackage?.software === 'string' ? datapackage.software : null },
          signatureValid: verification.signature === 'absent' ? null : verification.signature === 'valid',
          signature: { status: verification.signature, algorithm: verification.signatureAlgorithm, publicKey: verification.publicKey },
          integrityVerified: verification.integrityProblems.length === 0,
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ZipFormatError || error instanceof WarcFormatError)) throw error;
    note('webpage/wacz-unreadable', 'error', `the WACZ is damaged: ${error.message}`);
  }
  return out;
}

interface PageHtml {
  readonly text: string;
  readonly status: number | null;
  readonly location: string;
  readonly offset: number;
  readonly length: number;
}

/**
 * The page's HTML: the rendered DOM (`urn:dom:`) when the capture kept it, else the body of the
 * page's own HTTP response (the latest 200, after decoding its transfer and content encodings).
 */
async function pageHtml(archive: WaczArchive, index: readonly CdxjRecord[], url: string): Promise<PageHtml | null> {
  const dom = latest(index.filter((r) => r.url === `urn:dom:${url}`));
  const responses = index.filter((r) => r.url === url && (r.status === null || r.status === 200));
  const chosen = dom ?? latest(responses) ?? latest(index.filter((r) => r.url === url));
  if (chosen === null) return null;
  const record = await archive.readRecord(chosen.filename, chosen.offset, chosen.length, MAX_PAGE_BYTES);
  const location = `archive/${chosen.filename}`;
  const common = { location, offset: record.archiveOffset, length: chosen.length };
  if (record.fields.get('warc-type') === 'resource') {
    const status = latest(index.filter((r) => r.url === url && r.status !== null))?.status ?? null;
    return { text: decodeHtml(record.block, record.fields.get('content-type') ?? null), status, ...common };
  }
  const response = parseHttpResponse(record.block);
  const header = (name: string): string | null => response.headers.find(([n]) => n === name)?.[1] ?? null;
  let body: Buffer = response.body;
  if (/chunked/i.test(header('transfer-encoding') ?? '')) body = dechunk(body);
  body = decodeContent(body, header('content-encoding'));
  return { text: decodeHtml(body, header('content-type')), status: response.status, ...common };
}

async function screenshotOf(archive: WaczArchive, index: readonly CdxjRecord[], url: string): Promise<{ uri: string; bytes: Buffer } | null> {
  // Browsertrix names full-page screenshots `urn:fullPage:`, viewport ones `urn:view:`.
  const found = latest(index.filter((r) => r.url === `urn:fullPage:${url}`)) ?? latest(index.filter((r) => r.url === `urn:view:${url}`));
  if (found === null) return null;
  const record: ParsedWarcRecord = await archive.readRecord(found.filename, found.offset, found.length, MAX_SCREENSHOT_BYTES);
  return { uri: found.url, bytes: record.block };
}

function latest(records: readonly CdxjRecord[]): CdxjRecord | null {
  return records.reduce<CdxjRecord | null>((a, b) => (a === null || b.timestamp > a.timestamp ? b : a), null);
}

function decodeHtml(bytes: Buffer, contentType: string | null): string {
  const decoder = new HtmlDecoder(charsetOf(contentType));
  return decoder.push(bytes) + decoder.end();
}

/** Undo `Transfer-Encoding: chunked` (RFC 9112 §7.1); a damaged stream keeps what was read. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let p = 0;
  while (p < body.length) {
    const lineEnd = body.indexOf('\r\n', p);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(p, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    p = lineEnd + 2 + size + 2;
  }
  return parts.length === 0 ? body : Buffer.concat(parts);
}

function decodeContent(body: Buffer, encoding: string | null): Buffer {
  const options = { maxOutputLength: MAX_PAGE_BYTES };
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body, options);
      case 'br':
        return brotliDecompressSync(body, options);
      case 'deflate':
        try {
          return inflateSync(body, options);
        } catch {
          return inflateRawSync(body, options);
        }
      default:
        return body;
    }
  } catch {
    // Recorders that store the decoded body keep the header: the bytes are already plain.
    return body;
  }
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  if (bytes.length < 24 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[2] !== 0x4e || bytes[3] !== 0x47) return { width: null, height: null };
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.readUInt32BE(16);
  const height = view.readUInt32BE(20);
  return { width: width > 0 ? width : null, height: height > 0 ? height : null };
}

function httpUrl(value: string): string | null {
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
