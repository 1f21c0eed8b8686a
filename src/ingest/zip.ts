import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { crc32, createInflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';

/**
 * ZIP archives (APPNOTE.TXT 6.3.10), read and written, for every format that comes zipped: a
 * WhatsApp export, a WACZ web archive. Reading works over random access (a file on disk, or
 * bytes in memory), so a large archive is never read whole: the end record, the central directory
 * (ZIP64 included), then only the entries asked for. An archive whose directory is lost (a
 * download cut short) can be read from its local headers instead, data descriptors included.
 * Writing makes stored or deflated entries with every field as the imitated program fills it, so
 * that the same input gives the same bytes.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DATA_DESCRIPTOR = 0x08074b50;

const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
/** General-purpose flag bit 11: the name is UTF-8. */
const FLAG_UTF8 = 0x800;
const MAX_32 = 0xffffffff;

/** Largest central directory read into memory; a WhatsApp export has a few thousand entries. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const READ_CHUNK = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// Random access

/** Bytes that can be read at any offset: a buffer, or a file on disk. */
export interface RandomAccess {
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer at the end of the data. */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferAccess(bytes: Uint8Array): RandomAccess {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buffer.length,
    read: (offset, length) => Promise.resolve(buffer.subarray(offset, Math.min(buffer.length, offset + length))),
    close: () => Promise.resolve(),
  };
}

export async function fileAccess(path: string): Promise<RandomAccess> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        const wanted = Math.max(0, Math.min(length, size - offset));
        const buffer = Buffer.alloc(wanted);
        let done = 0;
        while (done < wanted) {
          const { bytesRead } = await handle.read(buffer, done, wanted - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A byte range of the archive, in chunks. */
export async function* readRange(access: RandomAccess, start: number, length: number, chunkSize = 1 << 20): AsyncGenerator<Buffer> {
  for (let done = 0; done < length; ) {
    const chunk = await access.read(start + done, Math.min(chunkSize, length - done));
    if (chunk.length === 0) throw new ZipFormatError('the file ends in the middle of an entry');
    done += chunk.length;
    yield chunk;
  }
}

// ---------------------------------------------------------------------------------------------
// Errors

/** Why a file cannot be read as a ZIP, in words for the user. */
export class ZipFormatError extends Error {
  /**
   * @param summary the same as a phrase, for a reader that reports it before saying what it
   *   recovered from the local headers instead.
   */
  constructor(
    message: string,
    readonly summary = message,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** One entry cannot be read (damaged, encrypted, an unknown method); the others still can. */
export class ZipEntryError extends ZipFormatError {
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipEntryError';
  }
}

// ---------------------------------------------------------------------------------------------
// The central directory

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where the entry's local header starts. */
  readonly localHeaderOffset: number;
  /** Where its data starts, once known (the local-header scan knows it; the directory does not). */
  readonly dataOffset: number | null;
}

/**
 * How names without the UTF-8 flag are read: as code page 437, the encoding APPNOTE gives them,
 * unless they are valid UTF-8 (phones write UTF-8 without the flag); or byte for byte as Latin-1,
 * as the WACZ reader always has.
 */
export type LegacyNames = 'cp437' | 'latin1';

export interface ZipDirectoryOptions {
  readonly legacyNames?: LegacyNames;
}

/** The entries the central directory lists. Throws ZipFormatError for anything that is not a readable ZIP. */
export async function readZipDirectory(access: RandomAccess, options: ZipDirectoryOptions = {}): Promise<ZipEntry[]> {
  return readDirectory(access, options.legacyNames ?? 'cp437', false);
}

/**
 * @param recovering the caller reads the local headers when the directory fails: a directory
 *   that runs into its own end record is damage then; otherwise whatever lies within the file is read.
 */
async function readDirectory(access: RandomAccess, legacyNames: LegacyNames, recovering: boolean): Promise<ZipEntry[]> {
  const noDirectory = 'the zip has no central directory';
  if (access.size < 22) throw new ZipFormatError('too short to be a ZIP file', noDirectory);
  // The end record is 22 bytes plus a comment of at most 65,535; the ZIP64 locator sits before it.
  const tailLength = Math.min(access.size, 22 + 0xffff + 20);
  const tailStart = access.size - tailLength;
  const tail = await access.read(tailStart, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      end = i;
      break;
    }
  }
  if (end === -1) throw new ZipFormatError('no end-of-central-directory record: not a ZIP file, or cut short', noDirectory);
  let count = tail.readUInt16LE(end + 10);
  let directorySize = tail.readUInt32LE(end + 12);
  let directoryOffset = tail.readUInt32LE(end + 16);
  let directoryEnd = tailStart + end;
  if (count === 0xffff || directorySize === MAX_32 || directoryOffset === MAX_32) {
    const locator = directoryEnd < 20 ? null : await access.read(directoryEnd - 20, 20);
    if (locator === null || locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) {
      throw new ZipFormatError('a ZIP64 archive without its ZIP64 locator', 'the zip64 end record is missing');
    }
    const recordOffset = u64(locator, 8);
    const record = await access.read(recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END) {
      throw new ZipFormatError('the ZIP64 end-of-central-directory record is damaged', 'the zip64 end record is damaged');
    }
    count = u64(record, 32);
    directorySize = u64(record, 40);
    directoryOffset = u64(record, 48);
    directoryEnd = recordOffset;
  }
  const pastEnd = new ZipFormatError('the central directory lies past the end of the file: the file is cut short', 'the central directory points past its own end');
  if (recovering && directoryOffset + directorySize > directoryEnd) throw pastEnd;
  if (directorySize > MAX_DIRECTORY_BYTES) {
    throw new ZipFormatError(`the central directory is ${directorySize} bytes, more than this reader accepts`, 'the central directory is implausibly large');
  }
  if (directoryOffset + directorySize > access.size) throw pastEnd;
  const directory = await access.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    const damaged = `central directory entry ${n + 1} of ${count} is damaged`;
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError(`central directory entry ${n + 1} is damaged`, damaged);
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) throw new ZipFormatError(`central directory entry ${n + 1} runs past the directory`, damaged);
    const sizes = zip64Sizes(
      directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      directory.readUInt32LE(at + 24),
      directory.readUInt32LE(at + 20),
      directory.readUInt32LE(at + 42),
    );
    entries.push({
      name: entryName(directory.subarray(at + 46, at + 46 + nameLength), flags, legacyNames),
      method: directory.readUInt16LE(at + 10),
      flags,
      crc: directory.readUInt32LE(at + 16),
      compressedSize: sizes.compressed,
      size: sizes.size,
      localHeaderOffset: sizes.offset,
      dataOffset: null,
    });
    at = next;
  }
  return entries;
}

/** A 64-bit little-endian size or offset, as a safe integer (larger values are damage). */
function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Sizes and offset, replaced where they are 0xFFFFFFFF by the ZIP64 extra field (0x0001), which holds, in order, only those. */
function zip64Sizes(extra: Buffer, size: number, compressed: number, offset: number): { size: number; compressed: number; offset: number } {
  const out = { size, compressed, offset };
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const take = (): number | null => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) return null;
        const value = u64(extra, field);
        field += 8;
        return value;
      };
      if (size === MAX_32) out.size = take() ?? size;
      if (compressed === MAX_32) out.compressed = take() ?? compressed;
      if (offset === MAX_32) out.offset = take() ?? offset;
      break;
    }
    at += 4 + length;
  }
  return out;
}

// IBM code page 437, bytes 0x80–0xFF.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function entryName(bytes: Buffer, flags: number, legacyNames: LegacyNames): string {
  if ((flags & FLAG_UTF8) !== 0) return bytes.toString('utf8');
  if (legacyNames === 'latin1') return bytes.toString('latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let name = '';
  for (const byte of bytes) name += byte < 0x80 ? String.fromCharCode(byte) : (CP437_HIGH[byte - 0x80] ?? '?');
  return name;
}

// ---------------------------------------------------------------------------------------------
// Entries as they are: a WACZ reader checks them against its own manifest hashes

/** Where an entry's (possibly compressed) bytes start in the archive. */
export async function entryDataOffset(access: RandomAccess, entry: ZipEntry): Promise<number> {
  const start = entry.dataOffset ?? (await localDataOffset(access, entry.localHeaderOffset));
  if (start === null) throw new ZipFormatError(`the local header of ${entry.name} is damaged`);
  if (start + entry.compressedSize > access.size) throw new ZipFormatError(`${entry.name} runs past the end of the file: the file is cut short`);
  return start;
}

/** Where the data after the local header at `offset` starts, or null when there is no local header there. */
async function localDataOffset(access: RandomAccess, offset: number): Promise<number | null> {
  const header = await access.read(offset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) return null;
  return offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** A whole entry, inflated; refuses entries larger than `maxBytes`. */
export async function readZipEntry(access: RandomAccess, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.size > maxBytes) throw new ZipFormatError(`${entry.name} is ${entry.size} bytes, more than the ${maxBytes} this reader takes`);
  const start = await entryDataOffset(access, entry);
  const raw = await access.read(start, entry.compressedSize);
  if (entry.method === STORED) return raw;
  if (entry.method === DEFLATED) {
    try {
      return inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes) });
    } catch (error) {
      throw new ZipFormatError(`${entry.name} does not inflate: ${(error as Error).message}`);
    }
  }
  throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}, which this reader does not know`);
}

/** An entry's uncompressed bytes, in chunks: for hashing a large WARC without holding it. */
export async function* streamZipEntry(access: RandomAccess, entry: ZipEntry): AsyncGenerator<Buffer> {
  const start = await entryDataOffset(access, entry);
  if (entry.method === STORED) {
    yield* readRange(access, start, entry.compressedSize);
    return;
  }
  if (entry.method !== DEFLATED) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}, which this reader does not know`);
  try {
    for await (const chunk of inflated(readRange(access, start, entry.compressedSize))) yield chunk;
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    throw new ZipFormatError(`${entry.name} does not inflate: ${(error as Error).message}`);
  }
}

/** Raw deflate data, inflated as it streams. */
function inflated(raw: AsyncIterable<Buffer>): AsyncIterable<Buffer> & { destroy(): void } {
  // pipeline, not pipe: a read error must reach the consumer instead of leaving it waiting.
  return pipeline(Readable.from(raw), createInflateRaw(), () => undefined);
}

// ---------------------------------------------------------------------------------------------
// Archives read as evidence: damage is reported, and every entry is checked as it is read

/**
 * An archive opened so that damage costs what it damages: when the central directory is lost
 * or broken the entries are read from the local headers, as far as they are complete, and
 * `damage` says so; each entry is checked against its size and CRC-32 as it streams, so a
 * damaged entry is an error for that entry alone and a zip bomb stops at its declared size.
 */
export class ZipArchive {
  private constructor(
    private readonly access: RandomAccess,
    readonly entries: readonly ZipEntry[],
    /** Why the central directory could not be used and what the local scan recovered; null when whole. */
    readonly damage: string | null,
  ) {}

  /** Byte length of the zip file. */
  get size(): number {
    return this.access.size;
  }

  /** Only a failure to read the file throws; a damaged zip opens with `damage` saying what is wrong. */
  static async open(source: string | RandomAccess): Promise<ZipArchive> {
    const access = typeof source === 'string' ? await fileAccess(source) : source;
    try {
      return new ZipArchive(access, await readDirectory(access, 'cp437', true), null);
    } catch (error) {
      if (!(error instanceof ZipFormatError)) {
        await access.close();
        throw error;
      }
      try {
        const scan = await scanLocalHeaders(access);
        const recovered = `${scan.entries.length} complete entr${scan.entries.length === 1 ? 'y was' : 'ies were'} read from the local headers`;
        const lost = scan.incomplete === null ? '' : `; ${scan.incomplete} is cut short and left out`;
        return new ZipArchive(access, scan.entries, `${error.summary}: the file is cut short or damaged. ${recovered}${lost}`);
      } catch (scanError) {
        await access.close();
        throw scanError;
      }
    }
  }

  async close(): Promise<void> {
    await this.access.close();
  }

  /**
   * The entry's decompressed bytes. Throws ZipEntryError for a damaged entry (also after some
   * bytes were given: the consumer must treat what it got as incomplete); IO failures throw as is.
   */
  async *read(entry: ZipEntry): AsyncGenerator<Uint8Array, void, undefined> {
    if ((entry.flags & FLAG_ENCRYPTED) !== 0) throw new ZipEntryError(entry.name, 'the entry is encrypted');
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw new ZipEntryError(entry.name, `the entry uses compression method ${entry.method}; only stored (0) and deflated (8) are read`);
    }
    const dataOffset = entry.dataOffset ?? (await localDataOffset(this.access, entry.localHeaderOffset));
    if (dataOffset === null) throw new ZipEntryError(entry.name, 'no local header where the central directory points');
    if (dataOffset + entry.compressedSize > this.access.size) throw new ZipEntryError(entry.name, 'the entry runs past the end of the file');
    let size = 0;
    let checksum = 0;
    if (entry.compressedSize > 0) {
      const raw = readRange(this.access, dataOffset, entry.compressedSize, READ_CHUNK);
      const bytes = entry.method === DEFLATED ? inflated(raw) : raw;
      try {
        for await (const chunk of bytes) {
          size += chunk.length;
          // Never more than declared: a zip bomb stops here instead of filling the disk.
          if (size > entry.size) throw new ZipEntryError(entry.name, `the entry holds more than the ${entry.size} bytes its header declares`);
          checksum = crc32(chunk, checksum);
          yield chunk;
        }
      } catch (error) {
        if (error instanceof ZipEntryError || !isZlibError(error)) throw error;
        throw new ZipEntryError(entry.name, `the compressed data is damaged (${error.message})`);
      } finally {
        // A stored entry's reads end with the loop; an inflating stream is torn down with its source.
        if ('destroy' in bytes) bytes.destroy();
      }
    }
    if (size !== entry.size) throw new ZipEntryError(entry.name, `the entry ends after ${size} bytes; its header declares ${entry.size}`);
    if (checksum >>> 0 !== entry.crc >>> 0) throw new ZipEntryError(entry.name, 'the entry fails its CRC-32 check');
  }
}

function isZlibError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE');
}

/**
 * Read the entries one after another by their local headers, as far as they are complete.
 * An entry written with a data descriptor (sizes after the data, as Android's ZipOutputStream
 * writes deflated entries) is inflated once to find where its data ends.
 */
async function scanLocalHeaders(access: RandomAccess): Promise<{ entries: ZipEntry[]; incomplete: string | null }> {
  const entries: ZipEntry[] = [];
  const size = access.size;
  let at = 0;
  while (at + 4 <= size) {
    const header = await access.read(at, 30);
    if (header.readUInt32LE(0) !== LOCAL_HEADER) return { entries, incomplete: null };
    if (header.length < 30) return { entries, incomplete: 'a local header' };
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const variable = await access.read(at + 30, nameLength + extraLength);
    if (variable.length < nameLength + extraLength) return { entries, incomplete: 'a local header' };
    const name = entryName(variable.subarray(0, nameLength), flags, 'cp437');
    const extra = variable.subarray(nameLength);
    const dataOffset = at + 30 + nameLength + extraLength;
    let crc = header.readUInt32LE(14);
    let { compressed, size: uncompressed } = zip64Sizes(extra, header.readUInt32LE(22), header.readUInt32LE(18), 0);
    let next: number;
    if ((flags & FLAG_DATA_DESCRIPTOR) !== 0) {
      // Without sizes up front only a deflate stream says where it ends.
      if (method !== DEFLATED) return { entries, incomplete: `"${name}" (stored with a data descriptor, so its end cannot be found)` };
      const length = await deflatedLength(access, dataOffset);
      if (length === null) return { entries, incomplete: `"${name}"` };
      const descriptor = await access.read(dataOffset + length, 24);
      const signed = descriptor.length >= 4 && descriptor.readUInt32LE(0) === DATA_DESCRIPTOR ? 4 : 0;
      // Sizes are 8 bytes each in a zip64 entry, 4 otherwise: the one that matches the data decides.
      const wide = descriptor.length >= signed + 20 && u64(descriptor, signed + 4) === length;
      const need = signed + (wide ? 20 : 12);
      if (descriptor.length < need) return { entries, incomplete: `"${name}"` };
      crc = descriptor.readUInt32LE(signed);
      compressed = length;
      uncompressed = wide ? u64(descriptor, signed + 12) : descriptor.readUInt32LE(signed + 8);
      next = dataOffset + length + need;
    } else {
      if (dataOffset + compressed > size) return { entries, incomplete: `"${name}"` };
      next = dataOffset + compressed;
    }
    entries.push({ name, method, flags, crc, compressedSize: compressed, size: uncompressed, localHeaderOffset: at, dataOffset });
    at = next;
  }
  return { entries, incomplete: at < size ? 'a local header' : null };
}

/** How many bytes the raw deflate stream starting at `start` takes, or null if the file ends first. */
async function deflatedLength(access: RandomAccess, start: number): Promise<number | null> {
  const inflate = createInflateRaw();
  const state = { ended: false, failed: false };
  const done = new Promise<void>((resolve) => {
    inflate.once('end', () => {
      state.ended = true;
      resolve();
    });
    inflate.once('error', () => {
      state.failed = true;
      resolve();
    });
  });
  inflate.resume();
  const source = readRange(access, start, Math.max(0, access.size - start), READ_CHUNK);
  let written = 0;
  try {
    for await (const chunk of source) {
      written += chunk.length;
      // A stream that fails calls no write callback: its error settles `done` instead.
      await Promise.race([new Promise<void>((resolve) => inflate.write(chunk, () => { resolve(); })), done]);
      if (state.failed) return null;
      // zlib takes input up to the end of the stream and no further: what it took is the length.
      if (state.ended || inflate.bytesWritten < written) return inflate.bytesWritten;
    }
    inflate.end();
    await done;
    return state.ended && !state.failed ? inflate.bytesWritten : null;
  } finally {
    inflate.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface ZipFile {
  readonly name: string;
  readonly data: Uint8Array;
  /** Deflate the data; stored as it is otherwise. */
  readonly deflate?: boolean;
  /** CRC-32 and sizes in a data descriptor after the data, zeros in the local header, as Android's ZipOutputStream writes. */
  readonly descriptor?: boolean;
  /** What the headers declare where it is not the truth: for damaged archives in tests. */
  readonly declared?: { readonly crc?: number; readonly size?: number };
}

/** The fields that do not change what an archive holds, filled as the imitated program fills them. */
export interface ZipWriteOptions {
  /** Every entry's modification time, in MS-DOS form read in UTC (2-second steps, from 1980); null writes zeros. */
  readonly modified: Date | null;
  /** The deflate level; zlib's default unless said. */
  readonly level?: number;
  /** Which names carry the UTF-8 flag: all, those with anything but printable ASCII, or none. */
  readonly utf8Flag: 'always' | 'non-ascii' | 'never';
  /** Made by Unix with every entry a read-only regular file, version 1.0 needed where an entry is stored; else made by MS-DOS, version 2.0 throughout. */
  readonly unixReadOnly?: boolean;
  /** ZIP64 fields and end records even when the sizes fit in 32 bits, as exports over 4 GiB are written. */
  readonly zip64?: boolean;
}

/** Without ZIP64 the archive would pass 4 GiB. */
export class ZipTooLargeError extends Error {
  constructor() {
    super('the archive would pass 4 GiB, which needs ZIP64');
    this.name = 'ZipTooLargeError';
  }
}

/** A ZIP of the files, in order, then the central directory and its end record (and ZIP64's when asked). */
export function writeZip(files: readonly ZipFile[], options: ZipWriteOptions): Buffer {
  const { time, date } = options.modified === null ? { time: 0, date: 0 } : dosDateTime(options.modified);
  const zip64 = options.zip64 === true;
  const unix = options.unixReadOnly === true;
  const deflateOptions: ZlibOptions = options.level === undefined ? {} : { level: options.level };
  if (!zip64 && files.length > 0xffff) throw new Error(`a ZIP without ZIP64 holds at most 65,535 entries, not ${files.length}`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (const file of files) {
    if (names.has(file.name)) throw new Error(`duplicate ZIP entry ${file.name}`);
    names.add(file.name);
    const name = Buffer.from(file.name, 'utf8');
    const data = Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    const stored = file.deflate === true ? deflateRawSync(data, deflateOptions) : data;
    const crc = file.declared?.crc ?? crc32(data);
    const size = file.declared?.size ?? data.length;
    const descriptor = file.descriptor === true;
    const utf8 = options.utf8Flag === 'always' || (options.utf8Flag === 'non-ascii' && /[^\x20-\x7e]/.test(file.name));
    const flags = (descriptor ? FLAG_DATA_DESCRIPTOR : 0) | (utf8 ? FLAG_UTF8 : 0);
    const method = file.deflate === true ? DEFLATED : STORED;
    const version = unix && method === STORED ? 10 : 20;
    // ZIP64: the 32-bit fields say 0xFFFFFFFF and the extra field (0x0001) holds the values, the offset in the directory's only.
    const extra = zip64 ? zip64Extra([size, stored.length, offset]) : Buffer.alloc(0);
    const localExtra = zip64 ? zip64Extra([size, stored.length]) : extra;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    if (!descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(zip64 ? MAX_32 : stored.length, 18);
      local.writeUInt32LE(zip64 ? MAX_32 : size, 22);
    }
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(unix ? 0x0314 : 20, 4); // made by: Unix or MS-DOS, spec 2.0
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? MAX_32 : stored.length, 20);
    central.writeUInt32LE(zip64 ? MAX_32 : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    // comment, disk number, internal attributes: 0
    if (unix) central.writeUInt32LE((0o100444 << 16) >>> 0, 38); // a read-only regular file
    if (!zip64 && offset + 30 + name.length + stored.length > MAX_32) throw new ZipTooLargeError();
    central.writeUInt32LE(zip64 ? MAX_32 : offset, 42);
    locals.push(local, name, localExtra, stored);
    if (descriptor) {
      const trailer = Buffer.alloc(16);
      trailer.writeUInt32LE(DATA_DESCRIPTOR, 0);
      trailer.writeUInt32LE(crc, 4);
      trailer.writeUInt32LE(stored.length, 8);
      trailer.writeUInt32LE(size, 12);
      locals.push(trailer);
    }
    centrals.push(central, name, extra);
    offset += 30 + name.length + localExtra.length + stored.length + (descriptor ? 16 : 0);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(zip64 ? 0xffff : files.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : files.length, 10);
  end.writeUInt32LE(zip64 ? MAX_32 : directory.length, 12);
  end.writeUInt32LE(zip64 ? MAX_32 : offset, 16);
  if (!zip64) return Buffer.concat([...locals, directory, end]);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(ZIP64_END, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(files.length), 24);
  record.writeBigUInt64LE(BigInt(files.length), 32);
  record.writeBigUInt64LE(BigInt(directory.length), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(ZIP64_LOCATOR, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, directory, record, locator, end]);
}

/** A ZIP64 extended information field (0x0001) holding these 64-bit values. */
function zip64Extra(values: readonly number[]): Buffer {
  const field = Buffer.alloc(4 + 8 * values.length);
  field.writeUInt16LE(0x0001, 0);
  field.writeUInt16LE(8 * values.length, 2);
  values.forEach((value, k) => field.writeBigUInt64LE(BigInt(value), 4 + 8 * k));
  return field;
}

/** MS-DOS date and time (2-second steps, from 1980), from the UTC fields so that output is the same in every zone. */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, at.getUTCFullYear()));
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
