import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { MediaFacts } from '../../../src/model/index.js';
import { SAME_PICTURE_MAX_DISTANCE, hamming } from '../../../src/ingest/media/index.js';
import { RawItem, isDiagnostic } from '../../../src/model/index.js';
import { FFMPEG, fixtureBytes, fixturePath, mediaFixtures, needsFfmpeg, parseMediaBytes } from '../../fixtures/media/harness.js';
import { describeFixtures } from '../../helpers/fixture-tests.js';

// Each fixture is a small real photo, video or broken file with its expected records beside it
// (`<name>.expected.json`); `npx tsx test/fixtures/media/regenerate.ts` rewrites them (with ffmpeg).
const FIXTURES = mediaFixtures.names();
const NO_FFMPEG = 'skipped: ffmpeg is not installed at /usr/bin/ffmpeg (apt-get install ffmpeg)';

const itemOf = (records: unknown[]): RawItem => {
  const item = records.find((record) => !isDiagnostic(record));
  if (item === undefined) throw new Error('no item');
  return RawItem.parse(item);
};
const factsOf = (item: RawItem): MediaFacts => MediaFacts.parse(item.extra['facts']);

describe('media fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(18);
  });

  describeFixtures(mediaFixtures, {
    skip: (name) => (needsFfmpeg(name) && FFMPEG === null ? NO_FFMPEG : null),
    // One byte at a time for the small files; the larger ones in small uneven chunks.
    chunkSizes: (name) => [...(fixtureBytes(name).length <= 16 * 1024 ? [[1]] : []), [7], [3, 1, 4, 1, 5, 9, 2, 6], [1000]],
    contract: {
      title: 'yields only valid RawItems with valid facts, and media diagnostics',
      terms: (name) => ({
        format: 'media',
        file: `media/${name}`,
        itemFormat: false,
        noInternalError: true,
        maxItems: 1,
        item: (item) => {
          expect(MediaFacts.safeParse(item.extra['facts']).error).toBeUndefined();
        },
      }),
    },
  });
});

describe('media fixtures: what a verifier reads', () => {
  it('takes a capture time with an offset as the item time, in UTC, and GPS as its place', async () => {
    const item = itemOf(await parseMediaBytes(fixtureBytes('exif-offset-gps.jpg'), { path: fixturePath('exif-offset-gps.jpg') }));
    expect(item.time).toBe('2026-03-07T20:05:09Z');
    expect(item.geo).toEqual({ lat: 10.4806, lon: -66.9036 });
    const facts = factsOf(item);
    expect(facts.exif?.takenAt).toBe('2026-03-07T16:05:09-04:00');
    expect(facts.exif?.gps?.time).toBe('2026-03-07T20:05:07Z');
    expect(facts.exif?.device).toEqual({ make: 'Google', model: 'Pixel 7', software: 'HDR+ 1.0.540104767zd' });
  });

  it('leaves the item time empty for a capture time without an offset, and says so', async () => {
    const item = itemOf(await parseMediaBytes(fixtureBytes('exif-no-offset.jpg'), { path: fixturePath('exif-no-offset.jpg') }));
    expect(item.time).toBeNull();
    expect(item.extra['takenAt']).toBe('2026-03-07T21:40:12');
    expect(item.extra['takenAtHasOffset']).toBe(false);
    // Read in the case's zone as an assumption, labelled as such.
    expect(factsOf(item).exif?.takenAtInCaseZone).toBe('2026-03-07T21:40:12-04:00');
  });

  it('keeps no serial number or owner name, though the camera wrote them', () => {
    const text = mediaFixtures.expected('exif-offset-gps.jpg');
    expect(readFileSync(fixturePath('exif-offset-gps.jpg')).includes('28141FDH20061Q')).toBe(true);
    expect(text).not.toContain('28141FDH20061Q');
    expect(text).not.toContain('Ana P');
  });

  it('hashes a photo stored turned (EXIF orientation 6) as the same picture shown upright', async () => {
    const upright = factsOf(itemOf(await parseMediaBytes(fixtureBytes('exif-offset-gps.jpg'), { path: fixturePath('exif-offset-gps.jpg') })));
    const turned = factsOf(itemOf(await parseMediaBytes(fixtureBytes('exif-orientation-6.jpg'), { path: fixturePath('exif-orientation-6.jpg') })));
    expect(turned.exif?.orientation).toBe(6);
    expect([turned.width, turned.height]).toEqual([upright.width, upright.height]);
    expect(turned.perceptualHash).toBe(upright.perceptualHash);
  });

  it('gives identical output whatever the machine timezone is (exifr revives dates in local time)', async () => {
    const saved = process.env['TZ'];
    try {
      const outputs: string[] = [];
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Caracas']) {
        process.env['TZ'] = zone;
        expect(new Date(2026, 2, 7).getTimezoneOffset(), `TZ=${zone} took effect`).toBe(zone === 'UTC' ? 0 : zone === 'Pacific/Kiritimati' ? -840 : 240);
        outputs.push(
          (await Promise.all(['exif-offset-gps.jpg', 'exif-no-offset.jpg', 'xmp-only.jpg', 'exif-offset-from-xmp.jpg'].map((name) => mediaFixtures.output(name, { ffmpeg: null })))).join(''),
        );
      }
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it("would differ by timezone with exifr's own dates (so the test above can fail)", async () => {
    const saved = process.env['TZ'];
    try {
      const read = async (zone: string): Promise<string> => {
        process.env['TZ'] = zone;
        const parsed = (await exifr.parse(fixturePath('exif-offset-gps.jpg'))) as { DateTimeOriginal: Date };
        return parsed.DateTimeOriginal.toISOString();
      };
      expect(await read('UTC')).toBe('2026-03-07T16:05:09.000Z');
      expect(await read('Pacific/Kiritimati')).toBe('2026-03-07T02:05:09.000Z');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});

describe('media fixtures without ffmpeg', () => {
  for (const name of FIXTURES.filter((n) => !needsFfmpeg(n))) {
    it(`${name}: the same output as with ffmpeg (photos are decoded in-process)`, async () => {
      expect(await mediaFixtures.output(name, { ffmpeg: null })).toBe(mediaFixtures.expected(name));
    });
  }

  it('reads a video\'s size, duration and metadata from its MP4 boxes, and says keyframes need ffmpeg', async () => {
    const records = await parseMediaBytes(fixtureBytes('scene-change.mp4'), { path: fixturePath('scene-change.mp4'), ffmpeg: null });
    const facts = factsOf(itemOf(records));
    expect([facts.width, facts.height, facts.durationSeconds]).toEqual([160, 120, 4]);
    expect(facts.exif?.takenAt).toBe('2026-03-07T16:05:09-04:00');
    expect(facts.keyframes).toEqual([]);
    expect(records.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(['media/ffmpeg-missing']);
  });

  it('says a WebP, GIF or HEIC has no hash without ffmpeg, and still gives its size and EXIF', async () => {
    for (const name of ['exif.webp', 'animated.gif', 'header-only.heic']) {
      const records = await parseMediaBytes(fixtureBytes(name), { path: fixturePath(name), ffmpeg: null });
      const facts = factsOf(itemOf(records));
      expect(facts.perceptualHash, name).toBeNull();
      expect(facts.width, name).not.toBeNull();
      expect(records.filter(isDiagnostic).map((d) => d.ruleId), name).toEqual(['media/ffmpeg-missing']);
    }
    const webp = factsOf(itemOf(await parseMediaBytes(fixtureBytes('exif.webp'), { path: fixturePath('exif.webp'), ffmpeg: null })));
    expect(webp.exif?.takenAt).toBe('2026-03-07T16:05:09-04:00');
  });
});

describe.skipIf(FFMPEG === null)(FFMPEG === null ? `media fixtures with ffmpeg (${NO_FFMPEG})` : 'media fixtures with ffmpeg', () => {
  it('gives a video with a scene change keyframes whose hashes differ across the cut', async () => {
    const facts = factsOf(itemOf(await parseMediaBytes(fixtureBytes('scene-change.mp4'), { path: fixturePath('scene-change.mp4') })));
    expect(facts.keyframes.map((k) => k.timeSeconds)).toEqual([0, 1, 2, 3]);
    const [a = '', b = '', c = '', d = ''] = facts.keyframes.map((k) => k.perceptualHash);
    // Within a scene the picture moves a little; across the cut it is another picture.
    expect(hamming(b, c)).toBeGreaterThan(SAME_PICTURE_MAX_DISTANCE);
    expect(hamming(a, b)).toBeLessThan(hamming(b, c));
    expect(hamming(c, d)).toBeLessThan(hamming(b, c));
  });

  it('hashes a WebP (decoded by ffmpeg) as the JPEG of the same picture (decoded in-process)', async () => {
    const webp = factsOf(itemOf(await parseMediaBytes(fixtureBytes('exif.webp'), { path: fixturePath('exif.webp') })));
    const jpeg = factsOf(itemOf(await parseMediaBytes(fixtureBytes('exif-offset-gps.jpg'), { path: fixturePath('exif-offset-gps.jpg') })));
    expect(hamming(webp.perceptualHash ?? '', jpeg.perceptualHash ?? '')).toBeLessThanOrEqual(2);
  });
});
