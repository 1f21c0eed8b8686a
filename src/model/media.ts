import { z } from 'zod';
import { Severity } from './diagnostic.js';
import { IsoInstant } from './raw-item.js';

/**
 * What a photo, video or sound file says about itself: the record `describeMedia` returns, kept
 * in a media item's `extra.facts` and, for attached media, beside the item that carried it.
 */

/** Something that could not be read or was doubtful; the rest of the facts still stand. */
export const MediaProblem = z.object({
  /** Stable, kebab-case; a diagnostic's rule id is `media/<code>`. */
  code: z.string().regex(/^[a-z0-9-]+$/),
  severity: Severity,
  message: z.string(),
});
export type MediaProblem = z.infer<typeof MediaProblem>;

export const MediaGps = z.object({
  /** WGS 84 decimal degrees, south and west negative. */
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Metres above sea level (negative below), when written. */
  altitude: z.number().nullable(),
  /** The GPS fix's own UTC time (GPSDateStamp + GPSTimeStamp): independent of the camera's clock. */
  time: IsoInstant.nullable(),
  /** GPSHPositioningError, when the device wrote it. */
  positioningErrorMetres: z.number().nonnegative().nullable(),
  /** How finely the coordinates were written, in words (a phone writes ~1 cm, an editor may round to 1 km). */
  precision: z.string(),
});
export type MediaGps = z.infer<typeof MediaGps>;

export const MediaDevice = z.object({
  make: z.string().nullable(),
  model: z.string().nullable(),
  /** Firmware or the last program that wrote the file (an editor here means the file was re-saved). */
  software: z.string().nullable(),
});
export type MediaDevice = z.infer<typeof MediaDevice>;

/** A capture time as the file writes it: `2026-03-07T16:05:00-04:00`, or `2026-03-07T16:05:00` with no offset. */
const LocalOrInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?$/);

/**
 * Embedded metadata: EXIF/XMP/IPTC for photos; for videos the QuickTime/MP4 tags that say the
 * same things (creation date, ISO 6709 location, make and model).
 */
export const MediaExif = z.object({
  takenAt: LocalOrInstant.nullable(),
  /** False when the file gives a wall-clock time only: it is then NOT an instant. */
  takenAtHasOffset: z.boolean(),
  /** Which tag gave takenAt: `exif.DateTimeOriginal`, `xmp.photoshop:DateCreated`, `quicktime.mdta:com.apple.quicktime.creationdate`… */
  takenAtSource: z.string().nullable(),
  /** takenAt read as a wall-clock time in the case's timezone: an assumption, only when it has no offset. */
  takenAtInCaseZone: IsoInstant.nullable(),
  gps: MediaGps.nullable(),
  device: MediaDevice,
  /** EXIF orientation 1–8 (6: rotate 90° clockwise to display); null when absent. */
  orientation: z.number().int().min(1).max(8).nullable(),
  /** The tags worth a verifier's look, as written: every date, edit traces, descriptions. */
  raw: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type MediaExif = z.infer<typeof MediaExif>;

export const HashAlgorithm = z.enum(['phash-64', 'dhash-64']);
export type HashAlgorithm = z.infer<typeof HashAlgorithm>;

export const Keyframe = z.object({
  timeSeconds: z.number().nonnegative(),
  perceptualHash: z.string().regex(/^[0-9a-f]{16}$/),
});
export type Keyframe = z.infer<typeof Keyframe>;

export const MediaFacts = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** From the content's magic bytes, never from the name. */
  mediaType: z.string(),
  /** What the name or the carrying source claimed, when it claimed something. */
  declaredMediaType: z.string().nullable(),
  kind: z.enum(['image', 'video', 'audio', 'other']),
  bytes: z.number().int().nonnegative(),
  /** As displayed (EXIF orientation and video rotation applied). */
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  exif: MediaExif.nullable(),
  /** 64 bits as 16 hex digits, of the picture as displayed; images only. */
  perceptualHash: z.string().regex(/^[0-9a-f]{16}$/).nullable(),
  /** How perceptualHash and the keyframes' hashes were made; null when nothing was hashed. */
  hashAlgorithm: HashAlgorithm.nullable(),
  keyframes: z.array(Keyframe),
  problems: z.array(MediaProblem),
});
export type MediaFacts = z.infer<typeof MediaFacts>;

const HEX_HASH = /^[0-9a-f]+$/;
const POPCOUNT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Bits that differ between two hashes written as hex of the same length. */
export function hamming(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x.length !== y.length || !HEX_HASH.test(x) || !HEX_HASH.test(y)) {
    throw new RangeError(`hamming: "${a}" and "${b}" are not hex hashes of one length`);
  }
  let distance = 0;
  for (let i = 0; i < x.length; i++) distance += POPCOUNT[Number.parseInt(x.charAt(i), 16) ^ Number.parseInt(y.charAt(i), 16)] ?? 0;
  return distance;
}

/**
 * A 64-bit hash cut into `within + 1` bands (multi-index hashing, Norouzi et al., CVPR 2012):
 * two hashes at most `within` bits apart agree exactly on at least one band (pigeonhole), so an
 * index on the bands finds every near copy by equality, and the Hamming distance sorts them.
 * Each band is `index:value`, the value as bits, so that bands of different widths never collide.
 */
export function hashBands(hash: string, within: number): string[] {
  const bits = BigInt(`0x${hash}`).toString(2).padStart(hash.length * 4, '0');
  const count = within + 1;
  const bands: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const width = Math.floor(bits.length / count) + (i < bits.length % count ? 1 : 0);
    bands.push(`${i}:${bits.slice(at, at + width)}`);
    at += width;
  }
  return bands;
}

/**
 * Hamming distance at or below which two 64-bit hashes are "the same picture".
 * Measured with bench/media.ts (src/ingest/media) on 20 public-domain/CC0 photographs (scikit-image's), dHash
 * (pHash in brackets), min–median–max bits: re-encoded at JPEG quality 20 or 50, or resized to
 * 50 % or 25 %: 0–0–5 (0–0–4); a caption bar over the bottom 12 %: 1–4–7 (6–12–24); 5 % cropped
 * from every edge: 1–9–31 (8–12–24); a 12 % caption strip added below: 2–13–22 (12–18–26).
 * Different photographs: 14–33–51 (4–32–44; the 4 is a stereo pair, one scene from two
 * viewpoints). At 10, dHash finds 80 % of all edited copies and matches no two different
 * photographs; pHash finds 56 % and matches the stereo pair. Every re-encode, resize and caption
 * bar is found (pHash: not every caption bar); harder crops and added strips need a person.
 */
export const SAME_PICTURE_MAX_DISTANCE = 10;
