import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExifDateTime, parseIso6709, parseIsoDateTime, parseOffset } from '../../../src/ingest/media/exif.js';
import { parseProbe } from '../../../src/ingest/media/ffmpeg.js';
import {
  createMediaAdapter,
  describeMedia,
  detectMedia,
  MediaFacts,
  mediaTypeFromName,
  sniffMedia,
  systemFfmpeg,
  type FfmpegResult,
  type FfmpegRunner,
} from '../../../src/ingest/media/index.js';
import { readMovieHeader } from '../../../src/ingest/media/iso-bmff.js';
import { bytesRandomAccess } from '../../../src/ingest/media/random-access.js';
import { isDiagnostic, RawItem } from '../../../src/model/index.js';
import { fixtureBytes, fixturePath, parseMediaBytes } from '../../fixtures/media/harness.js';
import { chunked } from '../../helpers/fixtures.js';
import { useTempDirs } from '../../helpers/temp.js';

const tempDir = useTempDirs();
const DEPS = { ffmpeg: null, timezone: 'America/Caracas' } as const;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sniffing by content', () => {
  it('knows photos, videos and sound by their magic bytes', () => {
    const cases: [string, Uint8Array][] = [
      ['image/jpeg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe1])],
      ['image/png', fixtureBytes('plain.png').subarray(0, 16)],
      ['image/gif', ascii('GIF89a')],
      ['image/webp', ascii('RIFF\0\0\0\0WEBPVP8 ')],
      ['image/heic', ascii('\0\0\0\x18ftypheic\0\0\0\0mif1heic')],
      ['image/avif', ascii('\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf')],
      ['video/quicktime', ascii('\0\0\0\x14ftypqt  \0\0\0\0qt  ')],
      ['video/mp4', ascii('\0\0\0\x18ftypisom\0\0\x02\0isomiso2')],
      ['audio/mp4', ascii('\0\0\0\x18ftypM4A \0\0\0\0M4A isom')],
      ['video/webm', Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...ascii('webm')])],
      ['video/x-matroska', Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88, ...ascii('matroska')])],
      ['audio/ogg', ascii('OggS\0\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13OpusHead')],
      ['audio/mpeg', ascii('ID3\x04\0')],
      ['application/octet-stream', ascii('{"messages": []}')],
      ['application/octet-stream', new Uint8Array(0)],
    ];
    for (const [type, head] of cases) expect(sniffMedia(head).mediaType, type).toBe(type);
  });

  it('detects by content, never by name', () => {
    expect(detectMedia(fixtureBytes('exif-offset-gps.jpg').subarray(0, 4096), 'foto.txt')).toBeGreaterThanOrEqual(0.9);
    expect(detectMedia(fixtureBytes('scene-change.mp4').subarray(0, 4096), 'clip')).toBeGreaterThanOrEqual(0.9);
    expect(detectMedia(fixtureBytes('garbage.jpg').subarray(0, 4096), 'garbage.jpg')).toBe(0);
    expect(detectMedia(ascii('{"name":"Canal","type":"public_channel","messages":[]}'), 'result.json')).toBe(0);
  });

  it('reads what a name claims, to compare', () => {
    expect(mediaTypeFromName('IMG_0001.JPG')).toBe('image/jpeg');
    expect(mediaTypeFromName('VID-20260307-WA0001.mp4')).toBe('video/mp4');
    expect(mediaTypeFromName('notes')).toBeNull();
  });
});

describe('metadata strings', () => {
  it('reads EXIF date-times and rejects placeholders and impossible dates', () => {
    expect(parseExifDateTime('2026:03:07 16:05:09')).toEqual({ year: 2026, month: 3, day: 7, hour: 16, minute: 5, second: 9 });
    expect(parseExifDateTime('2026:03:07 16:05:09\0')).toBeNull();
    expect(parseExifDateTime('0000:00:00 00:00:00')).toBeNull();
    expect(parseExifDateTime('2026:02:30 10:00:00')).toBeNull();
    expect(parseExifDateTime('    :  :     :  :  ')).toBeNull();
  });

  it('reads UTC offsets as EXIF, XMP and QuickTime write them', () => {
    expect(parseOffset('-04:00')).toBe(-240);
    expect(parseOffset('+05:30')).toBe(330);
    expect(parseOffset('-0400')).toBe(-240);
    expect(parseOffset('Z')).toBe(0);
    expect(parseOffset('+25:00')).toBeNull();
    expect(parseOffset('+05:75')).toBeNull();
  });

  it('reads ISO 8601 with and without seconds and offset', () => {
    expect(parseIsoDateTime('2026-03-06T22:31:05+01:00')).toEqual({ wall: { year: 2026, month: 3, day: 6, hour: 22, minute: 31, second: 5 }, offsetMinutes: 60 });
    expect(parseIsoDateTime('2026-03-07T16:05:09-0400')?.offsetMinutes).toBe(-240);
    expect(parseIsoDateTime('2026-03-07T11:20:31.00-03:00')?.offsetMinutes).toBe(-180);
    expect(parseIsoDateTime('2026-03-07T16:05')).toEqual({ wall: { year: 2026, month: 3, day: 7, hour: 16, minute: 5, second: 0 }, offsetMinutes: null });
    expect(parseIsoDateTime('2026-03-07')).toBeNull();
  });

  it('reads ISO 6709 positions', () => {
    expect(parseIso6709('+10.4806-066.9036+900.100/')).toEqual({ lat: 10.4806, lon: -66.9036, altitude: 900.1 });
    expect(parseIso6709('-33.8688+151.2093/')).toEqual({ lat: -33.8688, lon: 151.2093, altitude: null });
    expect(parseIso6709('+95.0+010.0/')).toBeNull();
    expect(parseIso6709('somewhere')).toBeNull();
  });
});

describe('ffmpeg probe output', () => {
  const stderr = [
    "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/vault/ab/cd.mp4':",
    '  Metadata:',
    '    major_brand     : qt  ',
    '    creation_time   : 2026-03-07T20:05:09.000000Z',
    '    com.apple.quicktime.location.ISO6709: +10.4806-066.9036+900.100/',
    '  Duration: 00:01:02.50, start: 0.000000, bitrate: 8093 kb/s',
    '  Stream #0:0[0x1](und): Video: hevc (Main) (hvc1 / 0x31637668), yuv420p(tv, bt709), 1920x1080, 7964 kb/s, 29.98 fps, 30 tbr, 600 tbn (default)',
    '    Metadata:',
    '      creation_time   : 2026-03-07T20:05:09.000000Z',
    '    Side data:',
    '      displaymatrix: rotation of -90.00 degrees',
    '  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 123 kb/s (default)',
    'At least one output file must be specified',
  ].join('\n');

  it('reads duration, the displayed size (rotation applied), streams and container tags', () => {
    expect(parseProbe(stderr)).toEqual({
      durationSeconds: 62.5,
      width: 1080,
      height: 1920,
      hasVideo: true,
      hasAudio: true,
      tags: { major_brand: 'qt', creation_time: '2026-03-07T20:05:09.000000Z', 'com.apple.quicktime.location.ISO6709': '+10.4806-066.9036+900.100/' },
    });
  });

  it('is null when ffmpeg found no input', () => {
    expect(parseProbe('/vault/x: Invalid data found when processing input')).toBeNull();
  });
});

describe('MP4 boxes', () => {
  const box = (type: string, ...parts: Uint8Array[]): Uint8Array => {
    const length = 8 + parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(length);
    new DataView(out.buffer).setUint32(0, length);
    out.set(ascii(type), 4);
    let at = 8;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };
  const words = (...values: number[]): Uint8Array => {
    const out = new Uint8Array(values.length * 4);
    values.forEach((v, i) => { new DataView(out.buffer).setInt32(i * 4, v); });
    return out;
  };
  /** tkhd v0: flags, times, id, reserved, duration, reserved ×2, layer/group, volume/reserved, matrix, width, height. */
  const tkhd = (matrix: number[], width: number, height: number): Uint8Array =>
    box('tkhd', words(0, 0, 0, 1, 0, 0, 0, 0, 0, 0), words(...matrix), words(width * 65536, height * 65536));
  const hdlr = (type: string): Uint8Array => box('hdlr', words(0, 0), ascii(type), words(0, 0, 0), new Uint8Array(1));
  // mvhd v0: created 2026-03-07T20:05:09Z (seconds since 1904), timescale 1000, duration 62 500.
  const created = Date.UTC(2026, 2, 7, 20, 5, 9) / 1000 + 2_082_844_800;
  const mvhd = box('mvhd', words(0, created, created, 1000, 62_500), new Uint8Array(80));
  const movie = (matrix: number[]): Uint8Array =>
    Uint8Array.from([
      ...box('ftyp', ascii('qt  '), words(0), ascii('qt  ')),
      ...box('mdat', new Uint8Array(100)),
      ...box('moov', mvhd, box('trak', tkhd(matrix, 1920, 1080), box('mdia', hdlr('vide'))), box('trak', box('mdia', hdlr('soun')))),
    ]);

  it('reads duration, creation time and the displayed size, moov after mdat', async () => {
    const header = await readMovieHeader(bytesRandomAccess(movie([65536, 0, 0, 0, 65536, 0, 0, 0, 0x40000000])));
    expect(header).toMatchObject({ durationSeconds: 62.5, width: 1920, height: 1080, rotation: 0, hasVideo: true, hasAudio: true, creationTime: '2026-03-07T20:05:09Z' });
  });

  it('turns the size by the track matrix: a phone held upright records 1920×1080 rotated 90°', async () => {
    const header = await readMovieHeader(bytesRandomAccess(movie([0, 65536, 0, -65536, 0, 0, 0, 0, 0x40000000])));
    expect(header).toMatchObject({ width: 1080, height: 1920, rotation: 90 });
  });

  it('is null without a moov, and survives a box claiming more than the file holds', async () => {
    expect(await readMovieHeader(bytesRandomAccess(box('ftyp', ascii('isom'))))).toBeNull();
    const lying = movie([65536, 0, 0, 0, 65536, 0, 0, 0, 0x40000000]);
    new DataView(lying.buffer).setUint32(0, 0xfffffff0);
    expect(await readMovieHeader(bytesRandomAccess(lying))).toBeNull();
  });
});

/** A runner that answers every call with `result` and counts the calls. */
function fakeFfmpeg(result: Partial<FfmpegResult>): FfmpegRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    run(args) {
      calls.push([...args]);
      return Promise.resolve({ exitCode: 1, stdout: new Uint8Array(0), stderr: '', timedOut: false, spawnError: null, ...result });
    },
  };
}

describe('describeMedia', () => {
  it('trusts the content over the declared type, and says so', async () => {
    const facts = await describeMedia({ path: fixturePath('png-named.jpg'), mediaType: 'image/jpeg', sha256: 'a'.repeat(64) }, DEPS);
    expect(MediaFacts.parse(facts).mediaType).toBe('image/png');
    expect(facts.declaredMediaType).toBe('image/jpeg');
    expect(facts.problems.map((p) => p.code)).toEqual(['type-mismatch']);
    expect(facts.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('states an ffmpeg that times out or cannot start, and keeps everything else', async () => {
    for (const runner of [fakeFfmpeg({ timedOut: true, exitCode: null }), fakeFfmpeg({ spawnError: 'ENOENT', exitCode: null })]) {
      const facts = await describeMedia({ path: fixturePath('scene-change.mp4'), mediaType: 'video/mp4', sha256: 'b'.repeat(64) }, { ...DEPS, ffmpeg: runner });
      expect([facts.width, facts.height, facts.durationSeconds]).toEqual([160, 120, 4]);
      expect(facts.exif?.takenAt).toBe('2026-03-07T16:05:09-04:00');
      expect(facts.keyframes).toEqual([]);
      expect(facts.problems.map((p) => p.code)).toEqual(['keyframes-failed']);
      // Arguments go as an array (no shell), the path among them as one argument.
      expect(runner.calls.every((args) => args.includes(fixturePath('scene-change.mp4')))).toBe(true);
    }
  });

  it('states damaged EXIF and still hashes the picture', async () => {
    // exif-offset-gps.jpg: APP1 at byte 2, TIFF header at 10, IFD0 at 18; claim 65535 entries.
    const damaged = Uint8Array.from(fixtureBytes('exif-offset-gps.jpg'));
    damaged.set([0xff, 0xff], 18);
    const path = join(await tempDir(), 'damaged.jpg');
    await writeFile(path, damaged);
    const facts = await describeMedia({ path, mediaType: 'image/jpeg', sha256: '0'.repeat(64) }, DEPS);
    expect(facts.problems.map((p) => p.code)).toEqual(['exif-unreadable']);
    expect(facts.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    expect([facts.width, facts.height]).toEqual([256, 170]);
  });

  it('hashes with pHash when told to', async () => {
    const facts = await describeMedia({ path: fixturePath('plain.png'), mediaType: null, sha256: 'c'.repeat(64) }, { ...DEPS, hashAlgorithm: 'phash-64' });
    expect(facts.hashAlgorithm).toBe('phash-64');
    expect(facts.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses to decode over 100 MP in-process and over 250 MP at all, and says so', async () => {
    const dir = await tempDir();
    // A real PNG header (8-bit grey) and enough bytes that the claim is not impossible.
    const png = (width: number, height: number): Uint8Array => {
      const head = fixtureBytes('plain.png').slice(0, 33);
      const view = new DataView(head.buffer);
      view.setUint32(16, width);
      view.setUint32(20, height);
      head[24] = 8;
      head[25] = 0;
      const out = new Uint8Array(Math.ceil((width * height) / 1000));
      out.set(head);
      return out;
    };
    const run = async (bytes: Uint8Array, ffmpeg: FfmpegRunner | null): Promise<string[]> => {
      const path = join(dir, `p${bytes.length}.png`);
      await writeFile(path, bytes);
      const facts = await describeMedia({ path, mediaType: 'image/png', sha256: '0'.repeat(64) }, { ...DEPS, ffmpeg });
      expect(facts.perceptualHash).toBeNull();
      return facts.problems.map((p) => `${p.code}: ${p.message}`);
    };
    expect(await run(png(20_000, 20_000), null)).toEqual([expect.stringMatching(/^image-too-large: .*400 megapixels.*over 250 MP/)]);
    expect(await run(png(12_000, 12_000), null)).toEqual([expect.stringMatching(/^ffmpeg-missing: .*144 megapixels.*over 100 MP or 256 MiB it is decoded only by ffmpeg/)]);
    const ffmpeg = fakeFfmpeg({ stderr: 'boom' });
    expect(await run(png(12_000, 12_000), ffmpeg)).toEqual([expect.stringMatching(/^image-undecodable: /)]);
    expect(ffmpeg.calls[0]).toEqual(expect.arrayContaining(['-max_pixels', '250000000']));
  });

  it('does not decode a small file whose header claims a huge picture (a forged or cut-off file)', async () => {
    const facts = await describeMedia({ path: fixturePath('huge-dimensions.png'), mediaType: null, sha256: '0'.repeat(64) }, DEPS);
    expect([facts.width, facts.height]).toEqual([20_000, 20_000]);
    expect(facts.problems.map((p) => p.code)).toEqual(['image-undecodable']);
  });

  it('throws only when the file cannot be opened at all', async () => {
    await expect(describeMedia({ path: join(await tempDir(), 'missing.jpg'), mediaType: null, sha256: 'd'.repeat(64) }, DEPS)).rejects.toThrow(/ENOENT/);
  });
});

describe('media adapter', () => {
  it('checks the vault hash against the bytes it read', async () => {
    const bytes = fixtureBytes('plain.png');
    const good = await parseMediaBytes(bytes, { path: fixturePath('plain.png'), sha256: sha256(bytes) });
    expect(good.filter(isDiagnostic)).toEqual([]);
    const bad = await parseMediaBytes(bytes, { path: fixturePath('plain.png'), sha256: 'e'.repeat(64) });
    expect(bad.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(['media/sha256-mismatch']);
    const item = RawItem.parse(bad.find((r) => !isDiagnostic(r)));
    expect(item.media[0]?.sha256).toBe(sha256(bytes));
  });

  it('without a copy on disk, describes a small photo whole from the stream', async () => {
    const records = await parseMediaBytes(fixtureBytes('exif-offset-gps.jpg'), { file: 'fotos/IMG_1.jpg', path: null });
    const withPath = await parseMediaBytes(fixtureBytes('exif-offset-gps.jpg'), { file: 'fotos/IMG_1.jpg', path: fixturePath('exif-offset-gps.jpg') });
    expect(records).toEqual(withPath);
  });

  it('without a copy on disk, gives a large file\'s type, size and the EXIF in its first bytes, and says what is missing', async () => {
    // The photo followed by 300 KiB of trailer (as Samsung phones append): more than the head kept.
    const large = new Uint8Array(fixtureBytes('exif-offset-gps.jpg').length + 300 * 1024);
    large.set(fixtureBytes('exif-offset-gps.jpg'));
    const records = await parseMediaBytes(large, { file: 'fotos/IMG_1.jpg', path: null });
    expect(records.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(['media/no-random-access']);
    const item = RawItem.parse(records.find((r) => !isDiagnostic(r)));
    expect(item.title).toBe('IMG_1.jpg');
    expect(item.time).toBe('2026-03-07T20:05:09Z');
    expect(item.media[0]).toMatchObject({ kind: 'photo', mediaType: 'image/jpeg', width: 256, height: 170, bytes: large.length, status: 'captured' });
    expect(MediaFacts.parse(item.extra['facts']).perceptualHash).toBeNull();
  });

  it('without a copy on disk, says ffmpeg had nothing to read rather than that it is missing', async () => {
    const records = await parseMediaBytes(fixtureBytes('exif.webp'), { path: null, ffmpeg: fakeFfmpeg({}) });
    expect(records.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(['media/no-random-access']);
  });

  it('finds ffmpeg through the injected check, once', async () => {
    expect(systemFfmpeg(() => false)).toBeNull();
    expect(systemFfmpeg((path) => path === '/usr/bin/ffmpeg')).not.toBeNull();
    let asked = 0;
    const adapter = createMediaAdapter({
      ffmpeg: () => {
        asked++;
        return null;
      },
    });
    expect(asked).toBe(0);
    const dir = await tempDir();
    const path = join(dir, 'clip.mp4');
    await writeFile(path, fixtureBytes('scene-change.mp4'));
    for (let i = 0; i < 2; i++) {
      const out = [];
      for await (const record of adapter.parse({ stream: chunked(fixtureBytes('scene-change.mp4'), [4096]), file: 'clip.mp4', sha256: null, timezone: 'UTC', pseudonymizer: { pseudonym: (k, v) => `${k}${v}` }, baseDir: dir, path })) out.push(record);
      expect(out.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(['media/ffmpeg-missing']);
    }
    expect(asked).toBe(1);
  });
});
