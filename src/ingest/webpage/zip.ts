import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib';

/**
 * The slice of the ZIP format (APPNOTE 6.3.10) a WACZ needs: a writer of stored entries and a
 * reader over random access (central directory first, then only the entries asked for), so a
 * large archive on disk is never read whole.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
/** General-purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const MAX_32 = 0xffffffff;

export interface ZipEntryInput {
  readonly name: string;
  readonly data: Uint8Array;
}

/**
 * A ZIP of stored (uncompressed) entries: WACZ 1.1.1 §"Zip Compression" wants `archive/` and
 * gzipped indexes stored so that a reader can seek straight to a record. Past 4 GiB a ZIP needs
 * ZIP64 records, which this writer does not make: it refuses instead.
 */
export function writeStoredZip(entries: readonly ZipEntryInput[], modified: Date): Buffer {
  const { time, date } = dosDateTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const names = new Set<string>();
  if (entries.length > 0xffff) throw new Error(`a ZIP without ZIP64 holds at most 65,535 entries, not ${entries.length}`);
  for (const entry of entries) {
    if (names.has(entry.name)) throw new Error(`duplicate ZIP entry ${entry.name}`);
    names.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(10, 4); // version needed: 1.0, stored
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(STORED, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(0x0314, 4); // made by: Unix, spec 2.0
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(STORED, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk number, internal attributes: 0
    central.writeUInt32LE((0o100444 << 16) >>> 0, 38); // a read-only regular file
    if (offset + 30 + name.length + size > MAX_32) throw new Error('the package would pass 4 GiB, which needs ZIP64; capture less');
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength));
    centrals.push(central, name);
    offset += 30 + name.length + size;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** MS-DOS date and time (2-second steps, from 1980), from the UTC fields so that output is the same in every zone. */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, at.getUTCFullYear()));
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** Bytes that can be read at any offset: a buffer, or a file on disk. */
export interface RandomAccess {
  readonly size: number;
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

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** Why a file could not be read as a ZIP, in words for the user. */
export class ZipFormatError extends Error {}

const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

/** Read the central directory. Throws ZipFormatError for anything that is not a readable ZIP. */
export async function readZipDirectory(access: RandomAccess): Promise<ZipEntry[]> {
  const tailLength = Math.min(access.size, 22 + 0xffff);
  if (tailLength < 22) throw new ZipFormatError('too short to be a ZIP file');
  const tailStart = access.size - tailLength;
  const tail = await access.read(tailStart, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at === -1) throw new ZipFormatError('no end-of-central-directory record: not a ZIP file, or cut short');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directorySize === MAX_32 || directoryOffset === MAX_32) {
    const zip64 = await readZip64End(access, tailStart + at);
    count = zip64.count;
    directorySize = zip64.size;
    directoryOffset = zip64.offset;
  }
  if (directorySize > MAX_DIRECTORY_BYTES) throw new ZipFormatError(`the central directory is ${directorySize} bytes, more than this reader accepts`);
  if (directoryOffset + directorySize > access.size) throw new ZipFormatError('the central directory lies past the end of the file: the file is cut short');
  const directory = await access.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL_HEADER) throw new ZipFormatError(`central directory entry ${n + 1} is damaged`);
    const flags = directory.readUInt16LE(p + 8);
    const method = directory.readUInt16LE(p + 10);
    const crc = directory.readUInt32LE(p + 16);
    let compressedSize = directory.readUInt32LE(p + 20);
    let size = directory.readUInt32LE(p + 24);
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    let localHeaderOffset = directory.readUInt32LE(p + 42);
    const nameBytes = directory.subarray(p + 46, p + 46 + nameLength);
    const extra = directory.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    if (p + 46 + nameLength + extraLength + commentLength > directory.length) throw new ZipFormatError(`central directory entry ${n + 1} runs past the directory`);
    // APPNOTE 4.5.3: the ZIP64 extra field holds, in order, only the fields that overflowed.
    if (size === MAX_32 || compressedSize === MAX_32 || localHeaderOffset === MAX_32) {
      const wide = zip64Extra(extra);
      let k = 0;
      if (size === MAX_32) size = wide[k++] ?? size;
      if (compressedSize === MAX_32) compressedSize = wide[k++] ?? compressedSize;
      if (localHeaderOffset === MAX_32) localHeaderOffset = wide[k++] ?? localHeaderOffset;
    }
    entries.push({
      name: (flags & UTF8_NAMES) !== 0 ? nameBytes.toString('utf8') : nameBytes.toString('latin1'),
      method,
      crc,
      compressedSize,
      size,
      localHeaderOffset,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function readZip64End(access: RandomAccess, endOffset: number): Promise<{ count: number; size: number; offset: number }> {
  if (endOffset < 20) throw new ZipFormatError('a ZIP64 archive without its ZIP64 locator');
  const locator = await access.read(endOffset - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipFormatError('a ZIP64 archive without its ZIP64 locator');
  const recordOffset = Number(locator.readBigUInt64LE(8));
  const record = await access.read(recordOffset, 56);
  if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END) throw new ZipFormatError('the ZIP64 end-of-central-directory record is damaged');
  return { count: Number(record.readBigUInt64LE(32)), size: Number(record.readBigUInt64LE(40)), offset: Number(record.readBigUInt64LE(48)) };
}

function zip64Extra(extra: Buffer): number[] {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      const values: number[] = [];
      for (let k = p + 4; k + 8 <= Math.min(extra.length, p + 4 + length); k += 8) values.push(Number(extra.readBigUInt64LE(k)));
      return values;
    }
    p += 4 + length;
  }
  return [];
}

/** Where an entry's (possibly compressed) bytes start in the archive. */
export async function entryDataOffset(access: RandomAccess, entry: ZipEntry): Promise<number> {
  const header = await access.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipFormatError(`the local header of ${entry.name} is damaged`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > access.size) throw new ZipFormatError(`${entry.name} runs past the end of the file: the file is cut short`);
  return start;
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

/** A byte range of the archive, in chunks. */
export async function* readRange(access: RandomAccess, start: number, length: number, chunkSize = 1 << 20): AsyncGenerator<Buffer> {
  for (let done = 0; done < length; ) {
    const chunk = await access.read(start + done, Math.min(chunkSize, length - done));
    if (chunk.length === 0) throw new ZipFormatError('the file ends in the middle of an entry');
    done += chunk.length;
    yield chunk;
  }
}

/** An entry's uncompressed bytes, in chunks: for hashing a large WARC without holding it. */
export async function* streamZipEntry(access: RandomAccess, entry: ZipEntry): AsyncGenerator<Buffer> {
  const start = await entryDataOffset(access, entry);
  if (entry.method === STORED) {
    yield* readRange(access, start, entry.compressedSize);
    return;
  }
  if (entry.method !== DEFLATED) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}, which this reader does not know`);
  const inflater = createInflateRaw();
  // pipeline, not pipe: a read error must reach the loop below instead of leaving it waiting.
  pipeline(Readable.from(readRange(access, start, entry.compressedSize)), inflater, () => undefined);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    throw new ZipFormatError(`${entry.name} does not inflate: ${(error as Error).message}`);
  }
}
