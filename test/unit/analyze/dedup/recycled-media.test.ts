import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecycledMedia, readReferenceSet, type MediaSighting } from '../../../../src/analyze/index.js';
import { hashReferenceFolder } from '../../../../src/ingest/index.js';
import { useTempDirs } from '../../../helpers/temp.js';

const EVENT_START = '2026-09-18T06:10:00Z'; // 02:10 in Guasdualito (UTC−4)
const smoke = 'f0e1d2c3b4a59687';
const smokeRecompressed = 'f0e1d2c3b4a59684'; // 2 bits away
const crater = '13579bdf02468ace';

describe('checkRecycledMedia', () => {
  it('flags a picture first seen before the event, with the earliest sighting as evidence', () => {
    const sightings: MediaSighting[] = [
      { hash: smoke, item: 'tg-apure-3', seen: '2026-09-18T06:41:30Z', source: 'telegram:1987654321/3' },
      { hash: crater, item: 'tg-apure-4', seen: '2026-09-18T06:45:00Z', source: 'telegram:1987654321/4' },
      { hash: smokeRecompressed, item: 'x-old', seen: '2024-02-11T19:00:00Z', source: 'twitter:1756000000000000000' },
    ];
    const checks = checkRecycledMedia({ eventStart: EVENT_START, sightings });
    expect(checks.map((check) => [check.item, check.predatesEvent])).toEqual([
      ['tg-apure-3', true],
      ['tg-apure-4', false],
      ['x-old', true],
    ]);
    expect(checks[0]?.earliest).toEqual({ hash: smokeRecompressed, item: 'x-old', seen: '2024-02-11T19:00:00Z', source: 'twitter:1756000000000000000' });
    expect(checks[0]?.distance).toBe(2);
    expect(checks[1]?.earliest.item).toBe('tg-apure-4');
  });

  it('dates pictures by a reference set loaded from JSON Lines, reporting bad lines by number', () => {
    const { sightings: reference, problems } = readReferenceSet(
      [
        JSON.stringify({ hash: crater.toUpperCase(), seen: '2025-06-01', source: 'archivo: Guasdualito inundaciones 2025' }),
        '',
        '{"hash": "nothex", "seen": "2025-06-01", "source": "x"}',
        'not json',
        JSON.stringify({ hash: smoke, seen: '2026-09-18T08:00:00-04:00', source: 'reverse search' }),
      ].join('\n'),
    );
    expect(problems.map((problem) => problem.line)).toEqual([3, 4]);
    expect(reference[0]).toEqual({ hash: crater, item: null, seen: '2025-06-01T00:00:00Z', source: 'archivo: Guasdualito inundaciones 2025' });
    const checks = checkRecycledMedia({
      eventStart: EVENT_START,
      sightings: [{ hash: crater, item: 'tg-apure-4', seen: '2026-09-18T06:45:00Z', source: 'telegram' }, { hash: smoke, item: 'tg-apure-3', seen: '2026-09-18T06:41:30Z', source: 'telegram' }],
      reference,
    });
    expect(checks).toHaveLength(2);
    expect(checks[0]).toMatchObject({ item: 'tg-apure-4', predatesEvent: true, earliest: { source: 'archivo: Guasdualito inundaciones 2025' } });
    // Seen in the reference set only after the item: the item's own sighting is the earliest.
    expect(checks[1]).toMatchObject({ item: 'tg-apure-3', predatesEvent: false, earliest: { item: 'tg-apure-3' } });
  });

  it('does not match a picture more than the same-picture distance away', () => {
    const far = 'f0e1d2c3b4a5fff8'; // 11 bits from smoke
    const checks = checkRecycledMedia({
      eventStart: EVENT_START,
      sightings: [{ hash: smoke, item: 'new', seen: '2026-09-18T07:00:00Z', source: 'a' }],
      reference: [{ hash: far, item: null, seen: '2020-01-01T00:00:00Z', source: 'old' }],
    });
    expect(checks[0]?.predatesEvent).toBe(false);
  });
});

describe('hashReferenceFolder', () => {
  const tempDir = useTempDirs();
  const photos = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'media');

  it('hashes every picture in a folder as ingest does, dated by the set or by EXIF with an offset', async () => {
    const folder = await tempDir();
    await mkdir(join(folder, 'sub'));
    await copyFile(join(photos, 'photos', 'coffee.jpg'), join(folder, 'coffee.jpg'));
    await copyFile(join(photos, 'exif-offset-gps.jpg'), join(folder, 'sub', 'exif-offset-gps.jpg'));
    await writeFile(join(folder, 'notes.txt'), 'not a picture');
    const dated = await hashReferenceFolder(folder, { seen: '2025-06-01', source: 'archivo' }, { ffmpeg: null, timezone: 'America/Caracas' });
    expect(dated.problems).toEqual([]);
    expect(dated.sightings.map((s) => s.source)).toEqual(['archivo:coffee.jpg', 'archivo:sub/exif-offset-gps.jpg']);
    expect(dated.sightings.every((s) => /^[0-9a-f]{16}$/.test(s.hash) && s.seen === '2025-06-01T00:00:00.000Z')).toBe(true);

    const own = await hashReferenceFolder(folder, {}, { ffmpeg: null, timezone: 'America/Caracas' });
    expect(own.sightings).toEqual([{ hash: dated.sightings[1]?.hash, item: null, seen: '2026-03-07T20:05:09.000Z', source: `${folder}:sub/exif-offset-gps.jpg` }]);
    expect(own.problems.map((p) => p.file)).toEqual(['coffee.jpg']);

    // The same photograph, found in a post after the event, pre-dates it.
    const checks = checkRecycledMedia({
      eventStart: EVENT_START,
      sightings: [{ hash: dated.sightings[0]?.hash ?? '', item: 'post', seen: '2026-09-18T07:00:00Z', source: 'telegram' }],
      reference: dated.sightings,
    });
    expect(checks[0]).toMatchObject({ predatesEvent: true, distance: 0, earliest: { source: 'archivo:coffee.jpg' } });
  });
});
