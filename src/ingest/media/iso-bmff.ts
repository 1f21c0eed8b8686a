import { fourcc, i32be, u16be, u32be, u64be, type RandomAccess } from './random-access.js';

/**
 * The ISO base media file format (ISO/IEC 14496-12: MP4, QuickTime, 3GP, HEIF) read box by box
 * from the file, so that a gigabyte of `mdat` is skipped, not read. Only the boxes that say
 * what a file shows are opened: sizes, rotation, duration, creation time and the camera's
 * metadata keys.
 */

interface Box {
  readonly type: string;
  /** The type as a 32-bit number: in an `ilst`, the 1-based index of a `keys` name. */
  readonly code: number;
  /** Where the box's content (after its header) starts and ends. */
  readonly start: number;
  readonly end: number;
}

/** A walk over a hostile file stays bounded: so many boxes, so deep, so many bytes per leaf. */
class Budget {
  boxes = 0;
  constructor(readonly maxBoxes = 20_000) {}
  take(): boolean {
    return ++this.boxes <= this.maxBoxes;
  }
}

const MAX_LEAF_BYTES = 1 << 20;

async function* children(file: RandomAccess, from: number, to: number, budget: Budget): AsyncGenerator<Box> {
  let at = from;
  const end = Math.min(to, file.size);
  while (at + 8 <= end && budget.take()) {
    const header = await file.read(at, 16);
    if (header.length < 8) return;
    let size = u32be(header, 0);
    let headerSize = 8;
    if (size === 1) {
      if (header.length < 16) return;
      size = u64be(header, 8);
      headerSize = 16;
    } else if (size === 0) {
      size = end - at; // to the end of the enclosing box (or file)
    }
    if (size < headerSize) return;
    const boxEnd = Math.min(at + size, end);
    yield { type: fourcc(header, 4), code: u32be(header, 4), start: at + headerSize, end: boxEnd };
    at += size;
  }
}

async function find(file: RandomAccess, from: number, to: number, type: string, budget: Budget): Promise<Box | null> {
  for await (const box of children(file, from, to, budget)) if (box.type === type) return box;
  return null;
}

async function content(file: RandomAccess, box: Box): Promise<Uint8Array> {
  return file.read(box.start, Math.min(box.end - box.start, MAX_LEAF_BYTES));
}

/** Seconds from 1904-01-01 (the QuickTime epoch) to 1970-01-01. */
const QUICKTIME_EPOCH_OFFSET = 2_082_844_800;

export interface MovieHeader {
  readonly durationSeconds: number | null;
  /** Display size of the first video track: tkhd size, turned by its matrix's rotation. */
  readonly width: number | null;
  readonly height: number | null;
  readonly rotation: 0 | 90 | 180 | 270;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  /** mvhd creation time (UTC by the spec), or null when unset (0). */
  readonly creationTime: string | null;
  /** Camera metadata: `mdta:com.apple.quicktime.creationdate`, `udta:©xyz`, `ilst:©day`. */
  readonly metadata: Readonly<Record<string, string>>;
}

export async function readMovieHeader(file: RandomAccess): Promise<MovieHeader | null> {
  const budget = new Budget();
  const moov = await find(file, 0, file.size, 'moov', budget);
  if (moov === null) return null;
  let durationSeconds: number | null = null;
  let creationTime: string | null = null;
  let video: { width: number; height: number; rotation: 0 | 90 | 180 | 270 } | null = null;
  let hasVideo = false;
  let hasAudio = false;
  const metadata: Record<string, string> = {};

  for await (const box of children(file, moov.start, moov.end, budget)) {
    if (box.type === 'mvhd') {
      const mvhd = await content(file, box);
      const v1 = mvhd[0] === 1;
      const created = v1 ? u64be(mvhd, 4) : u32be(mvhd, 4);
      const timescale = v1 ? u32be(mvhd, 20) : u32be(mvhd, 12);
      const duration = v1 ? u64be(mvhd, 24) : u32be(mvhd, 16);
      const allOnes = v1 ? false : duration === 0xffffffff;
      if (timescale > 0 && !allOnes) durationSeconds = round3(duration / timescale);
      creationTime = quickTimeInstant(created);
    } else if (box.type === 'trak') {
      const track = await readTrack(file, box, budget);
      if (track.handler === 'vide') {
        hasVideo = true;
        if (video === null && track.width > 0 && track.height > 0) video = { width: track.width, height: track.height, rotation: track.rotation };
      } else if (track.handler === 'soun') {
        hasAudio = true;
      }
    } else if (box.type === 'meta') {
      Object.assign(metadata, await readMetaKeys(file, box, budget, 'mdta'));
    } else if (box.type === 'udta') {
      Object.assign(metadata, await readUserData(file, box, budget));
    }
  }
  const turned = video !== null && (video.rotation === 90 || video.rotation === 270);
  return {
    durationSeconds,
    width: video === null ? null : turned ? video.height : video.width,
    height: video === null ? null : turned ? video.width : video.height,
    rotation: video?.rotation ?? 0,
    hasVideo,
    hasAudio,
    creationTime,
    metadata,
  };
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function quickTimeInstant(seconds: number): string | null {
  const unix = seconds - QUICKTIME_EPOCH_OFFSET;
  // 0 means "not set"; before 1970 or after 2100 it is a broken clock or a local time misread.
  if (seconds === 0 || unix < 0 || unix > 4_102_444_800) return null;
  return new Date(unix * 1000).toISOString().replace('.000Z', 'Z');
}

async function readTrack(file: RandomAccess, trak: Box, budget: Budget): Promise<{ handler: string; width: number; height: number; rotation: 0 | 90 | 180 | 270 }> {
  let handler = '';
  let width = 0;
  let height = 0;
  let rotation: 0 | 90 | 180 | 270 = 0;
  for await (const box of children(file, trak.start, trak.end, budget)) {
    if (box.type === 'tkhd') {
      const tkhd = await content(file, box);
      // version 0: 4+4+4+4+4 bytes of times and ids, version 1: 8+8+4+4+8; then 8 reserved,
      // layer, alternate group, volume, reserved (8), the 3×3 matrix (36), width and height (16.16).
      const base = tkhd[0] === 1 ? 4 + 32 : 4 + 20;
      const matrix = base + 8 + 8;
      const a = i32be(tkhd, matrix) / 65536;
      const b = i32be(tkhd, matrix + 4) / 65536;
      const degrees = ((Math.round((Math.atan2(b, a) * 180) / Math.PI / 90) * 90) % 360 + 360) % 360;
      rotation = degrees === 90 ? 90 : degrees === 180 ? 180 : degrees === 270 ? 270 : 0;
      width = Math.round(u32be(tkhd, matrix + 36) / 65536);
      height = Math.round(u32be(tkhd, matrix + 40) / 65536);
    } else if (box.type === 'mdia') {
      const hdlr = await find(file, box.start, box.end, 'hdlr', budget);
      if (hdlr !== null) handler = fourcc(await content(file, hdlr), 8);
    }
  }
  return { handler, width, height, rotation };
}

/** Where a `meta` box's children start: ISO makes it a FullBox (4 bytes more), QuickTime does not. */
async function metaChildrenStart(file: RandomAccess, meta: Box): Promise<number> {
  const head = await file.read(meta.start, 12);
  return fourcc(head, 4) === 'hdlr' ? meta.start : meta.start + 4;
}

/** QuickTime metadata: `keys` names (`mdta` namespace), `ilst` items numbered after them. */
async function readMetaKeys(file: RandomAccess, meta: Box, budget: Budget, prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const start = await metaChildrenStart(file, meta);
  const names: string[] = [];
  let ilst: Box | null = null;
  for await (const box of children(file, start, meta.end, budget)) {
    if (box.type === 'keys') {
      const keys = await content(file, box);
      const count = u32be(keys, 4);
      let at = 8;
      for (let i = 0; i < count && at + 8 <= keys.length; i++) {
        const size = u32be(keys, at);
        if (size < 8) break;
        names.push(new TextDecoder().decode(keys.subarray(at + 8, at + size)));
        at += size;
      }
    } else if (box.type === 'ilst') {
      ilst = box;
    }
  }
  if (ilst === null) return out;
  for await (const item of children(file, ilst.start, ilst.end, budget)) {
    const number = item.code;
    const name = names.length > 0 && number >= 1 && number <= names.length ? `${prefix}:${names[number - 1] ?? ''}` : `ilst:${item.type}`;
    const data = await find(file, item.start, item.end, 'data', budget);
    if (data === null) continue;
    const value = await content(file, data);
    const typeIndicator = u32be(value, 0) & 0xffffff;
    if (typeIndicator === 1) out[name] = new TextDecoder().decode(value.subarray(8)); // 1 = UTF-8
  }
  return out;
}

/** QuickTime user data: `©xyz` (ISO 6709 location), `©day`, `©mak`, `©mod`, … and an iTunes-style `meta`. */
async function readUserData(file: RandomAccess, udta: Box, budget: Budget): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const box of children(file, udta.start, udta.end, budget)) {
    if (box.type === 'meta') {
      Object.assign(out, await readMetaKeys(file, box, budget, 'mdta'));
    } else if (box.type.charCodeAt(0) === 0xa9) {
      // International text: 16-bit length, 16-bit language, then the text.
      const text = await content(file, box);
      const length = u16be(text, 0);
      if (length > 0 && 4 + length <= text.length) out[`udta:${box.type}`] = new TextDecoder().decode(text.subarray(4, 4 + length));
    }
  }
  return out;
}

export interface StillImageHeader {
  /** Stored size of the primary item (its ispe), before its irot. */
  readonly width: number;
  readonly height: number;
  /** The primary item's irot: degrees anticlockwise to display it. */
  readonly anticlockwise: 0 | 90 | 180 | 270;
}

/** HEIF/AVIF: the primary item's `ispe` (image spatial extents) and `irot`, ISO/IEC 23008-12 §6.5. */
export async function readStillImageHeader(file: RandomAccess): Promise<StillImageHeader | null> {
  const budget = new Budget();
  const meta = await find(file, 0, file.size, 'meta', budget);
  if (meta === null) return null;
  let primary: number | null = null;
  const properties: { type: string; body: Uint8Array }[] = [];
  const associations = new Map<number, number[]>();
  for await (const box of children(file, meta.start + 4, meta.end, budget)) {
    if (box.type === 'pitm') {
      const pitm = await content(file, box);
      primary = pitm[0] === 0 ? u16be(pitm, 4) : u32be(pitm, 4);
    } else if (box.type === 'iprp') {
      for await (const inner of children(file, box.start, box.end, budget)) {
        if (inner.type === 'ipco') {
          for await (const property of children(file, inner.start, inner.end, budget)) {
            const wanted = property.type === 'ispe' || property.type === 'irot';
            properties.push({ type: property.type, body: wanted ? await content(file, property) : new Uint8Array(0) });
          }
        } else if (inner.type === 'ipma') {
          readAssociations(await content(file, inner), associations);
        }
      }
    }
  }
  const ispe = (body: Uint8Array): { width: number; height: number } => ({ width: u32be(body, 4), height: u32be(body, 8) });
  let size: { width: number; height: number } | null = null;
  let rotation = 0;
  const linked = primary === null ? undefined : associations.get(primary);
  if (linked !== undefined) {
    for (const index of linked) {
      const property = properties[index - 1];
      if (property?.type === 'ispe') size = ispe(property.body);
      if (property?.type === 'irot') rotation = ((property.body[0] ?? 0) & 3) * 90;
    }
  }
  if (size === null) {
    // No association table we could read: the largest extent is the full picture (tiles are smaller).
    for (const property of properties) {
      if (property.type !== 'ispe') continue;
      const candidate = ispe(property.body);
      if (size === null || candidate.width * candidate.height > size.width * size.height) size = candidate;
    }
  }
  if (size === null || size.width === 0 || size.height === 0) return null;
  return { ...size, anticlockwise: rotation === 90 ? 90 : rotation === 180 ? 180 : rotation === 270 ? 270 : 0 };
}

function readAssociations(ipma: Uint8Array, into: Map<number, number[]>): void {
  const version = ipma[0] ?? 0;
  const wide = ((ipma[3] ?? 0) & 1) === 1;
  const count = u32be(ipma, 4);
  let at = 8;
  for (let i = 0; i < count && at < ipma.length; i++) {
    const item = version < 1 ? u16be(ipma, at) : u32be(ipma, at);
    at += version < 1 ? 2 : 4;
    const n = ipma[at] ?? 0;
    at += 1;
    const list: number[] = [];
    for (let k = 0; k < n && at < ipma.length; k++) {
      list.push(wide ? u16be(ipma, at) & 0x7fff : (ipma[at] ?? 0) & 0x7f);
      at += wide ? 2 : 1;
    }
    into.set(item, list);
  }
}
