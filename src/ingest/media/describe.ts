import { decodeJpeg, decodePng, MAX_DECODE_BYTES, MAX_DECODE_PIXELS, MAX_FFMPEG_PIXELS } from './decode.js';
import { movieMetadata, readPhotoMetadata } from './exif.js';
import type { HashAlgorithm, MediaExif, MediaFacts, MediaProblem } from '../../model/index.js';
import { decodeStill, extractKeyframes, FRAME_SIDE, probe, type FfmpegRunner, type ProbedStreams } from './ffmpeg.js';
import { bmpSize, gifSize, jpegSize, minimumBytes, pngSize, webpChunk, webpSize, type StoredSize } from './headers.js';
import { readMovieHeader, readStillImageHeader, type MovieHeader } from './iso-bmff.js';
import { applyOrientation, perceptualHash, type GrayImage } from './perceptual-hash.js';
import { bytesRandomAccess, openRandomAccess, type RandomAccess } from './random-access.js';
import { kindOf, sameMediaType, sniffMedia, SNIFF_BYTES, type MediaKind } from './sniff.js';

export interface DescribeMediaInput {
  /** The file on disk (the vault's copy): read at random, never whole unless it is a picture to decode. */
  readonly path: string;
  /** What the carrying source or the file name claimed (Telegram's mime_type, ".jpg"); null if nothing. */
  readonly mediaType: string | null;
  /** SHA-256 of the file, as the vault computed it. */
  readonly sha256: string;
}

export interface DescribeMediaDeps {
  /** Null when ffmpeg is not installed: no keyframes, no GIF/WebP/HEIC pixels, everything else still read. */
  readonly ffmpeg: FfmpegRunner | null;
  /** The case's IANA timezone, for `takenAtInCaseZone`. */
  readonly timezone: string;
  /** dHash unless told otherwise: it measured more robust (see SAME_PICTURE_MAX_DISTANCE). */
  readonly hashAlgorithm?: HashAlgorithm;
  /** Per ffmpeg run. */
  readonly timeoutMs?: number;
}

/**
 * dHash: measured as robust as pHash to re-encoding and resizing and clearly more robust to the
 * caption bars and crops that recycled pictures carry, with no more false matches (bench/media.ts).
 */
export const DEFAULT_HASH_ALGORITHM: HashAlgorithm = 'dhash-64';
/** Per ffmpeg run: keyframes take about 2.6 s per minute of 1080p H.264 (bench/media.ts), so ~1 h of video. */
export const DEFAULT_FFMPEG_TIMEOUT_MS = 180_000;

/**
 * What a photo, video or sound file is and says about itself. Damage never throws: it becomes a
 * problem in the facts, and everything that could still be read is there. Only a file that
 * cannot be opened at all throws.
 */
export async function describeMedia(input: DescribeMediaInput, deps: DescribeMediaDeps): Promise<MediaFacts> {
  const file = await openRandomAccess(input.path);
  try {
    return await describeSource({ access: file, path: input.path, bytes: file.size, sha256: input.sha256, declared: input.mediaType }, deps);
  } finally {
    await file.close();
  }
}

/**
 * The same from the first bytes only, when there is no copy on disk to read at random: type,
 * header sizes and what metadata the head holds; nothing is decoded.
 */
export async function describeHead(head: Uint8Array, bytes: number, sha256: string, declared: string | null, deps: DescribeMediaDeps): Promise<MediaFacts> {
  return describeSource({ access: bytesRandomAccess(head), path: null, bytes, sha256, declared }, deps);
}

interface MediaSource {
  readonly access: RandomAccess;
  /** For exifr and ffmpeg, which open the file themselves; null for head-only. */
  readonly path: string | null;
  /** The whole file's size (more than access.size when only the head is there). */
  readonly bytes: number;
  readonly sha256: string;
  readonly declared: string | null;
}

class ProblemList {
  readonly list: MediaProblem[] = [];
  add(code: string, severity: MediaProblem['severity'], message: string): void {
    this.list.push({ code, severity, message });
  }
}

/** ffmpeg with the path it reads, or null: not installed, or no copy on disk (stream only). */
function ffmpegFor(source: MediaSource, deps: DescribeMediaDeps): { runner: FfmpegRunner; path: string } | null {
  return deps.ffmpeg === null || source.path === null ? null : { runner: deps.ffmpeg, path: source.path };
}

/** Why ffmpeg did not run, and what is missing because of it. */
function ffmpegUnavailable(source: MediaSource, problems: ProblemList, missing: string): void {
  if (source.path === null) problems.add('no-random-access', 'info', `there is no copy on disk for ffmpeg to read: ${missing}`);
  else problems.add('ffmpeg-missing', 'info', `ffmpeg is not installed: ${missing}`);
}

interface Described {
  mediaType: string;
  kind: MediaKind;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  exif: MediaExif | null;
  perceptualHash: string | null;
  keyframes: { timeSeconds: number; perceptualHash: string }[];
}

async function describeSource(source: MediaSource, deps: DescribeMediaDeps): Promise<MediaFacts> {
  const problems = new ProblemList();
  const algorithm = deps.hashAlgorithm ?? DEFAULT_HASH_ALGORITHM;
  const head = await source.access.read(0, SNIFF_BYTES);
  const sniffed = sniffMedia(head);
  const described: Described = {
    mediaType: sniffed.mediaType,
    kind: sniffed.kind,
    width: null,
    height: null,
    durationSeconds: null,
    exif: null,
    perceptualHash: null,
    keyframes: [],
  };
  if (sniffed.kind !== 'other' && source.access.size < source.bytes) {
    problems.add('no-random-access', 'info', `only the first ${source.access.size} of ${source.bytes} bytes were at hand (no copy on disk): nothing was decoded or hashed, and metadata past them was not read`);
  }
  try {
    if (sniffed.kind === 'image') await describeImage(source, head, described, deps, algorithm, problems);
    else if (sniffed.kind === 'video' || sniffed.kind === 'audio') await describeMovie(source, described, deps, algorithm, problems);
  } catch (error) {
    // A parser bug on a hostile file must not lose the facts already read.
    problems.add('internal-error', 'error', `reading the file failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
  }
  checkDeclared(source.declared, described, problems);
  return {
    sha256: source.sha256,
    mediaType: described.mediaType,
    declaredMediaType: source.declared,
    kind: described.kind,
    bytes: source.bytes,
    width: described.width,
    height: described.height,
    durationSeconds: described.durationSeconds,
    exif: described.exif,
    perceptualHash: described.perceptualHash,
    hashAlgorithm: described.perceptualHash !== null || described.keyframes.length > 0 ? algorithm : null,
    keyframes: described.keyframes,
    problems: problems.list,
  };
}

function checkDeclared(declared: string | null, described: Described, problems: ProblemList): void {
  if (described.kind === 'other') {
    const claim = declared === null ? '' : ` (it was given as ${declared})`;
    problems.add('not-media', 'error', `the content is not a photo, video or sound format that corroborate recognises${claim}`);
  } else if (declared !== null && !sameMediaType(declared, described.mediaType)) {
    problems.add('type-mismatch', 'warning', `given as ${declared}, but the content is ${described.mediaType}: the content decides`);
  }
}

// ---------------------------------------------------------------------------------------------
// Photos

/** exifr reads these itself (JPEG, PNG, TIFF, HEIF); WebP's EXIF chunk is handed over as TIFF bytes. */
const EXIFR_TYPES = new Set(['image/jpeg', 'image/png', 'image/tiff', 'image/heic', 'image/heif', 'image/avif']);
const IN_PROCESS = new Set(['image/jpeg', 'image/png']);
/** HEIF turns its pixels by its own `irot`: its EXIF orientation is informational (ISO/IEC 23008-12 §6.5.10). */
const ORIENTED_BY_CONTAINER = new Set(['image/heic', 'image/heif', 'image/avif']);

async function describeImage(source: MediaSource, head: Uint8Array, described: Described, deps: DescribeMediaDeps, algorithm: HashAlgorithm, problems: ProblemList): Promise<void> {
  const type = described.mediaType;
  const header = await storedSize(source.access, head, type);
  const stored = header?.size ?? null;
  described.exif = await photoExif(source, type, deps.timezone, problems);
  const orientation = ORIENTED_BY_CONTAINER.has(type) ? (header?.orientation ?? null) : (described.exif?.orientation ?? null);
  if (stored !== null) {
    const turned = orientation !== null && orientation >= 5;
    described.width = turned ? stored.height : stored.width;
    described.height = turned ? stored.width : stored.height;
  }

  const complete = source.access.size >= source.bytes;
  if (!complete) return; // head only: said once above
  const pixels = stored === null ? null : stored.width * stored.height;
  const ffmpeg = ffmpegFor(source, deps);
  if (stored !== null && pixels !== null && source.bytes < minimumBytes(type, head, stored)) {
    problems.add(
      'image-undecodable',
      'warning',
      `the header claims ${stored.width}×${stored.height} (${megapixels(pixels)} megapixels), more than ${source.bytes} bytes can hold: the file is truncated or forged, and is not decoded (no perceptual hash)`,
    );
    return;
  }
  let image: GrayImage | null = null;
  if (IN_PROCESS.has(type) && (pixels === null || pixels <= MAX_DECODE_PIXELS) && source.bytes <= MAX_DECODE_BYTES) {
    const bytes = await source.access.read(0, source.bytes);
    try {
      image = type === 'image/jpeg' ? decodeJpeg(bytes) : decodePng(bytes);
    } catch (error) {
      const truncated = type === 'image/jpeg' ? jpegLooksTruncated(bytes) : !/IEND/.test(Buffer.from(bytes.subarray(-12)).toString('latin1'));
      const why = error instanceof Error ? error.message : String(error);
      problems.add(
        'image-undecodable',
        'warning',
        `the picture could not be decoded (${why})${truncated ? '; the file stops before its end marker: it is truncated' : ''}; no perceptual hash`,
      );
      return;
    }
    if (described.width === null || described.height === null) {
      const turned = orientation !== null && orientation >= 5;
      described.width = turned ? image.height : image.width;
      described.height = turned ? image.width : image.height;
    }
  } else if (pixels !== null && pixels > MAX_FFMPEG_PIXELS) {
    problems.add('image-too-large', 'warning', `the header says ${stored?.width ?? 0}×${stored?.height ?? 0} (${megapixels(pixels)} megapixels): over ${MAX_FFMPEG_PIXELS / 1_000_000} MP nothing is decoded, so no perceptual hash`);
    return;
  } else if (ffmpeg !== null) {
    const decoded = await decodeStill(ffmpeg.runner, ffmpeg.path, deps.timeoutMs ?? DEFAULT_FFMPEG_TIMEOUT_MS, MAX_FFMPEG_PIXELS);
    if (decoded.pixels === null) {
      problems.add('image-undecodable', 'warning', `the picture could not be decoded: ${decoded.failure ?? 'no pixels'}; no perceptual hash`);
      return;
    }
    // A square of the stored picture: the hash squeezes every picture into a square anyway.
    image = { width: FRAME_SIDE, height: FRAME_SIDE, data: decoded.pixels };
  } else if (IN_PROCESS.has(type)) {
    ffmpegUnavailable(
      source,
      problems,
      `the picture has ${megapixels(pixels)} megapixels (${source.bytes} bytes); over ${MAX_DECODE_PIXELS / 1_000_000} MP or ${MAX_DECODE_BYTES / 1024 / 1024} MiB it is decoded only by ffmpeg, so there is no perceptual hash`,
    );
    return;
  } else {
    ffmpegUnavailable(source, problems, `${type} is decoded only by ffmpeg, so there is no perceptual hash (size and metadata are read)`);
    return;
  }
  described.perceptualHash = perceptualHash(applyOrientation(image, orientation), algorithm);
}

const megapixels = (pixels: number | null): string => (pixels === null ? 'an unknown number of' : String(Math.round(pixels / 100_000) / 10));

/**
 * No end-of-image marker after the last scan header. Inside entropy-coded data a 0xFF is always
 * followed by 0x00 or a restart marker, so FF DA and FF D9 there are real markers; the search
 * starts at the last scan so that an EXIF thumbnail's own EOI does not count.
 */
function jpegLooksTruncated(bytes: Uint8Array): boolean {
  let scan = -1;
  for (let i = bytes.length - 2; i >= 0; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xda) {
      scan = i;
      break;
    }
  }
  if (scan < 0) return true;
  for (let i = scan + 2; i < bytes.length - 1; i++) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return false;
  return true;
}

/** The stored size, and for HEIF the turn its `irot` asks for, as the EXIF orientation that does the same. */
async function storedSize(access: RandomAccess, head: Uint8Array, type: string): Promise<{ size: StoredSize | null; orientation: number | null } | null> {
  const plain = (size: StoredSize | null): { size: StoredSize | null; orientation: null } => ({ size, orientation: null });
  switch (type) {
    case 'image/jpeg':
      return plain(await jpegSize(access));
    case 'image/png':
      return plain(pngSize(head));
    case 'image/gif':
      return plain(gifSize(head));
    case 'image/webp':
      return plain(webpSize(head));
    case 'image/bmp':
      return plain(bmpSize(head));
    case 'image/heic':
    case 'image/heif':
    case 'image/avif': {
      const still = await readStillImageHeader(access);
      if (still === null) return null;
      // irot turns anticlockwise: 90° is EXIF 8, 180° is 3, 270° (90° clockwise) is 6.
      const orientation = still.anticlockwise === 90 ? 8 : still.anticlockwise === 180 ? 3 : still.anticlockwise === 270 ? 6 : null;
      return { size: { width: still.width, height: still.height }, orientation };
    }
    default:
      return null;
  }
}

async function photoExif(source: MediaSource, type: string, timezone: string, problems: ProblemList): Promise<MediaExif | null> {
  if (type === 'image/webp') {
    const chunk = await webpChunk(source.access, 'EXIF', 1 << 20);
    if (chunk === null || chunk.length < 8) return null;
    // Some writers keep JPEG's "Exif\0\0" before the TIFF header.
    const tiff = chunk[0] === 0x45 && chunk[1] === 0x78 && chunk[4] === 0 ? chunk.subarray(6) : chunk;
    return readPhotoMetadata(tiff, timezone, problems);
  }
  if (!EXIFR_TYPES.has(type)) return null;
  const complete = source.access.size >= source.bytes;
  if (source.path !== null && complete) return readPhotoMetadata(source.path, timezone, problems);
  return readPhotoMetadata(await source.access.read(0, source.access.size), timezone, problems);
}

// ---------------------------------------------------------------------------------------------
// Videos and sound

const ISO_BMFF = new Set(['video/mp4', 'video/quicktime', 'video/3gpp', 'video/3gpp2', 'audio/mp4']);

async function describeMovie(source: MediaSource, described: Described, deps: DescribeMediaDeps, algorithm: HashAlgorithm, problems: ProblemList): Promise<void> {
  let header: MovieHeader | null = null;
  if (ISO_BMFF.has(described.mediaType)) {
    header = await readMovieHeader(source.access);
    if (header !== null && !header.hasVideo && header.hasAudio && described.kind === 'video') {
      // An MP4 with only a sound track (a voice note saved as .mp4) is sound.
      described.mediaType = 'audio/mp4';
      described.kind = kindOf('audio/mp4');
    }
  }
  const complete = source.access.size >= source.bytes;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_FFMPEG_TIMEOUT_MS;
  const ffmpeg = complete ? ffmpegFor(source, deps) : null;
  let streams: ProbedStreams | null = null;
  let probeFailure: string | null = null;
  if (ffmpeg !== null) {
    const probed = await probe(ffmpeg.runner, ffmpeg.path, timeoutMs);
    streams = probed.streams;
    probeFailure = probed.failure;
  }
  described.durationSeconds = header?.durationSeconds ?? streams?.durationSeconds ?? null;
  if (described.kind === 'video') {
    described.width = positive(header?.width) ?? positive(streams?.width);
    described.height = positive(header?.height) ?? positive(streams?.height);
  }
  described.exif = movieMetadata(header, streams?.tags ?? {}, deps.timezone, problems);
  if (header === null && streams === null && complete) {
    const code = `${described.kind}-unreadable`;
    if (ISO_BMFF.has(described.mediaType)) {
      problems.add(code, 'warning', `it has no movie header (moov): the file is truncated or damaged${probeFailure === null ? '' : ` (${probeFailure})`}`);
    } else if (probeFailure !== null) {
      problems.add(code, 'warning', `the ${described.kind} could not be read: ${probeFailure}`);
    } else {
      ffmpegUnavailable(source, problems, `the streams of ${described.mediaType} are read only by ffmpeg (no size, duration or keyframes)`);
    }
    return;
  }

  if (described.kind !== 'video' || !complete) return;
  if (ffmpeg === null) {
    ffmpegUnavailable(source, problems, 'no keyframes were extracted or hashed (size, duration and metadata are read)');
    return;
  }
  if (streams !== null && !streams.hasVideo) return;
  const { frames, failure } = await extractKeyframes(ffmpeg.runner, ffmpeg.path, described.durationSeconds, timeoutMs);
  if (failure !== null) problems.add('keyframes-failed', 'warning', failure);
  described.keyframes = frames.map((frame) => ({
    timeSeconds: Math.max(0, frame.timeSeconds),
    perceptualHash: perceptualHash({ width: FRAME_SIDE, height: FRAME_SIDE, data: frame.pixels }, algorithm),
  }));
}

function positive(n: number | null | undefined): number | null {
  return n !== null && n !== undefined && Number.isInteger(n) && n > 0 ? n : null;
}
