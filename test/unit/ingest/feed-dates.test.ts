import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../src/ingest/feed/index.js';

const CARACAS = 'America/Caracas';

describe('parseFeedDate', () => {
  // [as written, UTC instant, zone]
  const instants: [string, string, 'written' | 'assumed' | 'unknown-zone'][] = [
    // RFC 822 / RFC 1123 as RSS 2.0 writes them
    ['Thu, 05 Mar 2026 14:30:00 GMT', '2026-03-05T14:30:00Z', 'written'],
    ['Thu, 05 Mar 2026 14:30:00 +0000', '2026-03-05T14:30:00Z', 'written'],
    ['Thu, 05 Mar 2026 14:30:00 -0400', '2026-03-05T18:30:00Z', 'written'],
    ['Thu, 05 Mar 2026 14:30:00 UT', '2026-03-05T14:30:00Z', 'written'],
    ['Thu, 05 Mar 2026 14:30:00 Z', '2026-03-05T14:30:00Z', 'written'],
    // RFC 822 §5.1 zones are fixed offsets, summer or not
    ['Thu, 05 Mar 2026 10:05:00 EST', '2026-03-05T15:05:00Z', 'written'],
    ['Thu, 05 Mar 2026 10:05:00 EDT', '2026-03-05T14:05:00Z', 'written'],
    ['Thu, 05 Mar 2026 10:05:00 CST', '2026-03-05T16:05:00Z', 'written'],
    ['Thu, 05 Mar 2026 10:05:00 MDT', '2026-03-05T16:05:00Z', 'written'],
    ['Thu, 05 Jul 2026 10:05:00 PST', '2026-07-05T18:05:00Z', 'written'],
    ['Thu, 05 Mar 2026 10:05:00 PDT', '2026-03-05T17:05:00Z', 'written'],
    // sloppy forms seen in feeds
    ['Thu, 5 Mar 2026 14:30 GMT', '2026-03-05T14:30:00Z', 'written'],
    ['Thu 05 Mar 2026 14:30:00 GMT', '2026-03-05T14:30:00Z', 'written'],
    ['Thursday, 05 March 2026 14:30:00 GMT', '2026-03-05T14:30:00Z', 'written'],
    ['05 Mar 2026 14:30:00 +0000', '2026-03-05T14:30:00Z', 'written'],
    ['  Thu,   05 Mar 2026   14:30:00   GMT  ', '2026-03-05T14:30:00Z', 'written'],
    ['Thu, 05 Mar 2026 14:30:00 -04:00', '2026-03-05T18:30:00Z', 'written'],
    ['Thu, 05 Mar 2026 14:30:00 GMT-0400', '2026-03-05T18:30:00Z', 'written'],
    ['Thu, 05 Mar 2026 14:30:00 UTC+5:30'.replace('+5:30', '+05:30'), '2026-03-05T09:00:00Z', 'written'],
    ['Thu, 05-Mar-2026 14:30:00 GMT', '2026-03-05T14:30:00Z', 'written'],
    ['05 Mar 26 14:30 GMT', '2026-03-05T14:30:00Z', 'written'],
    ['05 Mar 99 14:30 GMT', '1999-03-05T14:30:00Z', 'written'],
    // Spanish-locale CMSs
    ['jue, 05 mar 2026 14:30:00 -0400', '2026-03-05T18:30:00Z', 'written'],
    ['miércoles, 04 marzo 2026 09:00:00 -0400', '2026-03-04T13:00:00Z', 'written'],
    ['sáb, 07 dic 2024 23:59:59 -0400', '2024-12-08T03:59:59Z', 'written'],
    ['lun, 10 ago 2026 08:00:00 -0400', '2026-08-10T12:00:00Z', 'written'],
    // regional abbreviations follow their IANA zone's history: Venezuela was -04:30 until 2016
    ['Fri, 5 Mar 2010 14:30 VET', '2010-03-05T19:00:00Z', 'written'],
    ['Thu, 5 Mar 2026 14:30 VET', '2026-03-05T18:30:00Z', 'written'],
    ['Thu, 5 Mar 2026 14:30 COT', '2026-03-05T19:30:00Z', 'written'],
    ['Thu, 5 Mar 2026 14:30 ART', '2026-03-05T17:30:00Z', 'written'],
    // JavaScript's Date#toString
    ['Thu Mar 05 2026 14:30:00 GMT-0400 (hora de Venezuela)', '2026-03-05T18:30:00Z', 'written'],
    // RFC 3339 / W3CDTF (Atom, dc:date)
    ['2026-03-05T14:30:00Z', '2026-03-05T14:30:00Z', 'written'],
    ['2026-03-05T14:30:00-04:00', '2026-03-05T18:30:00Z', 'written'],
    ['2026-03-05T14:30:00.250Z', '2026-03-05T14:30:00.250Z', 'written'],
    ['2026-03-05T14:30:00.123456+00:00', '2026-03-05T14:30:00.123Z', 'written'],
    ['2026-03-05t14:30:00z', '2026-03-05T14:30:00Z', 'written'],
    ['2026-03-05 14:30:00+0000', '2026-03-05T14:30:00Z', 'written'],
    ['2026-03-05T14:30-04:00', '2026-03-05T18:30:00Z', 'written'],
    ['2026-12-31T23:59:60Z', '2026-12-31T23:59:59Z', 'written'],
    ['2026-03-05T24:00:00Z', '2026-03-05T23:59:59.999Z', 'written'],
    // no zone at all: the case timezone
    ['2026-03-05 14:30:00', '2026-03-05T18:30:00Z', 'assumed'],
    ['2026-03-05T14:30:00', '2026-03-05T18:30:00Z', 'assumed'],
    ['Thu, 05 Mar 2026 14:30:00', '2026-03-05T18:30:00Z', 'assumed'],
    ['2026/03/05 14:30', '2026-03-05T18:30:00Z', 'assumed'],
    // a zone nobody can place is read in the case timezone, and said so
    ['Thu, 05 Mar 2026 14:30:00 HKT', '2026-03-05T18:30:00Z', 'unknown-zone'],
  ];
  for (const [written, iso, zone] of instants) {
    it(`reads ${JSON.stringify(written)}`, () => {
      const date = parseFeedDate(written, CARACAS);
      expect(date).toMatchObject({ kind: 'instant', iso, zone });
    });
  }

  it('reads a date without a time as midnight in the case timezone, and says so', () => {
    expect(parseFeedDate('2026-03-05', CARACAS)).toMatchObject({ kind: 'instant', iso: '2026-03-05T04:00:00Z', dateOnly: true, zone: 'assumed' });
  });

  it('names the unknown zone', () => {
    expect(parseFeedDate('Thu, 05 Mar 2026 14:30:00 HKT', CARACAS)).toMatchObject({ unknownZone: 'HKT' });
  });

  it('says when the weekday does not match the date, in English or Spanish', () => {
    expect(parseFeedDate('Mon, 05 Mar 2026 14:30:00 GMT', CARACAS)).toMatchObject({
      weekdayMismatch: { written: 'Mon', actual: 'Thursday' },
    });
    expect(parseFeedDate('lun, 05 mar 2026 14:30:00 GMT', CARACAS)).toMatchObject({ weekdayMismatch: { written: 'lun' } });
    expect(parseFeedDate('jue, 05 mar 2026 14:30:00 GMT', CARACAS)).toMatchObject({ weekdayMismatch: null });
  });

  it('takes the weekday in the local time written, not in UTC', () => {
    // 23:30 on Thursday in Caracas is already Friday in UTC.
    expect(parseFeedDate('Thu, 05 Mar 2026 23:30:00 -0400', CARACAS)).toMatchObject({ iso: '2026-03-06T03:30:00Z', weekdayMismatch: null });
  });

  const invalid: [string, RegExp][] = [
    ['Thu, 31 Feb 2026 25:61:00 GMT', /day 31 does not exist in February 2026, hour 25, minute 61/],
    ['Sun, 29 Feb 2026 10:00:00 GMT', /day 29 does not exist in February 2026/],
    ['2026-13-01T00:00:00Z', /month 13/],
    ['2026-03-05T12:00:61Z', /second 61/],
    ['Thu, 05 Mar 2026 14:30:00 +2500', /not a UTC offset/],
    ['Thu, 05 Mar 2026 14:30:00 hora local de Caracas', /not a UTC offset/],
    ['ayer a las 3', /not in a date format/],
    ['hace 5 minutos', /not in a date format/],
    ['1709650200', /not in a date format/],
    ['Thu, 05 Foo 2026 14:30:00 GMT', /not in a date format/],
    ['', /empty/],
    ['   ', /empty/],
  ];
  for (const [written, reason] of invalid) {
    it(`rejects ${JSON.stringify(written)} and says why`, () => {
      const date = parseFeedDate(written, CARACAS);
      expect(date.kind).toBe('invalid');
      if (date.kind === 'invalid') expect(date.reason).toMatch(reason);
    });
  }
});
