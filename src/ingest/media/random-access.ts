import { open, type FileHandle } from 'node:fs/promises';

/**
 * Reads at any offset of a file without loading it: headers sit at the start of a JPEG but at
 * the end of many MP4s (moov after mdat), and a video can be gigabytes.
 */
export interface RandomAccess {
  /** Bytes available to read (for a head-only source, the head's length). */
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer at the end of the data, none past it. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface OpenedFile extends RandomAccess {
  close(): Promise<void>;
}

export async function openRandomAccess(path: string): Promise<OpenedFile> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    const size = info.size;
    return {
      size,
      async read(offset, length) {
        const start = Math.max(0, Math.floor(offset));
        const count = Math.max(0, Math.min(Math.floor(length), size - start));
        if (count === 0) return new Uint8Array(0);
        const buffer = new Uint8Array(count);
        let filled = 0;
        while (filled < count) {
          const { bytesRead } = await handle.read(buffer, filled, count - filled, start + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return filled === count ? buffer : buffer.subarray(0, filled);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export function bytesRandomAccess(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    read: (offset, length) => {
      const start = Math.max(0, Math.min(bytes.length, Math.floor(offset)));
      return Promise.resolve(bytes.subarray(start, Math.min(bytes.length, start + Math.max(0, Math.floor(length)))));
    },
  };
}

export const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
export const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
export const u24le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
export const u32be = (b: Uint8Array, at: number): number => (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
export const u32le = (b: Uint8Array, at: number): number => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0;
export const i32be = (b: Uint8Array, at: number): number => u32be(b, at) | 0;
/** A 64-bit big-endian integer as a number (exact up to 2^53, enough for sizes and durations). */
export const u64be = (b: Uint8Array, at: number): number => u32be(b, at) * 2 ** 32 + u32be(b, at + 4);
export const fourcc = (b: Uint8Array, at: number): string => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
