import { createHash, createPublicKey, verify } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { cdxjIndex, parseCdxj, type CdxjEntry, type CdxjRecord } from './cdxj.js';
import type { Signer } from '../../model/index.js';
import {
  WarcWriter,
  httpRequestBlock,
  httpResponseBlock,
  readWarcMember,
  sha256Label,
  warcFields,
  type HeaderList,
  type ParsedWarcRecord,
  type WarcRecordInput,
} from './warc.js';
import {
  ZipFormatError,
  ZipTooLargeError,
  bufferAccess,
  entryDataOffset,
  readZipDirectory,
  readZipEntry,
  streamZipEntry,
  writeZip,
  type RandomAccess,
  type ZipEntry,
  type ZipFile,
} from '../zip.js';

/**
 * WACZ 1.1.1 (Webrecorder): a ZIP holding the WARC, a CDXJ index, the page list and a
 * `datapackage.json` with the SHA-256 of each file; `datapackage-digest.json` holds the hash of
 * that manifest and its signature (WACZ Signing and Verification 0.1.0, "anonymous signature").
 *
 * Deviation from wacz-auth 0.1.0: it names ECDSA P-256 keys; this installation signs with
 * Ed25519 (as the issue asks), and says so in `signedData.signatureAlgorithm`. The signed bytes
 * are the same as Webrecorder's: the UTF-8 text of `signedData.hash`. Tools that only know
 * ECDSA will report the signature as unverifiable, not as forged; `verifyWacz` checks both.
 */

export const WACZ_VERSION = '1.1.1';
export const WARC_NAME = 'data.warc.gz';
const WARC_PATH = `archive/${WARC_NAME}`;
const INDEX_PATH = 'indexes/index.cdx';
const PAGES_PATH = 'pages/pages.jsonl';
const DATAPACKAGE = 'datapackage.json';
const DIGEST = 'datapackage-digest.json';

/** One HTTP exchange the browser made (or a file it read), as it goes into the WARC. */
export interface CapturedExchange {
  readonly url: string;
  /** ISO 8601 UTC: when the response arrived. */
  readonly date: string;
  readonly method: string;
  readonly requestHeaders: HeaderList;
  readonly requestBody: Uint8Array | null;
  /** Null for a non-HTTP URL (file:), stored as a `resource` record. */
  readonly status: number | null;
  readonly statusText: string;
  readonly responseHeaders: HeaderList;
  readonly body: Uint8Array;
  readonly mime: string;
}

export interface WaczPage {
  readonly url: string;
  readonly ts: string;
  readonly title: string | null;
  readonly text: string | null;
}

export interface WaczInput {
  readonly page: WaczPage;
  readonly exchanges: readonly CapturedExchange[];
  /** Full-page PNG, stored as `urn:fullPage:<url>` as Browsertrix does. */
  readonly screenshot: Uint8Array | null;
  /** The DOM after scripts ran, stored as `urn:dom:<url>` (text/html). */
  readonly renderedHtml: string | null;
  /** What the capture saw and skipped, stored as `urn:pageinfo:<url>` (application/json). */
  readonly pageInfo: Readonly<Record<string, unknown>>;
  /** When the package is made (ISO 8601 UTC). */
  readonly created: string;
  /** `corroborate 0.1.0`. */
  readonly software: string;
  readonly softwareVersion: string;
  /** What else wrote the WARC (the browser), for warcinfo. */
  readonly browser: string | null;
  /** A fresh UUID for each record. */
  readonly newId: () => string;
  readonly signer: Signer;
}

export interface BuiltWacz {
  readonly bytes: Buffer;
  readonly datapackage: DataPackage;
  readonly digest: DataPackageDigest;
  readonly records: number;
}

export interface DataPackageResource {
  readonly name: string;
  readonly path: string;
  readonly hash: string;
  readonly bytes: number;
}

export interface DataPackage {
  readonly profile: string;
  readonly wacz_version: string;
  readonly title?: string;
  readonly created?: string;
  readonly software?: string;
  readonly mainPageUrl?: string;
  readonly mainPageDate?: string;
  readonly resources: readonly DataPackageResource[];
}

export interface SignedData {
  readonly hash: string;
  readonly created: string;
  readonly software: string;
  readonly version: string;
  readonly signature: string;
  readonly publicKey: string;
  readonly signatureAlgorithm: string;
}

export interface DataPackageDigest {
  readonly path: string;
  readonly hash: string;
  readonly signedData?: SignedData;
}

/** Build a signed WACZ in memory (captures are bounded, see capture.ts). */
export function buildWacz(input: WaczInput): BuiltWacz {
  const warc = new WarcWriter();
  const index: CdxjEntry[] = [];
  const recordId = (): string => `<urn:uuid:${input.newId()}>`;
  const infoId = recordId();
  warc.add({
    type: 'warcinfo',
    recordId: infoId,
    date: input.created,
    targetUri: null,
    contentType: 'application/warc-fields',
    block: warcFields([
      ['software', input.browser === null ? input.software : `${input.software} (${input.browser})`],
      ['format', 'WARC File Format 1.1'],
      ['conformsTo', 'http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/'],
    ]),
    payloadOffset: null,
    fields: [['WARC-Filename', WARC_NAME]],
  });
  let records = 1;
  const add = (record: WarcRecordInput, indexAs: { mime: string; status: number | null } | null): void => {
    const written = warc.add(record);
    records++;
    if (indexAs !== null && record.targetUri !== null) {
      index.push({
        url: record.targetUri,
        date: record.date,
        mime: indexAs.mime,
        status: indexAs.status,
        digest: written.payloadDigest,
        length: written.length,
        offset: written.offset,
        filename: WARC_NAME,
        recordDigest: written.recordDigest,
      });
    }
  };
  const warcinfo = [['WARC-Warcinfo-ID', infoId]] as const;

  for (const exchange of input.exchanges) {
    if (exchange.status === null) {
      add(
        { type: 'resource', recordId: recordId(), date: exchange.date, targetUri: exchange.url, contentType: exchange.mime, block: exchange.body, payloadOffset: 0, fields: warcinfo },
        { mime: exchange.mime, status: null },
      );
      continue;
    }
    const responseId = recordId();
    const response = httpResponseBlock(exchange.status, exchange.statusText, exchange.responseHeaders, exchange.body);
    add(
      {
        type: 'response',
        recordId: responseId,
        date: exchange.date,
        targetUri: exchange.url,
        contentType: 'application/http;msgtype=response',
        block: response.block,
        payloadOffset: response.payloadOffset,
        fields: warcinfo,
      },
      { mime: exchange.mime, status: exchange.status },
    );
    const request = httpRequestBlock(exchange.method, exchange.url, exchange.requestHeaders, exchange.requestBody);
    add(
      {
        type: 'request',
        recordId: recordId(),
        date: exchange.date,
        targetUri: exchange.url,
        contentType: 'application/http;msgtype=request',
        block: request.block,
        payloadOffset: exchange.requestBody === null || exchange.requestBody.length === 0 ? null : request.payloadOffset,
        fields: [...warcinfo, ['WARC-Concurrent-To', responseId]],
      },
      null,
    );
  }

  const resource = (kind: string, mime: string, block: Uint8Array): void => {
    add(
      { type: 'resource', recordId: recordId(), date: input.page.ts, targetUri: `urn:${kind}:${input.page.url}`, contentType: mime, block, payloadOffset: 0, fields: warcinfo },
      { mime, status: null },
    );
  };
  if (input.renderedHtml !== null) resource('dom', 'text/html; charset=utf-8', Buffer.from(input.renderedHtml, 'utf8'));
  if (input.screenshot !== null) resource('fullPage', 'image/png', input.screenshot);
  resource('pageinfo', 'application/json', Buffer.from(JSON.stringify(input.pageInfo), 'utf8'));

  const warcBytes = warc.finish();
  const indexBytes = Buffer.from(cdxjIndex(index), 'utf8');
  const pageLine: Record<string, string> = { id: createHash('sha256').update(`${input.page.url} ${input.page.ts}`).digest('hex').slice(0, 32), url: input.page.url, ts: input.page.ts };
  if (input.page.title !== null) pageLine['title'] = input.page.title;
  if (input.page.text !== null) pageLine['text'] = input.page.text;
  const pagesBytes = Buffer.from(`${JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' })}\n${JSON.stringify(pageLine)}\n`, 'utf8');

  const files = [
    { name: WARC_NAME, path: WARC_PATH, data: warcBytes },
    { name: 'index.cdx', path: INDEX_PATH, data: indexBytes },
    { name: 'pages.jsonl', path: PAGES_PATH, data: pagesBytes },
  ];
  const datapackage: DataPackage = {
    profile: 'data-package',
    wacz_version: WACZ_VERSION,
    ...(input.page.title === null ? {} : { title: input.page.title }),
    created: input.created,
    software: input.software,
    mainPageUrl: input.page.url,
    mainPageDate: input.page.ts,
    resources: files.map((file) => ({ name: file.name, path: file.path, hash: sha256Label(file.data), bytes: file.data.length })),
  };
  const datapackageBytes = Buffer.from(JSON.stringify(datapackage, null, 2), 'utf8');
  const hash = sha256Label(datapackageBytes);
  const digest: DataPackageDigest = {
    path: DATAPACKAGE,
    hash,
    signedData: {
      hash,
      created: input.created,
      software: input.software,
      version: input.softwareVersion,
      signature: input.signer.sign(Buffer.from(hash, 'utf8')).toString('base64'),
      publicKey: input.signer.publicKeySpki.toString('base64'),
      signatureAlgorithm: input.signer.algorithm,
    },
  };
  const bytes = writeStoredZip(
    [
      ...files.map((file) => ({ name: file.path, data: file.data })),
      { name: DATAPACKAGE, data: datapackageBytes },
      { name: DIGEST, data: Buffer.from(JSON.stringify(digest, null, 2), 'utf8') },
    ],
    new Date(input.created),
  );
  return { bytes, datapackage, digest, records };
}

/**
 * A ZIP of stored (uncompressed) entries: WACZ 1.1.1 §"Zip Compression" wants `archive/` and
 * gzipped indexes stored so that a reader can seek straight to a record. Past 4 GiB a ZIP needs
 * ZIP64 records, which a package does not get: it is refused instead.
 */
export function writeStoredZip(entries: readonly ZipFile[], modified: Date): Buffer {
  try {
    return writeZip(entries, { modified, utf8Flag: 'always', unixReadOnly: true });
  } catch (error) {
    if (error instanceof ZipTooLargeError) throw new Error('the package would pass 4 GiB, which needs ZIP64; capture less');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading and verifying

export type SignatureStatus =
  /** Signed, and the signature of the manifest's hash checks out with the key it names. */
  | 'valid'
  /** Signed, but the signature does not match the hash and key. */
  | 'invalid'
  /** No `signedData`: the package is not signed. */
  | 'absent'
  /** Signed in a way this reader cannot check (a domain certificate, an unknown key type). */
  | 'unsupported';

export interface WaczVerification {
  /** Every listed file hashes as listed, the manifest hashes as its digest says, and the signature is valid. */
  readonly ok: boolean;
  /** Every problem found, integrity and signature alike, in words. */
  readonly problems: readonly string[];
  /** The problems with the files and the manifest's hash alone (an unsigned package can be intact). */
  readonly integrityProblems: readonly string[];
  readonly signature: SignatureStatus;
  /** Base64 DER SPKI of the signing key, when named. */
  readonly publicKey: string | null;
  readonly signatureAlgorithm: string | null;
}

const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** A WACZ opened for reading: its entries and manifest, records read on demand. */
export class WaczArchive {
  private constructor(
    readonly access: RandomAccess,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    /** The manifest's bytes as stored, or null when absent. */
    readonly datapackageBytes: Buffer | null,
  ) {}

  static async open(access: RandomAccess): Promise<WaczArchive> {
    const entries = new Map<string, ZipEntry>();
    for (const entry of await readZipDirectory(access, { legacyNames: 'latin1' })) if (!entries.has(entry.name)) entries.set(entry.name, entry);
    const manifest = entries.get(DATAPACKAGE);
    const bytes = manifest === undefined ? null : await readZipEntry(access, manifest, MAX_JSON_BYTES);
    return new WaczArchive(access, entries, bytes);
  }

  /** The manifest, or null when it is absent or not a JSON object. */
  datapackage(): DataPackage | null {
    if (this.datapackageBytes === null) return null;
    const parsed = parseJson(this.datapackageBytes.toString('utf8'));
    return isRecord(parsed) ? (parsed as unknown as DataPackage) : null;
  }

  async readText(path: string, maxBytes = MAX_JSON_BYTES): Promise<string | null> {
    const entry = this.entries.get(path);
    if (entry === undefined) return null;
    const bytes = await readZipEntry(this.access, entry, maxBytes);
    return (path.endsWith('.gz') ? gunzipSync(bytes, { maxOutputLength: maxBytes }) : bytes).toString('utf8');
  }

  /** Pages from `pages/pages.jsonl` (the header line and unreadable lines skipped). */
  async pages(): Promise<WaczPage[]> {
    const text = await this.readText(PAGES_PATH);
    if (text === null) return [];
    const pages: WaczPage[] = [];
    for (const line of text.split('\n')) {
      const value = parseJson(line);
      if (!isRecord(value) || typeof value['url'] !== 'string') continue;
      pages.push({
        url: value['url'],
        ts: typeof value['ts'] === 'string' ? value['ts'] : '',
        title: typeof value['title'] === 'string' ? value['title'] : null,
        text: typeof value['text'] === 'string' ? value['text'] : null,
      });
    }
    return pages;
  }

  /** Every CDXJ line of every index under `indexes/` (plain or gzipped). */
  async index(): Promise<CdxjRecord[]> {
    const records: CdxjRecord[] = [];
    for (const name of this.entries.keys()) {
      if (!/^indexes\/[^/]+\.(cdx|cdxj)(\.gz)?$/.test(name)) continue;
      const text = await this.readText(name, 256 * 1024 * 1024);
      if (text !== null) records.push(...parseCdxj(text));
    }
    return records;
  }

  /** One WARC record, by the file, offset and length an index line gives. */
  async readRecord(filename: string, offset: number, length: number, maxBytes: number): Promise<ParsedWarcRecord & { archiveOffset: number }> {
    const entry = this.entries.get(`archive/${filename}`) ?? this.entries.get(filename);
    if (entry === undefined) throw new ZipFormatError(`the index names archive/${filename}, which the package does not hold`);
    if (entry.method !== 0) throw new ZipFormatError(`archive/${filename} is compressed inside the ZIP; WACZ stores it as is`);
    if (offset < 0 || length <= 0 || offset + length > entry.compressedSize) throw new ZipFormatError(`the index points past the end of archive/${filename}`);
    const start = await entryDataOffset(this.access, entry);
    const member = await this.access.read(start + offset, length);
    return { ...readWarcMember(member, maxBytes), archiveOffset: start + offset };
  }

  async close(): Promise<void> {
    await this.access.close();
  }
}

/** Check a WACZ in memory. */
export async function verifyWacz(bytes: Uint8Array): Promise<WaczVerification> {
  try {
    return await verifyWaczArchive(await WaczArchive.open(bufferAccess(bytes)));
  } catch (error) {
    if (error instanceof ZipFormatError) {
      const problems = [`not a readable WACZ: ${error.message}`];
      return { ok: false, problems, integrityProblems: problems, signature: 'absent', publicKey: null, signatureAlgorithm: null };
    }
    throw error;
  }
}

/**
 * Re-hash every file the manifest lists, hash the manifest against `datapackage-digest.json`,
 * and check the signature (Ed25519, or ECDSA P-256 as ArchiveWeb.page signs).
 */
export async function verifyWaczArchive(archive: WaczArchive): Promise<WaczVerification> {
  const problems: string[] = [];
  const integrityProblems: string[] = [];
  const datapackage = archive.datapackage();
  if (archive.datapackageBytes === null) problems.push('datapackage.json is missing');
  else if (datapackage === null) problems.push('datapackage.json is not a JSON object');
  const listed = new Set<string>([DATAPACKAGE, DIGEST]);
  if (datapackage !== null) {
    if (datapackage.profile !== 'data-package') problems.push(`datapackage.json: profile is ${JSON.stringify(datapackage.profile)}, not "data-package"`);
    const resources: unknown = datapackage.resources;
    if (!Array.isArray(resources)) problems.push('datapackage.json lists no resources');
    else {
      for (const resource of resources as unknown[]) {
        if (!isRecord(resource) || typeof resource['path'] !== 'string' || typeof resource['hash'] !== 'string') {
          problems.push('datapackage.json: a resource without path or hash');
          continue;
        }
        const path = resource['path'];
        listed.add(path);
        const entry = archive.entries.get(path);
        if (entry === undefined) {
          problems.push(`${path} is listed in datapackage.json but missing from the package`);
          continue;
        }
        const actual = await hashEntry(archive, entry);
        if (actual.hash !== normaliseHash(resource['hash'])) problems.push(`${path}: its bytes hash to ${actual.hash}, datapackage.json says ${resource['hash']}`);
        if (typeof resource['bytes'] === 'number' && resource['bytes'] !== actual.bytes) problems.push(`${path}: ${actual.bytes} bytes, datapackage.json says ${resource['bytes']}`);
      }
    }
  }
  for (const name of archive.entries.keys()) {
    if (!listed.has(name) && !name.endsWith('/')) problems.push(`${name} is in the package but not listed in datapackage.json`);
  }

  let signature: SignatureStatus = 'absent';
  let publicKey: string | null = null;
  let signatureAlgorithm: string | null = null;
  const digestText = await archive.readText(DIGEST);
  const digest = digestText === null ? null : parseJson(digestText);
  if (digestText === null) problems.push('datapackage-digest.json is missing: the manifest is neither hashed nor signed');
  else if (!isRecord(digest)) problems.push('datapackage-digest.json is not a JSON object');
  else {
    const manifestHash = archive.datapackageBytes === null ? null : sha256Label(archive.datapackageBytes);
    if (typeof digest['hash'] !== 'string') problems.push('datapackage-digest.json has no hash');
    else if (manifestHash !== null && normaliseHash(digest['hash']) !== manifestHash) {
      problems.push(`datapackage.json hashes to ${manifestHash}, datapackage-digest.json says ${digest['hash']}`);
    }
    const signed = digest['signedData'];
    integrityProblems.push(...problems);
    if (signed === undefined) problems.push('the package is not signed (datapackage-digest.json has no signedData)');
    else if (!isRecord(signed)) {
      signature = 'invalid';
      problems.push('signedData is not a JSON object');
    } else {
      publicKey = typeof signed['publicKey'] === 'string' ? signed['publicKey'] : null;
      signatureAlgorithm = typeof signed['signatureAlgorithm'] === 'string' ? signed['signatureAlgorithm'] : null;
      if (typeof signed['hash'] === 'string' && typeof digest['hash'] === 'string' && normaliseHash(signed['hash']) !== normaliseHash(digest['hash'])) {
        problems.push('signedData signs another hash than the one in datapackage-digest.json');
        signature = 'invalid';
      } else {
        const checked = checkSignature(signed);
        signature = checked.status;
        signatureAlgorithm ??= checked.algorithm;
        if (checked.status === 'invalid') problems.push('the signature does not match the manifest hash and public key');
        if (checked.status === 'unsupported') problems.push(`the signature cannot be checked here: ${checked.reason}`);
      }
    }
  }
  if (digest === null || !isRecord(digest)) integrityProblems.push(...problems);
  return { ok: problems.length === 0, problems, integrityProblems, signature, publicKey, signatureAlgorithm };
}

async function hashEntry(archive: WaczArchive, entry: ZipEntry): Promise<{ hash: string; bytes: number }> {
  const digest = createHash('sha256');
  let bytes = 0;
  for await (const chunk of streamZipEntry(archive.access, entry)) {
    digest.update(chunk);
    bytes += chunk.length;
  }
  return { hash: `sha256:${digest.digest('hex')}`, bytes };
}

function checkSignature(signed: Record<string, unknown>): { status: SignatureStatus; algorithm: string | null; reason: string } {
  const { hash, signature, publicKey } = signed;
  if (typeof publicKey !== 'string') {
    return { status: 'unsupported', algorithm: null, reason: 'it names no publicKey (a domain-certificate signature needs its certificate chain checked)' };
  }
  if (typeof hash !== 'string' || typeof signature !== 'string') return { status: 'invalid', algorithm: null, reason: 'hash or signature missing' };
  let key;
  try {
    key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { status: 'invalid', algorithm: null, reason: 'the public key is not a DER SubjectPublicKeyInfo' };
  }
  const data = Buffer.from(hash, 'utf8');
  const sig = Buffer.from(signature, 'base64');
  try {
    if (key.asymmetricKeyType === 'ed25519') return { status: verify(null, data, key, sig) ? 'valid' : 'invalid', algorithm: 'Ed25519', reason: '' };
    if (key.asymmetricKeyType === 'ec') {
      // WebCrypto (ArchiveWeb.page) writes r‖s (IEEE P1363); other signers write DER.
      const ok = verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig) || verify('sha256', data, { key, dsaEncoding: 'der' }, sig);
      return { status: ok ? 'valid' : 'invalid', algorithm: 'ECDSA-SHA256', reason: '' };
    }
  } catch {
    return { status: 'invalid', algorithm: null, reason: 'the signature is malformed' };
  }
  return { status: 'unsupported', algorithm: null, reason: `the key type ${key.asymmetricKeyType ?? 'unknown'} is not one this reader checks` };
}

/** `sha256:ABC…` and `sha-256:abc…` name the same digest. */
function normaliseHash(value: string): string {
  const colon = value.indexOf(':');
  if (colon === -1) return value.toLowerCase();
  return `${value.slice(0, colon).toLowerCase().replace('sha-256', 'sha256')}:${value.slice(colon + 1).toLowerCase()}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
