/**
 * What a photo, video or sound file is, from its first bytes (magic numbers) — never from its
 * name, which is often wrong: a messenger saves a PNG screenshot as `.jpg`, a WebP as `.jpeg`.
 */

export type MediaKind = 'image' | 'video' | 'audio' | 'other';

export interface SniffedType {
  readonly mediaType: string;
  readonly kind: MediaKind;
}

/** How many leading bytes `sniffMedia` looks at. */
export const SNIFF_BYTES = 4096;

const OTHER: SniffedType = { mediaType: 'application/octet-stream', kind: 'other' };

// ISO base media file brands (ISO/IEC 14496-12 ftyp; HEIF: ISO/IEC 23008-12; AVIF: AV1 image file format).
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const STILL_BRANDS = new Set(['mif1', 'msf1']);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const THREE_GP = /^3g[p2]/;

export function sniffMedia(head: Uint8Array): SniffedType {
  const b = (i: number): number => head[i] ?? -1;
  const ascii = (from: number, text: string): boolean => {
    for (let k = 0; k < text.length; k++) if (b(from + k) !== text.charCodeAt(k)) return false;
    return true;
  };
  const type = (mediaType: string): SniffedType => ({ mediaType, kind: kindOf(mediaType) });

  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return type('image/jpeg');
  if (ascii(0, '\x89PNG\r\n\x1a\n')) return type('image/png');
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return type('image/gif');
  if (ascii(0, 'RIFF')) {
    if (ascii(8, 'WEBP')) return type('image/webp');
    if (ascii(8, 'AVI ')) return type('video/x-msvideo');
    if (ascii(8, 'WAVE')) return type('audio/wav');
    return OTHER;
  }
  if (ascii(4, 'ftyp')) return isoBmffType(head) ?? OTHER;
  if (b(0) === 0x1a && b(1) === 0x45 && b(2) === 0xdf && b(3) === 0xa3) {
    // EBML: the DocType element (0x42 0x82) says webm or matroska, within the first bytes.
    return type(containsAscii(head.subarray(0, 64), 'webm') ? 'video/webm' : 'video/x-matroska');
  }
  if (ascii(0, 'OggS')) return type(containsAscii(head.subarray(0, 128), 'theora') ? 'video/ogg' : 'audio/ogg');
  if (ascii(0, 'fLaC')) return type('audio/flac');
  if (ascii(0, '#!AMR')) return type('audio/amr');
  if (ascii(0, 'ID3')) return type('audio/mpeg');
  if ((ascii(0, 'II*\0') || ascii(0, 'MM\0*'))) return type('image/tiff');
  if (ascii(0, 'BM') && [12, 40, 52, 56, 64, 108, 124].includes(b(14) | (b(15) << 8)) && b(16) === 0 && b(17) === 0) return type('image/bmp');
  if (mpegAudioStream(head)) return type('audio/mpeg');
  return OTHER;
}

/** The brand in `ftyp` decides: a HEIF still, an AVIF, a sound-only MP4, a QuickTime movie or an MP4. */
function isoBmffType(head: Uint8Array): SniffedType | null {
  const size = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
  const brands: string[] = [];
  const end = Math.min(head.length, Math.max(16, size >>> 0));
  for (let at = 8; at + 4 <= end; at += 4) {
    if (at === 12) continue; // minor_version
    brands.push(String.fromCharCode(head[at] ?? 0, head[at + 1] ?? 0, head[at + 2] ?? 0, head[at + 3] ?? 0));
  }
  const major = brands[0];
  if (major === undefined) return null;
  const has = (set: ReadonlySet<string>): boolean => brands.some((brand) => set.has(brand));
  const of = (mediaType: string): SniffedType => ({ mediaType, kind: kindOf(mediaType) });
  if (HEIC_BRANDS.has(major) || (STILL_BRANDS.has(major) && has(HEIC_BRANDS))) return of('image/heic');
  if (AVIF_BRANDS.has(major) || (STILL_BRANDS.has(major) && has(AVIF_BRANDS))) return of('image/avif');
  if (STILL_BRANDS.has(major)) return of('image/heif');
  if (major === 'qt  ') return of('video/quicktime');
  if (AUDIO_BRANDS.has(major)) return of('audio/mp4');
  if (THREE_GP.test(major)) return of(major.startsWith('3g2') ? 'video/3gpp2' : 'video/3gpp');
  return of('video/mp4');
}

/** Bitrates in kbit/s by [MPEG-1?][layer 1–3][index] (ISO/IEC 11172-3, 13818-3). */
const MPEG_BITRATES: Record<string, readonly number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_RATES: Record<number, readonly number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** The length in bytes of the MPEG audio frame whose 4-byte header starts at `at`, or null if it is not one. */
function mpegFrameLength(head: Uint8Array, at: number): number | null {
  const [sync, second, third] = [head[at] ?? -1, head[at + 1] ?? -1, head[at + 2] ?? -1];
  if (sync !== 0xff || second < 0 || third < 0 || (second & 0xe0) !== 0xe0) return null;
  const version = (second >> 3) & 3;
  const layer = 4 - ((second >> 1) & 3);
  const bitrateIndex = third >> 4;
  const rateIndex = (third >> 2) & 3;
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const kbps = MPEG_BITRATES[`${version === 3 ? 1 : 2}-${layer}`]?.[bitrateIndex] ?? 0;
  const rate = MPEG_RATES[version]?.[rateIndex] ?? 0;
  if (kbps === 0 || rate === 0) return null;
  const padding = (third >> 1) & 1;
  if (layer === 1) return (Math.floor((12 * kbps * 1000) / rate) + padding) * 4;
  const perSample = layer === 3 && version !== 3 ? 72 : 144;
  return Math.floor((perSample * kbps * 1000) / rate) + padding;
}

/**
 * A bare MPEG audio stream (no ID3 tag): a valid frame header, and another where its length
 * says the next frame starts. One header alone is too weak — a UTF-16 byte-order mark (FF FE)
 * followed by text reads as a Layer I header.
 */
function mpegAudioStream(head: Uint8Array): boolean {
  const length = mpegFrameLength(head, 0);
  if (length === null) return false;
  // The head may end before the second frame: then one header has to do.
  if (length + 4 > head.length) return true;
  return mpegFrameLength(head, length) !== null;
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  outer: for (let i = 0; i + text.length <= bytes.length; i++) {
    for (let k = 0; k < text.length; k++) if (bytes[i + k] !== text.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

export function kindOf(mediaType: string): MediaKind {
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType.startsWith('video/')) return 'video';
  if (mediaType.startsWith('audio/')) return 'audio';
  return 'other';
}

const BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', jfif: 'image/jpeg',
  png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  heic: 'image/heic', heif: 'image/heif', avif: 'image/avif',
  tif: 'image/tiff', tiff: 'image/tiff', bmp: 'image/bmp',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', '3gp': 'video/3gpp', '3g2': 'video/3gpp2',
  webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo', ogv: 'video/ogg',
  ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', flac: 'audio/flac', amr: 'audio/amr',
};

/** The media type a file name claims, to compare with what the bytes are; null for an unknown extension. */
export function mediaTypeFromName(fileName: string): string | null {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(fileName);
  return match === null ? null : (BY_EXTENSION[(match[1] ?? '').toLowerCase()] ?? null);
}

/** Two names for one type (image/jpg, audio/opus) are not a mismatch. */
export function sameMediaType(a: string, b: string): boolean {
  const norm = (t: string): string => {
    const base = t.toLowerCase().split(';')[0]?.trim() ?? '';
    const aliases: Readonly<Record<string, string>> = {
      'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/heif': 'image/heic', 'audio/opus': 'audio/ogg',
      'video/x-m4v': 'video/mp4', 'audio/x-m4a': 'audio/mp4', 'audio/mp3': 'audio/mpeg', 'audio/x-wav': 'audio/wav', 'audio/vnd.wave': 'audio/wav',
      'video/x-matroska': 'video/webm', 'audio/webm': 'video/webm', 'video/3gpp2': 'video/3gpp', 'video/quicktime': 'video/mp4',
    };
    return aliases[base] ?? base;
  };
  return norm(a) === norm(b);
}
