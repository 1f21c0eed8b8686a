/**
 * Photos handed to the investigator as files, with the EXIF a phone writes. One agrees with the
 * claim (taken at 02:41 on the 18th, a kilometre from the claimed camp); one gives itself away
 * (the landfill fire, taken on 3 May north-west of town, later passed off as the strike); one
 * has no metadata at all, as WhatsApp strips it — which proves nothing either way.
 */
import { ascii, bytes, dms, exifSegment, rational, short, withSegments, type Ifd, type TiffValue } from '../../test/fixtures/media/exif-writer.js';
import type { DemoAssets } from './assets.js';

const tags = (entries: Record<number, TiffValue>): ReadonlyMap<number, TiffValue> => new Map(Object.entries(entries).map(([tag, value]) => [Number(tag), value]));

/** A phone's EXIF: device, local time with its offset (Venezuela is UTC−4), GPS with its own UTC fix. */
function phoneExif(local: { date: string; time: string }, utc: { date: string; time: [number, number, number] }, place: { lat: number; lon: number }): Ifd {
  const stamp = `${local.date} ${local.time}`;
  return {
    entries: tags({ 0x010f: ascii('DemoPhone'), 0x0110: ascii('DP-12 (SYNTHETIC)'), 0x0112: short(1), 0x0131: ascii('DP-12 camera 4.2'), 0x0132: ascii(stamp) }),
    exif: { entries: tags({ 0x9003: ascii(stamp), 0x9004: ascii(stamp), 0x9010: ascii('-04:00'), 0x9011: ascii('-04:00'), 0x9012: ascii('-04:00') }) },
    gps: {
      entries: tags({
        0x0000: bytes(2, 2, 0, 0),
        0x0001: ascii(place.lat >= 0 ? 'N' : 'S'),
        0x0002: rational(...dms(Math.abs(place.lat))),
        0x0003: ascii(place.lon >= 0 ? 'E' : 'W'),
        0x0004: rational(...dms(Math.abs(place.lon))),
        0x0007: rational([utc.time[0], 1], [utc.time[1], 1], [utc.time[2], 1]),
        0x001d: ascii(utc.date),
        0x001f: rational([8, 1]),
      }),
    },
  };
}

/** The landfill on the north-western edge of town (invented, like the fire). */
const LANDFILL = { lat: 7.262, lon: -70.748 };

export function demoPhotos(assets: DemoAssets): [name: string, bytes: Uint8Array][] {
  return [
    [
      'IMG_20260918_024107.jpg',
      withSegments(assets.smokeOriginal.jpeg, [exifSegment(phoneExif({ date: '2026:09:18', time: '02:41:07' }, { date: '2026:09:18', time: [6, 41, 7] }, { lat: 7.1817, lon: -70.6672 }))]),
    ],
    [
      'IMG_20260503_164218.jpg',
      withSegments(assets.landfillOriginal.jpeg, [exifSegment(phoneExif({ date: '2026:05:03', time: '16:42:18' }, { date: '2026:05:03', time: [20, 42, 18] }, LANDFILL))]),
    ],
    ['WhatsApp Image 2026-09-18 at 03.40.12.jpeg', assets.landfillRecycled.jpeg],
  ];
}
