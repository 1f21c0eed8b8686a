import jpeg from 'jpeg-js';
import type { Random } from './random.js';

/** Written into every demo JPEG as a COM segment, so that the file itself says what it is. */
export const JPEG_COMMENT = 'SYNTHETIC demo image - corroborate';

export type Rgb = readonly [number, number, number];

/** An RGB picture in floats (0–255), painted procedurally and written as a JPEG. */
export class Raster {
  readonly data: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 3);
  }

  get(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.data[i] ?? 0, this.data[i + 1] ?? 0, this.data[i + 2] ?? 0];
  }

  set(x: number, y: number, color: Rgb): void {
    const i = (y * this.width + x) * 3;
    this.data[i] = color[0];
    this.data[i + 1] = color[1];
    this.data[i + 2] = color[2];
  }

  /** Lay `color` over the pixel with opacity `alpha` (0–1). */
  blend(x: number, y: number, color: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    const a = Math.min(1, alpha);
    const i = (y * this.width + x) * 3;
    this.data[i] = (this.data[i] ?? 0) * (1 - a) + color[0] * a;
    this.data[i + 1] = (this.data[i + 1] ?? 0) * (1 - a) + color[1] * a;
    this.data[i + 2] = (this.data[i + 2] ?? 0) * (1 - a) + color[2] * a;
  }

  /** Paint every pixel from a function of its position. */
  paint(shader: (x: number, y: number) => Rgb): void {
    for (let y = 0; y < this.height; y++) for (let x = 0; x < this.width; x++) this.set(x, y, shader(x, y));
  }

  /** Lay a colour over every pixel with an opacity computed from its position. */
  overlay(shader: (x: number, y: number) => { color: Rgb; alpha: number } | null): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const layer = shader(x, y);
        if (layer !== null) this.blend(x, y, layer.color, layer.alpha);
      }
    }
  }

  fillRect(x0: number, y0: number, w: number, h: number, color: Rgb, alpha = 1): void {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, Math.floor(y0 + h)); y++) {
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.width, Math.floor(x0 + w)); x++) this.blend(x, y, color, alpha);
    }
  }

  /** A soft round spot, brightest at the centre. */
  glow(cx: number, cy: number, radius: number, color: Rgb, strength: number): void {
    const r2 = radius * radius * 9;
    for (let y = Math.max(0, Math.floor(cy - radius * 3)); y < Math.min(this.height, Math.ceil(cy + radius * 3)); y++) {
      for (let x = Math.max(0, Math.floor(cx - radius * 3)); x < Math.min(this.width, Math.ceil(cx + radius * 3)); x++) {
        const d2 = (x - cx) ** 2 + (y - cy) ** 2;
        if (d2 < r2) this.blend(x, y, color, strength * Math.exp(-d2 / (2 * radius * radius)));
      }
    }
  }

  /** Faint sensor grain: small, so the JPEG stays small. */
  grain(random: Random, amplitude: number): void {
    for (let i = 0; i < this.data.length; i++) this.data[i] = (this.data[i] ?? 0) + (random.next() - 0.5) * amplitude;
  }

  /** Bilinear resampling, as a messenger does when it shrinks an upload. */
  resized(width: number, height: number): Raster {
    const out = new Raster(width, height);
    const sx = this.width / width;
    const sy = this.height / height;
    for (let y = 0; y < height; y++) {
      const fy = Math.min(this.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(this.height - 1, y0 + 1);
      const ty = fy - y0;
      for (let x = 0; x < width; x++) {
        const fx = Math.min(this.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const x0 = Math.floor(fx);
        const x1 = Math.min(this.width - 1, x0 + 1);
        const tx = fx - x0;
        const a = this.get(x0, y0);
        const b = this.get(x1, y0);
        const c = this.get(x0, y1);
        const d = this.get(x1, y1);
        out.set(x, y, [0, 1, 2].map((k) => {
          const top = (a[k] ?? 0) * (1 - tx) + (b[k] ?? 0) * tx;
          const bottom = (c[k] ?? 0) * (1 - tx) + (d[k] ?? 0) * tx;
          return top * (1 - ty) + bottom * ty;
        }) as unknown as Rgb);
      }
    }
    return out;
  }

  /** Baseline JPEG, no EXIF, with the SYNTHETIC comment segment right after the JFIF header. */
  toJpeg(quality: number): Uint8Array {
    const rgba = Buffer.alloc(this.width * this.height * 4);
    for (let p = 0; p < this.width * this.height; p++) {
      for (let k = 0; k < 3; k++) rgba[p * 4 + k] = Math.max(0, Math.min(255, Math.round(this.data[p * 3 + k] ?? 0)));
      rgba[p * 4 + 3] = 255;
    }
    const encoded = jpeg.encode({ data: rgba, width: this.width, height: this.height, comments: [JPEG_COMMENT] }, quality);
    return new Uint8Array(encoded.data);
  }

  static fromJpeg(bytes: Uint8Array): Raster {
    const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    const out = new Raster(decoded.width, decoded.height);
    for (let p = 0; p < decoded.width * decoded.height; p++) {
      for (let k = 0; k < 3; k++) out.data[p * 3 + k] = decoded.data[p * 4 + k] ?? 0;
    }
    return out;
  }
}

export const mix = (a: Rgb, b: Rgb, t: number): Rgb => {
  const u = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
};

export const smoothstep = (edge0: number, edge1: number, x: number): number => {
  const t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
};

/** Value noise with a seeded lattice, summed over octaves (fractal Brownian motion). */
export class Noise {
  private readonly lattice: Float32Array;
  private static readonly SIZE = 256;

  constructor(random: Random) {
    this.lattice = new Float32Array(Noise.SIZE * Noise.SIZE);
    for (let i = 0; i < this.lattice.length; i++) this.lattice[i] = random.next();
  }

  private at(ix: number, iy: number): number {
    const size = Noise.SIZE;
    const x = ((ix % size) + size) % size;
    const y = ((iy % size) + size) % size;
    return this.lattice[y * size + x] ?? 0;
  }

  value(x: number, y: number): number {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    const fx = x - ix;
    const fy = y - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const top = this.at(ix, iy) * (1 - sx) + this.at(ix + 1, iy) * sx;
    const bottom = this.at(ix, iy + 1) * (1 - sx) + this.at(ix + 1, iy + 1) * sx;
    return top * (1 - sy) + bottom * sy;
  }

  /** In [0, 1). */
  fbm(x: number, y: number, octaves = 5): number {
    let sum = 0;
    let amplitude = 0.5;
    let frequency = 1;
    let norm = 0;
    for (let o = 0; o < octaves; o++) {
      sum += amplitude * this.value(x * frequency, y * frequency);
      norm += amplitude;
      amplitude *= 0.5;
      frequency *= 2.03;
    }
    return sum / norm;
  }
}

/** 5×7 capitals, digits and a little punctuation: enough to letter a card or a watermark. */
const GLYPHS: Record<string, readonly string[]> = {
  A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'],
  B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  D: ['11110', '10001', '10001', '10001', '10001', '10001', '11110'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  G: ['01110', '10001', '10000', '10111', '10001', '10001', '01111'],
  H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
  I: ['01110', '00100', '00100', '00100', '00100', '00100', '01110'],
  J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'],
  L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
  N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  Q: ['01110', '10001', '10001', '10001', '10101', '10010', '01101'],
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'],
  V: ['10001', '10001', '10001', '10001', '10001', '01010', '00100'],
  W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'],
  X: ['10001', '10001', '01010', '00100', '01010', '10001', '10001'],
  Y: ['10001', '10001', '01010', '00100', '00100', '00100', '00100'],
  Z: ['11111', '00001', '00010', '00100', '01000', '10000', '11111'],
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  ':': ['00000', '01100', '01100', '00000', '01100', '01100', '00000'],
  '/': ['00001', '00010', '00010', '00100', '01000', '01000', '10000'],
  '!': ['00100', '00100', '00100', '00100', '00100', '00000', '00100'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
};

export function textWidth(text: string, scale: number): number {
  return text.length * 6 * scale - scale;
}

/** Letter `text` (capitals) with its top-left corner at (x, y). */
export function drawText(raster: Raster, text: string, x: number, y: number, scale: number, color: Rgb, alpha = 1): void {
  let cursor = x;
  for (const ch of text.toUpperCase()) {
    const glyph = GLYPHS[ch] ?? GLYPHS[' '] ?? [];
    glyph.forEach((row, gy) => {
      for (let gx = 0; gx < row.length; gx++) {
        if (row[gx] === '1') raster.fillRect(cursor + gx * scale, y + gy * scale, scale, scale, color, alpha);
      }
    });
    cursor += 6 * scale;
  }
}

/** A small, faint "SYNTHETIC" in the bottom-right corner of a picture. */
export function watermark(raster: Raster): void {
  const scale = Math.max(1, Math.round(raster.width / 400));
  const label = 'SYNTHETIC';
  drawText(raster, label, raster.width - textWidth(label, scale) - 6 * scale, raster.height - 12 * scale, scale, [235, 235, 235], 0.55);
}
