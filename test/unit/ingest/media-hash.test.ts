import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SAME_PICTURE_MAX_DISTANCE,
  applyOrientation,
  areaResize,
  dHash64,
  grayFromRgb,
  hamming,
  pHash64,
  type GrayImage,
} from '../../../src/ingest/media/index.js';
import { captioned, jpegBytes, readPicture, resized, storedForOrientation6, type Rgb } from '../../fixtures/media/pictures.js';

const PHOTO_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'media', 'photos');
const photos = readdirSync(PHOTO_DIR)
  .filter((name) => name.endsWith('.jpg'))
  .sort()
  .map((name) => ({ name, picture: readPicture(readFileSync(join(PHOTO_DIR, name))) }));
const gray = (picture: Rgb): GrayImage => grayFromRgb(picture.data, picture.width, picture.height, 3);
const reencoded = (picture: Rgb, quality: number): Rgb => readPicture(jpegBytes(picture, quality));
const popcount = (n: bigint): number => {
  let count = 0;
  for (let rest = n; rest > 0n; rest >>= 1n) count += Number(rest & 1n);
  return count;
};

describe('hamming', () => {
  it('counts the bits that differ', () => {
    expect(hamming('0000000000000000', '0000000000000000')).toBe(0);
    expect(hamming('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hamming('8000000000000001', '0000000000000000')).toBe(2);
    expect(hamming('F0', 'e1')).toBe(2);
  });

  it('is a metric on 64-bit hashes', () => {
    const hash = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => n.toString(16).padStart(16, '0'));
    fc.assert(
      fc.property(hash, hash, hash, (a, b, c) => {
        expect(hamming(a, b)).toBe(hamming(b, a));
        expect(hamming(a, a)).toBe(0);
        expect(hamming(a, c)).toBeLessThanOrEqual(hamming(a, b) + hamming(b, c));
        const xor = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
        expect(hamming(a, b)).toBe(popcount(xor));
      }),
    );
  });

  it('refuses what is not two hex hashes of one length', () => {
    expect(() => hamming('abc', 'abcd')).toThrow(RangeError);
    expect(() => hamming('zz', '00')).toThrow(RangeError);
  });
});

describe('dHash and pHash', () => {
  const ramp = (width: number, height: number, f: (x: number, y: number) => number): GrayImage => ({
    width,
    height,
    data: Uint8Array.from({ length: width * height }, (_, i) => f(i % width, Math.floor(i / width))),
  });

  it('dHash sets a bit where a pixel is brighter than its left neighbour', () => {
    expect(dHash64(ramp(90, 80, (x) => x))).toBe('ffffffffffffffff');
    expect(dHash64(ramp(90, 80, (x) => 255 - x))).toBe('0000000000000000');
    // Brighter to the right in the top half only: the first 4 rows (32 bits) set.
    expect(dHash64(ramp(90, 80, (x, y) => (y < 40 ? x : 255 - x)))).toBe('ffffffff00000000');
  });

  it('pHash follows the 2-D DCT-II of the 32×32 shrink, thresholded at the median of the 8×8 lowest', () => {
    // The definition written out directly, O(n⁴), as an independent reference.
    const reference = (image: GrayImage): string => {
      const p = areaResize(image, 32, 32);
      const coefficients: number[] = [];
      for (let v = 0; v < 8; v++) {
        for (let u = 0; u < 8; u++) {
          let sum = 0;
          for (let y = 0; y < 32; y++) {
            for (let x = 0; x < 32; x++) sum += (p[y * 32 + x] ?? 0) * Math.cos(((2 * y + 1) * v * Math.PI) / 64) * Math.cos(((2 * x + 1) * u * Math.PI) / 64);
          }
          coefficients.push(sum);
        }
      }
      const sorted = [...coefficients].sort((a, b) => a - b);
      const median = ((sorted[31] ?? 0) + (sorted[32] ?? 0)) / 2;
      return BigInt(`0b${coefficients.map((c) => (c > median ? '1' : '0')).join('')}`).toString(16).padStart(16, '0');
    };
    for (const { name, picture } of photos.slice(0, 4)) expect(pHash64(gray(picture)), name).toBe(reference(gray(picture)));
  });

  it('pHash splits its 64 coefficients at their median: 32 bits set for a photograph', () => {
    for (const { name, picture } of photos) {
      const ones = popcount(BigInt(`0x${pHash64(gray(picture))}`));
      expect(ones, name).toBe(32);
    }
  });

  it('area shrinking keeps the mean brightness', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.nat(), (w, h, ow, oh, seed) => {
        const image = ramp(w, h, (x, y) => (x * 31 + y * 17 + seed) % 256);
        const mean = [...image.data].reduce((a, b) => a + b, 0) / (w * h);
        const small = areaResize(image, ow, oh);
        expect(small.reduce((a, b) => a + b, 0) / (ow * oh)).toBeCloseTo(mean, 6);
      }),
    );
  });
});

describe('EXIF orientation', () => {
  // A 3×2 picture with distinct pixels: 1 2 3 / 4 5 6.
  const image: GrayImage = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
  const shown = (orientation: number): number[][] => {
    const out = applyOrientation(image, orientation);
    return Array.from({ length: out.height }, (_, y) => [...out.data.subarray(y * out.width, (y + 1) * out.width)]);
  };

  it('turns the stored pixels into the picture as displayed, for all eight values (Exif 2.3 §4.6.4)', () => {
    expect(shown(1)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(shown(2)).toEqual([[3, 2, 1], [6, 5, 4]]); // mirrored
    expect(shown(3)).toEqual([[6, 5, 4], [3, 2, 1]]); // 180°
    expect(shown(4)).toEqual([[4, 5, 6], [1, 2, 3]]); // flipped
    expect(shown(5)).toEqual([[1, 4], [2, 5], [3, 6]]); // transposed
    expect(shown(6)).toEqual([[4, 1], [5, 2], [6, 3]]); // 90° clockwise
    expect(shown(7)).toEqual([[6, 3], [5, 2], [4, 1]]); // transverse
    expect(shown(8)).toEqual([[3, 6], [2, 5], [1, 4]]); // 90° counter-clockwise
  });

  it('shows a picture stored for orientation 6 upright again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat(), (width, height, seed) => {
        const displayed: Rgb = { width, height, data: Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 7 + seed) % 256) };
        const stored = storedForOrientation6(displayed);
        expect(applyOrientation(gray(stored), 6)).toEqual(gray(displayed));
      }),
    );
  });
});

// The figures behind SAME_PICTURE_MAX_DISTANCE (bench/media.ts prints the whole table).
describe('robustness on real photographs (test/fixtures/media/photos)', () => {
  const edits: readonly { name: string; edit: (p: Rgb) => Rgb }[] = [
    { name: 'JPEG quality 20', edit: (p) => reencoded(p, 20) },
    { name: 'resized to 50 %', edit: (p) => reencoded(resized(p, Math.round(p.width / 2), Math.round(p.height / 2)), 85) },
    { name: 'resized to 25 %', edit: (p) => reencoded(resized(p, Math.round(p.width / 4), Math.round(p.height / 4)), 85) },
    { name: 'caption bar over 12 %', edit: (p) => reencoded(captioned(p, 0.12), 85) },
  ];

  it('has the photographs', () => {
    expect(photos.length).toBeGreaterThanOrEqual(10);
  });

  for (const { name, edit } of edits) {
    it(`finds every photograph ${name} as the same picture with dHash`, () => {
      for (const { name: photo, picture } of photos) {
        expect(hamming(dHash64(gray(picture)), dHash64(gray(edit(picture)))), photo).toBeLessThanOrEqual(SAME_PICTURE_MAX_DISTANCE);
      }
    });
  }

  it('finds every re-encoded and resized photograph with pHash too', () => {
    for (const { edit } of edits.slice(0, 3)) {
      for (const { name: photo, picture } of photos) {
        expect(hamming(pHash64(gray(picture)), pHash64(gray(edit(picture)))), photo).toBeLessThanOrEqual(SAME_PICTURE_MAX_DISTANCE);
      }
    }
  });

  it('tells every two different photographs apart, with either hash', () => {
    const hashes = photos.map(({ name, picture }) => ({ name, d: dHash64(gray(picture)), p: pHash64(gray(picture)) }));
    for (const a of hashes) {
      for (const b of hashes) {
        if (a.name >= b.name) continue;
        expect(hamming(a.d, b.d), `${a.name} / ${b.name}`).toBeGreaterThan(SAME_PICTURE_MAX_DISTANCE);
        expect(hamming(a.p, b.p), `${a.name} / ${b.name}`).toBeGreaterThan(SAME_PICTURE_MAX_DISTANCE);
      }
    }
  });

  it('is more robust with dHash than with pHash to caption bars (why dHash is the default)', () => {
    let dhash = 0;
    let phash = 0;
    for (const { picture } of photos) {
      const edited = gray(reencoded(captioned(picture, 0.12), 85));
      dhash += hamming(dHash64(gray(picture)), dHash64(edited));
      phash += hamming(pHash64(gray(picture)), pHash64(edited));
    }
    expect(dhash).toBeLessThan(phash);
  });
});
