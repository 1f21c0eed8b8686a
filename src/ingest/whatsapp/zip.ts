import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

/**
 * A read-only zip reader over a file on disk (APPNOTE.TXT 6.3.10): the central directory when
 * it is there, the local file headers read from the start when it is not (a download or copy cut
 * short). Entries are decompressed as streams and checked against their size and CRC-32, so a
 * damaged entry is an error for that entry alone, and a zip bomb stops at its declared size.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DATA_DESCRIPTOR = 0x08074b50;

const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
const FLAG_UTF8 = 0x800;

/** Largest central directory read into memory; a WhatsApp export has a few thousand entries. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const READ_CHUNK = 64 * 1024;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Where the entry's local header starts. */
  readonly headerOffset: number;
  /** Where its data starts, once known (the local scan knows it; the directory does not). */
  readonly dataOffset: number | null;
}

/** One entry cannot be read (damaged, encrypted, an unknown method); the others still can. */
export class ZipEntryError extends Error {
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipEntryError';
  }
}

export class ZipArchive {
  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    readonly entries: readonly ZipEntry[],
    /** Why the central directory could not be used and what the local scan recovered; null when whole. */
    readonly damage: string | null,
    /** Byte length of the zip file. */
    readonly size: number,
  ) {}

  /** Only a failure to read the file throws; a damaged zip opens with `damage` saying what is wrong. */
  static async open(path: string): Promise<ZipArchive> {
    const handle = await open(path, 'r');
    try {
      const size = (await handle.stat()).size;
      const directory = await readCentralDirectory(handle, size);
      if (typeof directory !== 'string') return new ZipArchive(path, handle, directory, null, size);
      const scan = await scanLocalHeaders(handle, path, size);
      const recovered = `${scan.entries.length} complete entr${scan.entries.length === 1 ? 'y was' : 'ies were'} read from the local headers`;
      const lost = scan.incomplete === null ? '' : `; ${scan.incomplete} is cut short and left out`;
      return new ZipArchive(path, handle, scan.entries, `${directory}: the file is cut short or damaged. ${recovered}${lost}`, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
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
    const dataOffset = entry.dataOffset ?? (await this.localDataOffset(entry));
    if (dataOffset + entry.compressedSize > this.size) throw new ZipEntryError(entry.name, 'the entry runs past the end of the file');
    let size = 0;
    let checksum = 0;
    if (entry.compressedSize > 0) {
      const raw = createReadStream(this.path, { start: dataOffset, end: dataOffset + entry.compressedSize - 1, highWaterMark: READ_CHUNK });
      const bytes = entry.method === DEFLATED ? pipeline(raw, createInflateRaw(), () => undefined) : raw;
      try {
        for await (const chunk of bytes as AsyncIterable<Buffer>) {
          size += chunk.length;
          // Never more than declared: a zip bomb stops here instead of filling the disk.
          if (size > entry.uncompressedSize) throw new ZipEntryError(entry.name, `the entry holds more than the ${entry.uncompressedSize} bytes its header declares`);
          checksum = crc32(chunk, checksum);
          yield chunk;
        }
      } catch (error) {
        if (error instanceof ZipEntryError || !isZlibError(error)) throw error;
        throw new ZipEntryError(entry.name, `the compressed data is damaged (${error.message})`);
      } finally {
        raw.destroy();
        bytes.destroy();
      }
    }
    if (size !== entry.uncompressedSize) throw new ZipEntryError(entry.name, `the entry ends after ${size} bytes; its header declares ${entry.uncompressedSize}`);
    if (checksum >>> 0 !== entry.crc32 >>> 0) throw new ZipEntryError(entry.name, 'the entry fails its CRC-32 check');
  }

  private async localDataOffset(entry: ZipEntry): Promise<number> {
    const header = await readAt(this.handle, entry.headerOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipEntryError(entry.name, 'no local header where the central directory points');
    return entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  }
}

function isZlibError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE');
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** A 64-bit little-endian size or offset, as a safe integer (larger values are damage). */
function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** The entries listed by the central directory, or why it cannot be used. */
async function readCentralDirectory(handle: FileHandle, size: number): Promise<ZipEntry[] | string> {
  // The end record is 22 bytes plus a comment of at most 65,535; the zip64 locator sits before it.
  const tailLength = Math.min(size, 22 + 0xffff + 20);
  const tailStart = size - tailLength;
  const tail = await readAt(handle, tailStart, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_DIRECTORY && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      end = i;
      break;
    }
  }
  if (end === -1) return 'the zip has no central directory';
  let count = tail.readUInt16LE(end + 10);
  let directorySize = tail.readUInt32LE(end + 12);
  let directoryOffset = tail.readUInt32LE(end + 16);
  let directoryEnd = tailStart + end;
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    if (end < 20 || tail.readUInt32LE(end - 20) !== ZIP64_LOCATOR) return 'the zip64 end record is missing';
    const recordOffset = u64(tail, end - 12);
    const record = await readAt(handle, recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END_OF_DIRECTORY) return 'the zip64 end record is damaged';
    count = u64(record, 32);
    directorySize = u64(record, 40);
    directoryOffset = u64(record, 48);
    directoryEnd = recordOffset;
  }
  if (directoryOffset + directorySize > directoryEnd) return 'the central directory points past its own end';
  if (directorySize > MAX_DIRECTORY_BYTES) return 'the central directory is implausibly large';
  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) return `central directory entry ${n + 1} of ${count} is damaged`;
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) return `central directory entry ${n + 1} of ${count} is damaged`;
    const sizes = zip64Sizes(
      directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      directory.readUInt32LE(at + 24),
      directory.readUInt32LE(at + 20),
      directory.readUInt32LE(at + 42),
    );
    entries.push({
      name: entryName(directory.subarray(at + 46, at + 46 + nameLength), flags),
      method: directory.readUInt16LE(at + 10),
      flags,
      crc32: directory.readUInt32LE(at + 16),
      compressedSize: sizes.compressed,
      uncompressedSize: sizes.uncompressed,
      headerOffset: sizes.offset,
      dataOffset: null,
    });
    at = next;
  }
  return entries;
}

/** Sizes and offset, replaced by the zip64 extra field (0x0001) where they are 0xFFFFFFFF. */
function zip64Sizes(extra: Buffer, uncompressed: number, compressed: number, offset: number): { uncompressed: number; compressed: number; offset: number } {
  const out = { uncompressed, compressed, offset };
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
      if (uncompressed === 0xffffffff) out.uncompressed = take() ?? uncompressed;
      if (compressed === 0xffffffff) out.compressed = take() ?? compressed;
      if (offset === 0xffffffff) out.offset = take() ?? offset;
      break;
    }
    at += 4 + length;
  }
  return out;
}

// IBM code page 437, bytes 0x80–0xFF: the encoding of zip names without the UTF-8 flag.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** Names are UTF-8 when flagged, and in practice also when they decode as UTF-8; else CP437. */
function entryName(bytes: Buffer, flags: number): string {
  if ((flags & FLAG_UTF8) !== 0 || isUtf8(bytes)) return bytes.toString('utf8');
  let name = '';
  for (const byte of bytes) name += byte < 0x80 ? String.fromCharCode(byte) : (CP437_HIGH[byte - 0x80] ?? '?');
  return name;
}

/**
 * Read the entries one after another by their local headers, as far as they are complete.
 * An entry written with a data descriptor (sizes after the data, as Android's ZipOutputStream
 * writes deflated entries) is inflated once to find where its data ends.
 */
async function scanLocalHeaders(handle: FileHandle, path: string, size: number): Promise<{ entries: ZipEntry[]; incomplete: string | null }> {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 4 <= size) {
    const header = await readAt(handle, at, 30);
    if (header.readUInt32LE(0) !== LOCAL_HEADER) return { entries, incomplete: null };
    if (header.length < 30) return { entries, incomplete: 'a local header' };
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const variable = await readAt(handle, at + 30, nameLength + extraLength);
    if (variable.length < nameLength + extraLength) return { entries, incomplete: 'a local header' };
    const name = entryName(variable.subarray(0, nameLength), flags);
    const extra = variable.subarray(nameLength);
    const dataOffset = at + 30 + nameLength + extraLength;
    let crc = header.readUInt32LE(14);
    let { compressed, uncompressed } = zip64Sizes(extra, header.readUInt32LE(22), header.readUInt32LE(18), 0);
    let next: number;
    if ((flags & FLAG_DATA_DESCRIPTOR) !== 0) {
      // Without sizes up front only a deflate stream says where it ends.
      if (method !== DEFLATED) return { entries, incomplete: `"${name}" (stored with a data descriptor, so its end cannot be found)` };
      const length = await deflatedLength(path, dataOffset);
      if (length === null) return { entries, incomplete: `"${name}"` };
      const descriptor = await readAt(handle, dataOffset + length, 24);
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
    entries.push({ name, method, flags, crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed, headerOffset: at, dataOffset });
    at = next;
  }
  return { entries, incomplete: at < size ? 'a local header' : null };
}

/** How many bytes the raw deflate stream starting at `start` takes, or null if the file ends first. */
async function deflatedLength(path: string, start: number): Promise<number | null> {
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
  const source = createReadStream(path, { start, highWaterMark: READ_CHUNK });
  let written = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
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
    source.destroy();
    inflate.destroy();
  }
}
