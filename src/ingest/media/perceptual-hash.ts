import { SAME_PICTURE_MAX_DISTANCE, hamming, type HashAlgorithm } from '../../model/index.js';

export { SAME_PICTURE_MAX_DISTANCE, hamming };

/**
 * 64-bit perceptual hashes of a picture as a person sees it: re-encoding, resizing, a small crop
 * or a caption bar change few bits; a different picture changes about half of them. They are the
 * key for "seen before" look-ups, so they must be computed the same way everywhere.
 *
 * Bit conventions follow the Python `imagehash` package (row-major, first bit most significant,
 * dHash compares each pixel with its right neighbour, pHash thresholds the 8×8 lowest DCT
 * frequencies at their median), so that analysts can read them with the tools they know. The
 * values are close to, not equal to, imagehash's: it shrinks with Lanczos, we average areas.
 */

/** Luminance, one value per pixel, row by row. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Float64Array;
}

/** ITU-R BT.601 luma, as JPEG and most tools compute grey. */
export function grayFromRgb(data: Uint8Array, width: number, height: number, channels: 3 | 4): GrayImage {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += channels) {
    let r = data[j] ?? 0;
    let g = data[j + 1] ?? 0;
    let b = data[j + 2] ?? 0;
    if (channels === 4) {
      // Transparent pixels show the page behind them: composite over white, as viewers do.
      const a = (data[j + 3] ?? 255) / 255;
      r = r * a + 255 * (1 - a);
      g = g * a + 255 * (1 - a);
      b = b * a + 255 * (1 - a);
    }
    out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { width, height, data: out };
}

/**
 * Turn stored pixels into the picture as displayed, per the EXIF Orientation tag (1–8,
 * TIFF 6.0 / Exif 2.3 §4.6.4): 6 = the camera was turned right, rotate 90° clockwise.
 */
export function applyOrientation(image: GrayImage, orientation: number | null): GrayImage {
  if (orientation === null || orientation <= 1 || orientation > 8) return image;
  const { width: w, height: h, data } = image;
  const swap = orientation >= 5;
  const outW = swap ? h : w;
  const outH = swap ? w : h;
  const out = data instanceof Uint8Array ? new Uint8Array(w * h) : new Float64Array(w * h);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      // (sx, sy): the stored pixel shown at (x, y).
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      out[y * outW + x] = data[sy * w + sx] ?? 0;
    }
  }
  return { width: outW, height: outH, data: out };
}

/**
 * Shrink by averaging the area each output pixel covers (fractional edges weighted), so that
 * every source pixel counts and nothing aliases: the same result whatever the input size.
 */
export function areaResize(image: GrayImage, outW: number, outH: number): Float64Array {
  const { width: w, height: h, data } = image;
  const columns = coverage(w, outW);
  const rows = coverage(h, outH);
  // Columns first, into outW sums per source row; then rows.
  const partial = new Float64Array(h * outW);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let ox = 0; ox < outW; ox++) {
      const c = columns[ox];
      if (c === undefined) continue;
      let sum = 0;
      for (let k = 0; k < c.index.length; k++) sum += (data[row + (c.index[k] ?? 0)] ?? 0) * (c.weight[k] ?? 0);
      partial[y * outW + ox] = sum;
    }
  }
  const out = new Float64Array(outW * outH);
  for (let oy = 0; oy < outH; oy++) {
    const r = rows[oy];
    if (r === undefined) continue;
    for (let ox = 0; ox < outW; ox++) {
      let sum = 0;
      for (let k = 0; k < r.index.length; k++) sum += (partial[(r.index[k] ?? 0) * outW + ox] ?? 0) * (r.weight[k] ?? 0);
      out[oy * outW + ox] = sum;
    }
  }
  return out;
}

/** Which source pixels each output pixel covers, and how much of each (weights sum to 1). */
function coverage(size: number, outSize: number): { index: number[]; weight: number[] }[] {
  const scale = size / outSize;
  const out: { index: number[]; weight: number[] }[] = [];
  for (let o = 0; o < outSize; o++) {
    const from = o * scale;
    const to = (o + 1) * scale;
    const index: number[] = [];
    const weight: number[] = [];
    for (let s = Math.floor(from); s < Math.min(size, Math.ceil(to)); s++) {
      const part = Math.min(to, s + 1) - Math.max(from, s);
      if (part > 0) {
        index.push(s);
        weight.push(part / scale);
      }
    }
    out.push({ index, weight });
  }
  return out;
}

const HEX = '0123456789abcdef';

function bitsToHex(bits: readonly boolean[]): string {
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) {
    hex += HEX[(bits[i] ? 8 : 0) | (bits[i + 1] ? 4 : 0) | (bits[i + 2] ? 2 : 0) | (bits[i + 3] ? 1 : 0)] ?? '0';
  }
  return hex;
}

/** Difference hash (Krawetz 2013): shrink to 9×8, one bit per pixel — brighter than its left neighbour. */
export function dHash64(image: GrayImage): string {
  const small = areaResize(image, 9, 8);
  const bits: boolean[] = [];
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) bits.push((small[y * 9 + x + 1] ?? 0) > (small[y * 9 + x] ?? 0));
  }
  return bitsToHex(bits);
}

const DCT_SIZE = 32;
const DCT_KEEP = 8;
/** cos(π(2n+1)k / 2N) for the N = 32 samples and the 8 lowest frequencies k. */
const COSINES: readonly Float64Array[] = Array.from({ length: DCT_KEEP }, (_, k) =>
  Float64Array.from({ length: DCT_SIZE }, (_, n) => Math.cos((Math.PI * (2 * n + 1) * k) / (2 * DCT_SIZE))),
);

/**
 * DCT hash (Zauner 2010, as pHash and imagehash do it): shrink to 32×32, take the 2-D DCT-II,
 * keep the 8×8 lowest frequencies, one bit each — above their median.
 */
export function pHash64(image: GrayImage): string {
  const pixels = areaResize(image, DCT_SIZE, DCT_SIZE);
  // Along rows (vertical frequency v, from pixel rows y), then along columns (horizontal u).
  const byRow = new Float64Array(DCT_KEEP * DCT_SIZE);
  for (let v = 0; v < DCT_KEEP; v++) {
    const cos = COSINES[v] ?? new Float64Array(DCT_SIZE);
    for (let x = 0; x < DCT_SIZE; x++) {
      let sum = 0;
      for (let y = 0; y < DCT_SIZE; y++) sum += (pixels[y * DCT_SIZE + x] ?? 0) * (cos[y] ?? 0);
      byRow[v * DCT_SIZE + x] = sum;
    }
  }
  const coefficients: number[] = [];
  for (let v = 0; v < DCT_KEEP; v++) {
    for (let u = 0; u < DCT_KEEP; u++) {
      const cos = COSINES[u] ?? new Float64Array(DCT_SIZE);
      let sum = 0;
      for (let x = 0; x < DCT_SIZE; x++) sum += (byRow[v * DCT_SIZE + x] ?? 0) * (cos[x] ?? 0);
      coefficients.push(sum);
    }
  }
  const sorted = [...coefficients].sort((a, b) => a - b);
  const median = ((sorted[31] ?? 0) + (sorted[32] ?? 0)) / 2;
  return bitsToHex(coefficients.map((c) => c > median));
}

export function perceptualHash(image: GrayImage, algorithm: HashAlgorithm): string {
  return algorithm === 'phash-64' ? pHash64(image) : dHash64(image);
}

