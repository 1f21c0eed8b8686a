import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { crc32, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  WaczArchive,
  buildWacz,
  cdxjIndex,
  parseCdxj,
  parseHttpResponse,
  parseWarcRecord,
  readWarcMember,
  searchableUrl,
  serializeWarcRecord,
  verifyWacz,
  writeStoredZip,
  WarcWriter,
  type CapturedExchange,
  type WaczInput,
} from '../../../src/ingest/webpage/index.js';
import { generateEd25519Signer, type Signer } from '../../../src/model/index.js';
import { bufferAccess, readZipDirectory, readZipEntry } from '../../../src/ingest/index.js';

/** The value, or a failed test saying what was missing. */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

const PAGE = 'https://diario.example/nota/1?x=2';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function exchange(url: string, body: string | Buffer, mime: string, status = 200): CapturedExchange {
  return {
    url,
    date: '2026-03-08T12:00:01.000Z',
    method: 'GET',
    requestHeaders: [['User-Agent', 'test']],
    requestBody: null,
    status,
    statusText: 'OK',
    responseHeaders: [['Content-Type', mime]],
    body: typeof body === 'string' ? Buffer.from(body) : body,
    mime,
  };
}

function waczInput(signer: Signer, overrides: Partial<WaczInput> = {}): WaczInput {
  let n = 0;
  return {
    page: { url: PAGE, ts: '2026-03-08T12:00:00.000Z', title: 'Explosión', text: 'texto' },
    exchanges: [exchange(PAGE, '<html><title>Explosión</title><img src="/foto.png"></html>', 'text/html'), exchange('https://diario.example/foto.png', PNG, 'image/png')],
    screenshot: PNG,
    renderedHtml: '<html><title>Explosión</title><p>JS</p></html>',
    pageInfo: { skipped: [] },
    created: '2026-03-08T12:00:05.000Z',
    software: 'corroborate 0.1.0',
    softwareVersion: '0.1.0',
    browser: 'Chromium 156',
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    signer,
    ...overrides,
  };
}

async function entryText(bytes: Uint8Array, name: string): Promise<string> {
  const access = bufferAccess(bytes);
  const entry = (await readZipDirectory(access)).find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no ${name}`);
  return (await readZipEntry(access, entry, 1 << 24)).toString('utf8');
}

describe('ZIP', () => {
  it('writes stored entries that read back with their CRC-32, names in UTF-8', async () => {
    const zip = writeStoredZip([{ name: 'a.txt', data: Buffer.from('hola') }, { name: 'carpeta/ñ.json', data: Buffer.from('{}') }], new Date('2026-03-08T12:00:00Z'));
    const entries = await readZipDirectory(bufferAccess(zip));
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([['a.txt', 0, 4], ['carpeta/ñ.json', 0, 2]]);
    expect(entries[0]?.crc).toBe(crc32(Buffer.from('hola')));
    expect((await readZipEntry(bufferAccess(zip), present(entries[1], 'entry 2'), 100)).toString()).toBe('{}');
  });

  it('is the same bytes for the same input', () => {
    const make = (): Buffer => writeStoredZip([{ name: 'x', data: Buffer.from('1') }], new Date('2026-03-08T12:00:00Z'));
    expect(make().equals(make())).toBe(true);
  });

  it('refuses duplicate names, and reports a file that is not a ZIP or is cut short', async () => {
    expect(() => writeStoredZip([{ name: 'x', data: Buffer.alloc(0) }, { name: 'x', data: Buffer.alloc(0) }], new Date(0))).toThrow(/duplicate/);
    await expect(readZipDirectory(bufferAccess(Buffer.from('no soy un zip, solo texto corriente')))).rejects.toThrow(/not a ZIP/);
    const zip = writeStoredZip([{ name: 'x', data: Buffer.alloc(100, 1) }], new Date(0));
    await expect(readZipDirectory(bufferAccess(zip.subarray(0, zip.length - 5)))).rejects.toThrow();
  });
});

describe('WARC', () => {
  it('writes WARC/1.1 records with the named fields, digests and length ISO 28500 asks for', () => {
    const body = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhola');
    const raw = serializeWarcRecord({
      type: 'response',
      recordId: '<urn:uuid:00000000-0000-4000-8000-000000000001>',
      date: '2026-03-08T12:00:00Z',
      targetUri: 'https://a.example/',
      contentType: 'application/http;msgtype=response',
      block: body,
      payloadOffset: body.indexOf('hola'),
      fields: [['WARC-Warcinfo-ID', '<urn:uuid:x>']],
    });
    const text = raw.toString('utf8');
    expect(text.startsWith('WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n')).toBe(true);
    expect(text).toContain(`WARC-Payload-Digest: sha256:${createHash('sha256').update('hola').digest('hex')}\r\n`);
    expect(text).toContain(`WARC-Block-Digest: sha256:${createHash('sha256').update(body).digest('hex')}\r\n`);
    expect(text).toContain(`Content-Length: ${body.length}\r\n\r\n`);
    expect(text.endsWith('hola\r\n\r\n')).toBe(true);
    const parsed = parseWarcRecord(raw);
    expect(parsed.fields.get('warc-target-uri')).toBe('https://a.example/');
    expect(parseHttpResponse(parsed.block)).toMatchObject({ status: 200, headers: [['content-type', 'text/plain']] });
  });

  it('never lets a line break in a value forge a field', () => {
    const raw = serializeWarcRecord({ type: 'resource', recordId: '<urn:uuid:1>', date: 'x', targetUri: 'urn:a\r\nWARC-Type: forged', contentType: 'text/plain', block: Buffer.alloc(0), payloadOffset: 0 });
    expect(raw.toString().split('\r\n').filter((line) => line.startsWith('WARC-Type:'))).toEqual(['WARC-Type: resource']);
  });

  it('gzips each record as its own member, at the offsets it reports', () => {
    const writer = new WarcWriter();
    const first = writer.add({ type: 'resource', recordId: '<urn:uuid:1>', date: 'd', targetUri: 'urn:1', contentType: 'text/plain', block: Buffer.from('uno'), payloadOffset: 0 });
    const second = writer.add({ type: 'resource', recordId: '<urn:uuid:2>', date: 'd', targetUri: 'urn:2', contentType: 'text/plain', block: Buffer.from('dos'), payloadOffset: 0 });
    const file = writer.finish();
    expect(second.offset).toBe(first.length);
    expect(readWarcMember(file.subarray(second.offset, second.offset + second.length), 1 << 20).block.toString()).toBe('dos');
    // The whole file is also one valid gzip stream of concatenated members.
    expect(gunzipSync(file).toString()).toMatch(/^WARC\/1\.1[\s\S]*uno[\s\S]*WARC\/1\.1[\s\S]*dos\r\n\r\n$/);
  });
});

describe('CDXJ', () => {
  it('makes searchable URLs as the CDXJ spec describes', () => {
    expect(searchableUrl('https://www.Example.org/Index.html?B=1')).toBe('org,example,www)/index.html?b=1');
    expect(searchableUrl('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080)/a');
    expect(searchableUrl('urn:fullPage:https://a.example/')).toBe('urn:fullpage:https://a.example/');
  });

  it('sorts lines by byte value and reads them back', () => {
    const entry = { date: '2026-03-08T12:00:00.123Z', mime: 'text/html', status: 200, digest: 'sha256:00', length: 10, offset: 0, filename: 'data.warc.gz', recordDigest: 'sha256:11' };
    const text = cdxjIndex([{ ...entry, url: 'https://b.example/' }, { ...entry, url: 'https://a.example/' }]);
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^example,a\)\/ 20260308120000123 \{"url":"https:\/\/a\.example\/"/);
    expect(parseCdxj(text).map((r) => r.url)).toEqual(['https://a.example/', 'https://b.example/']);
  });
});

describe('WACZ', () => {
  it('builds a WACZ 1.1.1 package that verifies, with every file listed and hashed', async () => {
    const signer = generateEd25519Signer();
    const built = buildWacz(waczInput(signer));
    const verification = await verifyWacz(built.bytes);
    expect(verification).toMatchObject({ ok: true, problems: [], signature: 'valid', signatureAlgorithm: 'Ed25519', publicKey: signer.publicKeySpki.toString('base64') });
    const names = (await readZipDirectory(bufferAccess(built.bytes))).map((e) => e.name);
    expect(names).toEqual(['archive/data.warc.gz', 'indexes/index.cdx', 'pages/pages.jsonl', 'datapackage.json', 'datapackage-digest.json']);
    const datapackage = JSON.parse(await entryText(built.bytes, 'datapackage.json')) as Record<string, unknown>;
    expect(datapackage).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1', mainPageUrl: PAGE, mainPageDate: '2026-03-08T12:00:00.000Z', title: 'Explosión', software: 'corroborate 0.1.0' });
    for (const resource of datapackage['resources'] as { path: string; hash: string; bytes: number }[]) {
      const access = bufferAccess(built.bytes);
      const entry = (await readZipDirectory(access)).find((e) => e.name === resource.path);
      const data = await readZipEntry(access, present(entry, resource.path), 1 << 24);
      expect(resource.hash).toBe(`sha256:${createHash('sha256').update(data).digest('hex')}`);
      expect(resource.bytes).toBe(data.length);
    }
    const digest = JSON.parse(await entryText(built.bytes, 'datapackage-digest.json')) as { path: string; hash: string; signedData: Record<string, string> };
    expect(digest.path).toBe('datapackage.json');
    expect(digest.signedData['hash']).toBe(digest.hash);
    expect(Object.keys(digest.signedData).sort()).toEqual(['created', 'hash', 'publicKey', 'signature', 'signatureAlgorithm', 'software', 'version']);
  });

  it('lists the page in pages.jsonl after the json-pages-1.0 header, and indexes every response and resource', async () => {
    const built = buildWacz(waczInput(generateEd25519Signer()));
    const [header, page] = (await entryText(built.bytes, 'pages/pages.jsonl')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toEqual({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' });
    expect(page).toMatchObject({ url: PAGE, ts: '2026-03-08T12:00:00.000Z', title: 'Explosión' });
    const index = parseCdxj(await entryText(built.bytes, 'indexes/index.cdx'));
    expect(index.map((r) => r.url).sort()).toEqual(['https://diario.example/foto.png', PAGE, `urn:dom:${PAGE}`, `urn:fullPage:${PAGE}`, `urn:pageinfo:${PAGE}`].sort());
    const archive = await WaczArchive.open(bufferAccess(built.bytes));
    const image = present(index.find((r) => r.url.endsWith('foto.png')), 'the image');
    const record = await archive.readRecord(image.filename, image.offset, image.length, 1 << 20);
    expect(record.fields.get('warc-type')).toBe('response');
    expect(parseHttpResponse(record.block).body.equals(PNG)).toBe(true);
    const shot = present(index.find((r) => r.url.startsWith('urn:fullPage:')), 'the screenshot');
    expect((await archive.readRecord(shot.filename, shot.offset, shot.length, 1 << 20)).block.equals(PNG)).toBe(true);
  });

  it('is the same bytes for the same input and key (deterministic ids and dates)', () => {
    const signer = generateEd25519Signer();
    expect(buildWacz(waczInput(signer)).bytes.equals(buildWacz(waczInput(signer)).bytes)).toBe(true);
  });

  it('detects a flipped byte in any file', async () => {
    const built = buildWacz(waczInput(generateEd25519Signer()));
    const access = bufferAccess(built.bytes);
    for (const name of ['archive/data.warc.gz', 'indexes/index.cdx', 'pages/pages.jsonl', 'datapackage.json']) {
      const entry = present((await readZipDirectory(access)).find((e) => e.name === name), name);
      const local = built.bytes.readUInt16LE(entry.localHeaderOffset + 26);
      const at = entry.localHeaderOffset + 30 + local + Math.floor(entry.size / 2);
      const altered = Buffer.from(built.bytes);
      altered[at] = (altered[at] ?? 0) ^ 0x01;
      const verification = await verifyWacz(altered);
      expect(verification.ok, name).toBe(false);
      expect(verification.integrityProblems.join(' '), name).toMatch(name === 'datapackage.json' ? /datapackage\.json hashes to/ : new RegExp(`${name.replace('.', '\\.')}: its bytes hash to`));
    }
  });

  it('detects a signature made by another key, and a manifest re-signed without the digest updated', async () => {
    const built = buildWacz(waczInput(generateEd25519Signer()));
    const other = generateEd25519Signer();
    const digest = JSON.parse(await entryText(built.bytes, 'datapackage-digest.json')) as { path: string; hash: string; signedData: Record<string, string> };
    const swapped = { ...digest, signedData: { ...digest.signedData, publicKey: other.publicKeySpki.toString('base64') } };
    const rezip = async (replacement: unknown): Promise<Buffer> => {
      const access = bufferAccess(built.bytes);
      const entries = await readZipDirectory(access);
      return writeStoredZip(
        await Promise.all(
          entries.map(async (e) => ({ name: e.name, data: e.name === 'datapackage-digest.json' ? Buffer.from(JSON.stringify(replacement)) : await readZipEntry(access, e, 1 << 24) })),
        ),
        new Date(0),
      );
    };
    const wrongKey = await verifyWacz(await rezip(swapped));
    expect(wrongKey).toMatchObject({ ok: false, signature: 'invalid', integrityProblems: [] });
    const unsigned = await verifyWacz(await rezip({ path: digest.path, hash: digest.hash }));
    expect(unsigned).toMatchObject({ ok: false, signature: 'absent', integrityProblems: [] });
    expect(unsigned.problems.join(' ')).toMatch(/not signed/);
  });

  it('checks an ECDSA P-256 signature as ArchiveWeb.page writes it (raw r‖s over the hash text)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecdsa: Signer = {
      publicKeySpki: publicKey.export({ type: 'spki', format: 'der' }),
      algorithm: 'ECDSA-SHA256',
      sign: (data) => sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    };
    expect(await verifyWacz(buildWacz(waczInput(ecdsa)).bytes)).toMatchObject({ ok: true, signature: 'valid' });
  });

  it('reports garbage as not a readable WACZ', async () => {
    expect(await verifyWacz(Buffer.from('PK\x03\x04 y nada más'))).toMatchObject({ ok: false, signature: 'absent' });
  });
});
