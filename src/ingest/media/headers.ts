import { fourcc, u16be, u16le, u24le, u32be, u32le, type RandomAccess } from './random-access.js';

/**
 * Picture sizes read from the file's own header, without decoding a pixel: cheap, and it still
 * works when the pixels are damaged or too large to decode.
 */
export interface StoredSize {
  /** As stored, before any EXIF orientation. */
  readonly width: number;
  readonly height: number;
}

/** JPEG SOFn markers that carry the frame size: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Walks the JPEG marker segments (ITU T.81 §B.1) to the frame header; APPn segments are skipped unread. */
export async function jpegSize(file: RandomAccess): Promise<StoredSize | null> {
  let at = 2;
  for (let segments = 0; segments < 4096 && at + 4 <= file.size; segments++) {
    const head = await file.read(at, 10);
    if (head[0] !== 0xff) return null;
    const marker = head[1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // EOI, or scan data before any frame header
    const length = u16be(head, 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (head.length < 9) return null;
      const height = u16be(head, 5);
      const width = u16be(head, 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    at += 2 + length;
  }
  return null;
}

/** PNG: IHDR is the first chunk (PNG spec §11.2.2). */
export function pngSize(head: Uint8Array): StoredSize | null {
  if (fourcc(head, 12) !== 'IHDR') return null;
  const width = u32be(head, 16);
  const height = u32be(head, 20);
  return width > 0 && height > 0 && width <= 0x7fffffff && height <= 0x7fffffff ? { width, height } : null;
}

/** GIF: the logical screen size in the header (GIF89a §18). */
export function gifSize(head: Uint8Array): StoredSize | null {
  if (head.length < 10) return null;
  const width = u16le(head, 6);
  const height = u16le(head, 8);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size). */
export function webpSize(head: Uint8Array): StoredSize | null {
  const chunk = fourcc(head, 12);
  let width = 0;
  let height = 0;
  if (chunk === 'VP8 ' && head.length >= 30) {
    // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height (RFC 6386 §9.1).
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return null;
    width = u16le(head, 26) & 0x3fff;
    height = u16le(head, 28) & 0x3fff;
  } else if (chunk === 'VP8L' && head.length >= 25) {
    if (head[20] !== 0x2f) return null;
    const b1 = head[22] ?? 0;
    const b2 = head[23] ?? 0;
    const b3 = head[24] ?? 0;
    width = 1 + (((b1 & 0x3f) << 8) | (head[21] ?? 0));
    height = 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6));
  } else if (chunk === 'VP8X' && head.length >= 30) {
    width = 1 + u24le(head, 24);
    height = 1 + u24le(head, 27);
  }
  return width > 0 && height > 0 ? { width, height } : null;
}

/** BMP: BITMAPINFOHEADER width and height (height negative for top-down rows). */
export function bmpSize(head: Uint8Array): StoredSize | null {
  if (head.length < 26) return null;
  const headerSize = u32le(head, 14);
  const width = headerSize === 12 ? u16le(head, 18) : u32le(head, 18) | 0;
  const rawHeight = headerSize === 12 ? u16le(head, 20) : u32le(head, 22) | 0;
  const height = Math.abs(rawHeight);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The chunks of a RIFF WebP, for its EXIF and XMP (WebP container spec: VP8X then ICCP, ANIM, EXIF, XMP). */
export async function webpChunk(file: RandomAccess, wanted: string, maxBytes: number): Promise<Uint8Array | null> {
  let at = 12;
  for (let chunks = 0; chunks < 1024 && at + 8 <= file.size; chunks++) {
    const header = await file.read(at, 8);
    const size = u32le(header, 4);
    if (fourcc(header, 0) === wanted) return size > maxBytes ? null : file.read(at + 8, size);
    at += 8 + size + (size % 2);
  }
  return null;
}

/**
 * The fewest bytes a file of this size could have. A tiny file whose header claims a huge
 * picture is truncated or forged; decoding it would allocate for the claim, so it is not tried.
 * JPEG: at least 1 bit per 8×8 block for the DC coefficients (even progressive, with optimised
 * Huffman tables), so 1 byte per 512 pixels, halved for margin. PNG: the raw rows (filter byte
 * + samples) through deflate, which never compresses more than 1032:1 (zlib's technical notes).
 */
export function minimumBytes(type: string, head: Uint8Array, size: StoredSize): number {
  const pixels = size.width * size.height;
  if (type === 'image/jpeg') return Math.floor(pixels / 1024);
  if (type === 'image/png') {
    const bitDepth = head[24] ?? 8;
    const channels = [1, 0, 3, 1, 2, 0, 4][head[25] ?? 0] ?? 1;
    const rowBytes = 1 + Math.ceil((size.width * channels * bitDepth) / 8);
    return Math.floor((rowBytes * size.height) / 1032);
  }
  return 0;
}
