/**
 * The webpage adapter and the HTML extractor under fuzzing: whatever bytes arrive, however they
 * are cut, the adapter yields valid RawItems and webpage/… diagnostics and never throws; the
 * extractor never throws; output does not depend on chunking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWacz, extractPage } from '../../src/ingest/webpage/index.js';
import { generateEd25519Signer } from '../../src/model/index.js';
import { isDiagnostic, type RawItem } from '../../src/model/index.js';
import { fixtureBytes, parseWebpageBytes } from '../fixtures/webpage/harness.js';
import { expectContract, type Contract } from '../helpers/contract.js';
import { expectationLines } from '../helpers/fixtures.js';

const FILE = 'fuentes/fuzz.html';

// The adapter turns its own exceptions into webpage/internal-error: for a fuzzer it is a crash.
const CONTRACT: Contract = { format: 'webpage', file: FILE, noInternalError: true };

const TOKENS = [
  '<!doctype html>', '<html lang="es">', '</html>', '<head>', '</head>', '<body>', '</body>', '<title>', '</title>', '<p>', '</p>', '<br>',
  '<article>', '</article>', '<nav>', '</nav>', '<div class="share">', '<div itemprop="articleBody">', '</div>', '<h1>', '</h1>', '<li>', '<ul>',
  '<script type="application/ld+json">', '</script>', '<script>', '<style>', '</style>', '<!--', '-->', '<![CDATA[', ']]>', '<svg><title>',
  '<meta property="article:published_time" content="', '<meta name="author" content="', '<meta charset="windows-1252">', '">', '"', "'",
  '<time datetime="', '<link rel="canonical" href="', '<base href="', '{"@type":"NewsArticle","datePublished":"', '{"@graph":[', ']}', '}', '{',
  '"author":{"@id":"#a"}', '{"@id":"#a","@type":"Person","name":"A"}', '2026-03-07T16:05:00-04:00', '2026-02-31', '1772913900', 'javascript:x',
  '&amp;', '&', '&#0;', '&#xD800;', '&nbsp', '<', '>', '/', '=', '\u0000', '\uFFFD', '\uFEFF', 'ñ', '💥', 'خبر', '\n', '\r\n', ' ',
];
const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((parts) => parts.join(''));
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('webpage adapter under fuzzing', () => {
  it('never throws on arbitrary bytes, and yields only valid records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expectContract(await parseWebpageBytes(bytes, { file: FILE }), CONTRACT);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes behind a ZIP signature (a broken WACZ)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (tail) => {
        expectContract(await parseWebpageBytes(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), tail]), { file: FILE }), CONTRACT);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on a damaged WACZ (bytes flipped, or cut short), and never calls altered content intact', async () => {
    const wacz = buildWacz({
      page: { url: 'https://a.example/', ts: '2026-03-08T12:00:00.000Z', title: 'T', text: 'x' },
      exchanges: [],
      screenshot: null,
      renderedHtml: '<html><title>T</title><p>texto</p></html>',
      pageInfo: {},
      created: '2026-03-08T12:00:00.000Z',
      software: 'corroborate 0.1.0',
      softwareVersion: '0.1.0',
      browser: null,
      newId: () => '00000000-0000-4000-8000-000000000000',
      signer: generateEd25519Signer(),
    }).bytes;
    const original = (await parseWebpageBytes(wacz, { file: FILE })).find((r): r is RawItem => !isDiagnostic(r));
    expect(original?.extra['integrityVerified']).toBe(true);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(wacz.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), fc.option(fc.nat(wacz.length - 1)), async (flips, cut) => {
        const damaged = Buffer.from(wacz);
        for (const [at, mask] of flips) damaged[at] = (damaged[at] ?? 0) ^ mask;
        const bytes = cut === null ? damaged : damaged.subarray(0, cut);
        const records = await parseWebpageBytes(bytes, { file: FILE });
        expectContract(records, CONTRACT);
        // A flip in a ZIP header field that holds no content may leave the package intact; then what it says must be unchanged.
        for (const record of records) {
          if (isDiagnostic(record) || record.extra['integrityVerified'] !== true || record.extra['signatureValid'] !== true) continue;
          expect({ title: record.title, text: record.text, url: record.url, time: record.time }).toEqual({ title: original?.title, text: original?.text, url: original?.url, time: original?.time });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same output however HTML-like input is cut, also inside multibyte characters', async () => {
    await fc.assert(
      fc.asyncProperty(soup, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), async (text, sizes) => {
        const bytes = bytesOf(text);
        const whole = await parseWebpageBytes(bytes, { file: FILE });
        expectContract(whole, CONTRACT);
        expect(expectationLines(await parseWebpageBytes(bytes, { file: FILE, chunkSizes: sizes }))).toEqual(expectationLines(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('a fixture damaged at random still never throws', async () => {
    const fixture = fixtureBytes('noticia-jsonld.html');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(fixture.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), fc.nat(fixture.length), async (edits, cut) => {
        const bytes = Buffer.from(fixture.subarray(0, Math.max(1, cut)));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        expectContract(await parseWebpageBytes(bytes, { file: FILE }), CONTRACT);
      }),
      { numRuns: 150 },
    );
  });
});

describe('HTML extractor under fuzzing', () => {
  it('never throws, on any string, with or without a base URL', () => {
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 500 })), fc.constantFrom(null, 'https://a.example/x/', 'file:///tmp/a.html'), (html, baseUrl) => {
        const meta = extractPage(html, { baseUrl, timezone: 'America/Caracas' });
        expect(typeof meta.mainText).toBe('string');
        if (meta.url !== null) expect(meta.url).toMatch(/^https?:\/\//);
        if (meta.published !== null) expect(Number.isNaN(Date.parse(meta.published.iso))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
