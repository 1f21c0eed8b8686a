import exifr from 'exifr';
import { DateTime } from 'luxon';
import type { MediaExif, MediaGps, MediaProblem } from '../../model/index.js';
import type { MovieHeader } from './iso-bmff.js';

/**
 * Capture time, place and device from a photo's EXIF, XMP and IPTC (read with exifr), or from a
 * video's QuickTime tags. Times are read from the strings the file holds: exifr's own Date
 * objects are built in the reading machine's timezone, which must never leak into evidence.
 */

/**
 * exifr options: raw values (`reviveValues: false` keeps "2026:03:07 16:05:00" as written;
 * revived, it becomes a Date in the machine's local time); no thumbnails, ICC or maker notes.
 */
const EXIFR_OPTIONS = {
  tiff: true,
  ifd0: {},
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  ifd1: false,
  interop: false,
  icc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  reviveValues: false,
  translateValues: false,
  translateKeys: true,
  mergeOutput: false,
  sanitize: true,
  silentErrors: true,
} as const;

type Block = Record<string, unknown>;

interface Problems {
  add(code: string, severity: MediaProblem['severity'], message: string): void;
}

/** What exifr cannot read at all (not EXIF-bearing formats): not a problem, just no metadata. */
const NOT_SUPPORTED = /unknown file format|invalid input argument|not supported/i;

export async function readPhotoMetadata(source: string | Uint8Array, timezone: string, problems: Problems): Promise<MediaExif | null> {
  let parsed: unknown;
  try {
    parsed = await exifr.parse(source, EXIFR_OPTIONS);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!NOT_SUPPORTED.test(message)) problems.add('exif-unreadable', 'warning', `the embedded metadata could not be read (${message})`);
    return null;
  }
  if (!isBlock(parsed)) return null;
  const errors = parsed['errors'];
  if (Array.isArray(errors) && errors.length > 0) {
    problems.add('exif-unreadable', 'warning', `part of the embedded metadata could not be read (${errors.map(String).join('; ')})`);
  }
  const block = (name: string): Block => {
    const value = parsed[name];
    return isBlock(value) ? value : {};
  };
  return photoMetadata({ ifd0: block('ifd0'), exif: block('exif'), gps: block('gps'), xmp: xmpBlocks(parsed), iptc: block('iptc') }, timezone, problems);
}

interface PhotoBlocks {
  ifd0: Block;
  exif: Block;
  gps: Block;
  /** XMP properties as `prefix:Name` → value. */
  xmp: Block;
  iptc: Block;
}

/** exifr puts each XMP namespace in its own block (`xmp`, `photoshop`, `exif` would clash): gather them. */
function xmpBlocks(parsed: Block): Block {
  const out: Block = {};
  for (const [namespace, value] of Object.entries(parsed)) {
    if (['ifd0', 'ifd1', 'exif', 'gps', 'interop', 'iptc', 'errors', 'thumbnail', 'icc', 'jfif', 'ihdr'].includes(namespace) || !isBlock(value)) continue;
    for (const [name, property] of Object.entries(value)) out[`${namespace}:${name}`] = property;
  }
  // XMP's own exif: namespace arrives as exifr's "exif" block only when there is no EXIF segment.
  return out;
}

const RAW_TAGS: readonly (readonly [keyof PhotoBlocks, string])[] = [
  ['ifd0', 'ModifyDate'], ['ifd0', 'Software'], ['ifd0', 'HostComputer'], ['ifd0', 'ImageDescription'],
  ['exif', 'DateTimeOriginal'], ['exif', 'CreateDate'], ['exif', 'OffsetTime'], ['exif', 'OffsetTimeOriginal'], ['exif', 'OffsetTimeDigitized'],
  ['exif', 'SubSecTimeOriginal'], ['exif', 'LensModel'],
  ['gps', 'GPSDateStamp'], ['gps', 'GPSTimeStamp'], ['gps', 'GPSMapDatum'], ['gps', 'GPSStatus'],
  ['xmp', 'xmp:CreateDate'], ['xmp', 'xmp:ModifyDate'], ['xmp', 'xmp:MetadataDate'], ['xmp', 'xmp:CreatorTool'],
  ['xmp', 'photoshop:DateCreated'], ['xmp', 'photoshop:City'], ['xmp', 'photoshop:State'], ['xmp', 'photoshop:Country'],
  ['xmp', 'exif:DateTimeOriginal'], ['xmp', 'exif:DateTimeDigitized'], ['xmp', 'exif:GPSLatitude'], ['xmp', 'exif:GPSLongitude'],
  ['xmp', 'Iptc4xmpCore:Location'], ['xmp', 'dc:description'], ['xmp', 'dc:title'],
  ['iptc', 'DateCreated'], ['iptc', 'TimeCreated'], ['iptc', 'DigitalCreationDate'], ['iptc', 'DigitalCreationTime'], ['iptc', 'City'],
  ['iptc', 'Sublocation'], ['iptc', 'State'], ['iptc', 'Country'], ['iptc', 'CountryCode'], ['iptc', 'Headline'], ['iptc', 'Caption'],
  ['iptc', 'OriginatingProgram'],
];
// Left out on purpose: Artist, Copyright, OwnerName, serial numbers, IPTC By-line and Contact.
// They name or single out a person (the photographer), and corroborate verifies events, not people.

function photoMetadata(blocks: PhotoBlocks, timezone: string, problems: Problems): MediaExif | null {
  const raw: Record<string, string | number> = {};
  for (const [block, tag] of RAW_TAGS) {
    const value = rawValue(blocks[block][tag]);
    if (value !== null) raw[block === 'xmp' ? `xmp.${tag}` : `${block}.${tag}`] = value;
  }
  const candidates: TimeCandidate[] = [];
  const exifTime = (dateTag: string, offsetTag: string): void => {
    const written = text(blocks.exif[dateTag]);
    if (written === null) return;
    const wall = parseExifDateTime(written);
    if (wall === null) {
      problems.add('exif-invalid-date', 'warning', `EXIF ${dateTag} "${written}" is not a date and time`);
      return;
    }
    const offsetText = text(blocks.exif[offsetTag]);
    const offset = offsetText === null ? null : parseOffset(offsetText);
    if (offsetText !== null && offset === null) problems.add('exif-invalid-date', 'warning', `EXIF ${offsetTag} "${offsetText}" is not a UTC offset`);
    candidates.push({ wall, offsetMinutes: offset, source: `exif.${dateTag}` });
  };
  exifTime('DateTimeOriginal', 'OffsetTimeOriginal');
  exifTime('CreateDate', 'OffsetTimeDigitized');
  for (const tag of ['exif:DateTimeOriginal', 'photoshop:DateCreated', 'xmp:CreateDate']) {
    const written = text(blocks.xmp[tag]);
    if (written === null) continue;
    const parsed = parseIsoDateTime(written);
    if (parsed === null) {
      if (!/^\d{4}(-\d{2}){0,2}$/.test(written)) problems.add('exif-invalid-date', 'warning', `XMP ${tag} "${written}" is not a date and time`);
      continue;
    }
    candidates.push({ ...parsed, source: `xmp.${tag}` });
  }
  const iptcDate = text(blocks.iptc['DateCreated']);
  const iptcTime = text(blocks.iptc['TimeCreated']);
  if (iptcDate !== null && iptcTime !== null) {
    const parsed = parseIptcDateTime(iptcDate, iptcTime);
    if (parsed !== null) candidates.push({ ...parsed, source: 'iptc.DateCreated' });
  }

  const gps = readGps(blocks.gps, problems);
  const device = {
    make: text(blocks.ifd0['Make']),
    model: text(blocks.ifd0['Model']),
    software: text(blocks.ifd0['Software']) ?? text(blocks.xmp['xmp:CreatorTool']),
  };
  const orientationValue = blocks.ifd0['Orientation'];
  const orientation = typeof orientationValue === 'number' && Number.isInteger(orientationValue) && orientationValue >= 1 && orientationValue <= 8 ? orientationValue : null;
  const nothing = candidates.length === 0 && gps === null && device.make === null && device.model === null && device.software === null && orientation === null;
  if (nothing && Object.keys(raw).length === 0) return null;
  return { ...chooseTime(candidates, timezone), gps, device, orientation, raw };
}

// ---------------------------------------------------------------------------------------------
// Times

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

interface TimeCandidate {
  readonly wall: WallTime;
  readonly offsetMinutes: number | null;
  readonly source: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validWall(year: number, month: number, day: number, hour: number, minute: number, second: number): WallTime | null {
  if (year < 1800 || year > 2200 || hour > 23 || minute > 59 || second > 59) return null;
  const probe = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: 'UTC' });
  return probe.isValid ? { year, month, day, hour, minute, second } : null;
}

/** EXIF's "YYYY:MM:DD HH:MM:SS" (Exif 2.3 §4.6.5); "0000:00:00 00:00:00" and blanks are no date. */
export function parseExifDateTime(written: string): WallTime | null {
  const match = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*$/.exec(written.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return validWall(y, mo, d, h, mi, s);
}

/** "+05:30", "-04:00", "+0000", "Z" → minutes east of UTC. */
export function parseOffset(written: string): number | null {
  const trimmed = written.trim();
  if (trimmed === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(trimmed);
  if (match === null) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[3]) > 59 || minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

/** XMP and QuickTime: ISO 8601, seconds and offset optional ("2026-03-07T16:05-04:00"). */
export function parseIsoDateTime(written: string): { wall: WallTime; offsetMinutes: number | null } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(written.trim());
  if (match === null) return null;
  const wall = validWall(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0));
  if (wall === null) return null;
  const offsetMinutes = match[7] === undefined ? null : parseOffset(match[7]);
  if (match[7] !== undefined && offsetMinutes === null) return null;
  return { wall, offsetMinutes };
}

/** IPTC-IIM 2:55 "CCYYMMDD" and 2:60 "HHMMSS±HHMM" (exifr may already have put in separators). */
function parseIptcDateTime(date: string, time: string): { wall: WallTime; offsetMinutes: number | null } | null {
  const d = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):?(\d{2}):?(\d{2})([+-]\d{2}:?\d{2})?$/.exec(time.trim());
  if (d === null || t === null) return null;
  const wall = validWall(Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3]));
  if (wall === null) return null;
  return { wall, offsetMinutes: t[4] === undefined ? null : parseOffset(t[4]) };
}

function formatWall(w: WallTime): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const sameWall = (a: WallTime, b: WallTime): boolean =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;

/**
 * The capture time: the first candidate in order of authority (EXIF original, EXIF digitized,
 * XMP, IPTC). When it has no offset but another tag gives the same wall-clock time with one
 * (an editor that wrote photoshop:DateCreated with its offset), that offset is taken.
 */
function chooseTime(candidates: readonly TimeCandidate[], timezone: string): Pick<MediaExif, 'takenAt' | 'takenAtHasOffset' | 'takenAtSource' | 'takenAtInCaseZone'> {
  const first = candidates[0];
  if (first === undefined) return { takenAt: null, takenAtHasOffset: false, takenAtSource: null, takenAtInCaseZone: null };
  let offset = first.offsetMinutes;
  let source = first.source;
  if (offset === null) {
    const withOffset = candidates.find((c) => c.offsetMinutes !== null && sameWall(c.wall, first.wall));
    if (withOffset !== undefined) {
      offset = withOffset.offsetMinutes;
      source = `${first.source} + offset from ${withOffset.source}`;
    }
  }
  if (offset !== null) return { takenAt: `${formatWall(first.wall)}${formatOffset(offset)}`, takenAtHasOffset: true, takenAtSource: source, takenAtInCaseZone: null };
  return { takenAt: formatWall(first.wall), takenAtHasOffset: false, takenAtSource: source, takenAtInCaseZone: inZone(first.wall, timezone) };
}

function inZone(wall: WallTime, timezone: string): string | null {
  const at = DateTime.fromObject(wall, { zone: timezone });
  if (!at.isValid) return null;
  return at.toISO({ suppressMilliseconds: true, includeOffset: true });
}

/** An ISO time with an offset as UTC ("…Z"), for a RawItem's `time`. */
export function toUtc(isoWithOffset: string): string | null {
  const at = DateTime.fromISO(isoWithOffset, { setZone: true });
  return at.isValid ? at.toUTC().toISO({ suppressMilliseconds: true }) : null;
}

// ---------------------------------------------------------------------------------------------
// Position

const METRES_PER_ARC_SECOND = 30.87;

function readGps(gps: Block, problems: Problems): MediaGps | null {
  const latParts = numbers(gps['GPSLatitude']);
  const lonParts = numbers(gps['GPSLongitude']);
  if (latParts === null || lonParts === null) return null;
  const latRef = text(gps['GPSLatitudeRef'])?.toUpperCase() ?? null;
  const lonRef = text(gps['GPSLongitudeRef'])?.toUpperCase() ?? null;
  if ((latRef !== 'N' && latRef !== 'S') || (lonRef !== 'E' && lonRef !== 'W')) {
    problems.add('gps-invalid', 'warning', `GPS position without a valid N/S or E/W reference (${latRef ?? 'none'}, ${lonRef ?? 'none'}): the hemisphere is unknown, the position is left out`);
    return null;
  }
  const lat = fromDms(latParts, 90);
  const lon = fromDms(lonParts, 180);
  if (lat === null || lon === null) {
    problems.add('gps-invalid', 'warning', `GPS position ${JSON.stringify(gps['GPSLatitude'])} ${JSON.stringify(gps['GPSLongitude'])} is not a valid latitude and longitude`);
    return null;
  }
  if (lat === 0 && lon === 0) {
    problems.add('gps-placeholder', 'warning', 'GPS position is 0°, 0° — what devices write when they have no fix; left out');
    return null;
  }
  if (text(gps['GPSStatus'])?.toUpperCase() === 'V') {
    problems.add('gps-void', 'info', 'GPSStatus says the measurement was interrupted (V): the position may be stale');
  }
  const altitudeValue = gps['GPSAltitude'];
  const belowSeaLevel = firstNumber(gps['GPSAltitudeRef']) === 1;
  const altitude = typeof altitudeValue === 'number' && Number.isFinite(altitudeValue) ? (belowSeaLevel ? -altitudeValue : altitudeValue) : null;
  const errorValue = gps['GPSHPositioningError'];
  return {
    lat: round(latRef === 'S' ? -lat : lat, 7),
    lon: round(lonRef === 'W' ? -lon : lon, 7),
    altitude: altitude === null ? null : round(altitude, 2),
    time: gpsTime(gps['GPSDateStamp'], gps['GPSTimeStamp']),
    positioningErrorMetres: typeof errorValue === 'number' && Number.isFinite(errorValue) && errorValue >= 0 ? errorValue : null,
    precision: precisionNote(latParts, lonParts),
  };
}

function fromDms(parts: readonly number[], limit: number): number | null {
  const [d = 0, m = 0, s = 0] = parts;
  if (![d, m, s].every((n) => Number.isFinite(n) && n >= 0) || m >= 60 || s >= 60) return null;
  const value = d + m / 60 + s / 3600;
  return value <= limit ? value : null;
}

function decimals(n: number): number {
  const written = String(n);
  const dot = written.indexOf('.');
  return dot < 0 ? 0 : Math.min(6, written.length - dot - 1);
}

/** How finely the coordinates were written: the coarser of latitude and longitude. */
function precisionNote(lat: readonly number[], lon: readonly number[]): string {
  const metres = (parts: readonly number[]): number => {
    const [d = 0, m = 0, s = 0] = parts;
    if (s !== 0) return METRES_PER_ARC_SECOND * 10 ** -decimals(s);
    if (m !== 0) return METRES_PER_ARC_SECOND * 60 * 10 ** -decimals(m);
    return METRES_PER_ARC_SECOND * 3600 * 10 ** -decimals(d);
  };
  const step = Math.max(metres(lat), metres(lon));
  const words = step >= 1000 ? `${round(step / 1000, 1)} km` : step >= 1 ? `${Math.round(step)} m` : `${round(step * 100, 1)} cm`;
  return step >= 1000
    ? `coordinates written to steps of about ${words}: rounded on purpose or by an editor, not a device's fix`
    : `coordinates written to steps of about ${words}`;
}

function gpsTime(dateValue: unknown, timeValue: unknown): string | null {
  const date = text(dateValue);
  const time = numbers(timeValue);
  if (date === null || time === null) return null;
  const d = /^(\d{4})[:-](\d{2})[:-](\d{2})$/.exec(date);
  if (d === null) return null;
  const [h = 0, m = 0, s = 0] = time;
  const wall = validWall(Number(d[1]), Number(d[2]), Number(d[3]), Math.floor(h), Math.floor(m), Math.floor(s));
  return wall === null ? null : `${formatWall(wall)}Z`;
}

// ---------------------------------------------------------------------------------------------
// Videos: the QuickTime/MP4 tags that say what EXIF says for a photo.

/** ISO 6709 as phones write it: "+10.4806-066.9036+900.100/". */
export function parseIso6709(written: string): { lat: number; lon: number; altitude: number | null } | null {
  const match = /^([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?(?:CRS[^/]*)?\/?$/.exec(written.trim());
  if (match === null) return null;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon, altitude: match[3] === undefined ? null : Number(match[3]) };
}

/** `quicktime.mdta:…` for what the MP4 boxes hold, `ffmpeg.…` for what ffmpeg listed of another container. */
const tagName = (key: string): string => (key.startsWith('ffmpeg:') ? `ffmpeg.${key.slice('ffmpeg:'.length)}` : `quicktime.${key}`);

export function movieMetadata(header: MovieHeader | null, probeTags: Readonly<Record<string, string>>, timezone: string, problems: Problems): MediaExif | null {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(header?.metadata ?? {})) tags[key] = value;
  // Non-MP4 containers (WebM, Matroska, AVI): what ffmpeg lists.
  if (header === null) for (const [key, value] of Object.entries(probeTags)) tags[`ffmpeg:${key}`] = value;
  const raw: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(tags)) {
    const clean = rawValue(value);
    if (clean !== null && /date|time|location|xyz|make|model|software|©day|©mak|©mod|©swr|encoder/i.test(key)) raw[tagName(key)] = clean;
  }
  if (header?.creationTime != null) raw['quicktime.mvhd.creation_time'] = header.creationTime;

  const candidates: TimeCandidate[] = [];
  for (const key of ['mdta:com.apple.quicktime.creationdate', 'udta:©day', 'ilst:©day', 'ffmpeg:com.apple.quicktime.creationdate', 'ffmpeg:creation_time', 'ffmpeg:DATE']) {
    const written = tags[key];
    if (written === undefined) continue;
    const parsed = parseIsoDateTime(written.replace(/(\.\d+)?Z$/, 'Z'));
    if (parsed === null) {
      problems.add('exif-invalid-date', 'warning', `${key} "${written}" is not a date and time`);
      continue;
    }
    candidates.push({ ...parsed, source: tagName(key) });
  }
  // mvhd's creation time is UTC by the spec (some cameras write local time there: a weaker source).
  if (header?.creationTime != null) {
    const parsed = parseIsoDateTime(header.creationTime);
    if (parsed !== null) candidates.push({ ...parsed, source: 'quicktime.mvhd.creation_time' });
  }
  let gps: MediaGps | null = null;
  for (const key of ['mdta:com.apple.quicktime.location.ISO6709', 'udta:©xyz', 'ffmpeg:location', 'ffmpeg:com.apple.quicktime.location.ISO6709']) {
    const written = tags[key];
    if (written === undefined) continue;
    const position = parseIso6709(written);
    if (position === null) {
      problems.add('gps-invalid', 'warning', `${key} "${written}" is not an ISO 6709 position`);
      continue;
    }
    if (position.lat === 0 && position.lon === 0) {
      problems.add('gps-placeholder', 'warning', `${key} is 0°, 0° — what devices write when they have no fix; left out`);
      continue;
    }
    // The coarser of the two: "+10.48-066.9036" is only as fine as its latitude.
    const places = Math.min(decimals(position.lat), decimals(position.lon));
    const step = 111_320 * 10 ** -places;
    gps = {
      lat: position.lat,
      lon: position.lon,
      altitude: position.altitude,
      time: null,
      positioningErrorMetres: null,
      precision: `coordinates written to ${places} decimal places of a degree (steps of about ${step >= 1000 ? `${round(step / 1000, 1)} km` : `${Math.round(step)} m`})`,
    };
    break;
  }
  const tag = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = tags[key];
      if (value !== undefined && value.trim() !== '') return clip(value.trim());
    }
    return null;
  };
  const device = {
    make: tag('mdta:com.apple.quicktime.make', 'udta:©mak', 'ffmpeg:com.apple.quicktime.make', 'ffmpeg:make'),
    model: tag('mdta:com.apple.quicktime.model', 'udta:©mod', 'ffmpeg:com.apple.quicktime.model', 'ffmpeg:model'),
    software: tag('mdta:com.apple.quicktime.software', 'udta:©swr', 'ffmpeg:com.apple.quicktime.software'),
  };
  if (candidates.length === 0 && gps === null && device.make === null && device.model === null && device.software === null && Object.keys(raw).length === 0) return null;
  return { ...chooseTime(candidates, timezone), gps, device, orientation: null, raw };
}

// ---------------------------------------------------------------------------------------------

function isBlock(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

const MAX_TEXT = 500;
const clip = (value: string): string => (value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value);

/** A tag's text: NULs and control characters dropped, trimmed, cut to 500 characters; null when empty. */
function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- EXIF ASCII fields come NUL-padded and with stray control bytes
  const clean = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  return clean === '' ? null : clip(clean);
}

function numbers(value: unknown): number[] | null {
  if (Array.isArray(value) && value.length > 0 && value.every((n) => typeof n === 'number')) return value;
  if (value instanceof Uint8Array && value.length > 0) return [...value];
  return null;
}

function firstNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  return numbers(value)?.[0] ?? null;
}

/** A tag as kept in `raw`: text, a number, a time as h:m:s, the text of an XMP alternative. */
function rawValue(value: unknown): string | number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return text(value);
  const parts = numbers(value);
  if (parts !== null && parts.length === 3 && !(value instanceof Uint8Array)) return parts.map((n) => pad(Math.floor(n))).join(':');
  if (isBlock(value)) {
    const first = Object.values(value).find((v) => typeof v === 'string');
    return first === undefined ? null : text(first);
  }
  return null;
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
