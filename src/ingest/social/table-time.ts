import { DateTime } from 'luxon';
import { utcIso } from './common.js';

/** How a column writes numeric dates: 18/09/2026 is day-first, 09/18/2026 month-first. */
export type DateOrder = 'day-first' | 'month-first';

export type TableTime =
  | {
      readonly kind: 'instant';
      readonly iso: string;
      /** `written`: the value carried its offset; `assumed`: it had none and was read in the case's zone. */
      readonly zone: 'written' | 'assumed';
      readonly dateOnly: boolean;
    }
  /** A numeric date whose order is not known yet (both numbers 12 or less, and not equal). */
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'invalid'; readonly reason: string };

const OFFSET = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)`;
const CLOCK = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([ap])\.?\s?m\.?)?`;
const ISO_LIKE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[T ]${CLOCK})?(?:${OFFSET})?$`, 'i');
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T,]+${CLOCK})?(?:${OFFSET})?$`, 'i');
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T,]+${CLOCK})?(?:${OFFSET})?$`, 'i');
// Twitter API v1.1 and the scrapers built on it: `Wed Sep 18 02:14:03 +0000 2026`.
const TWITTER_CLASSIC = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The order a value proves, or null when it proves none (not a numeric date, or both parts ≤ 12). */
export function dateOrderEvidence(value: string): DateOrder | null {
  const match = NUMERIC_DATE.exec(value.trim());
  if (match === null) return null;
  const first = Number(match[1]);
  const second = Number(match[3]);
  if (first > 12 && second <= 12) return 'day-first';
  if (second > 12 && first <= 12) return 'month-first';
  return null;
}

/** Read one time cell: ISO 8601, Unix seconds or milliseconds, numeric dates, Twitter's classic form. */
export function readTableTime(value: unknown, timezone: string, order: DateOrder | null): TableTime {
  if (typeof value === 'number') return unixTime(value);
  if (typeof value !== 'string') return { kind: 'invalid', reason: 'it is not text or a number' };
  const written = value.trim();
  if (NUMBER.test(written)) return unixTime(Number(written));

  let match = ISO_LIKE.exec(written);
  if (match !== null) return build(match[1], match[2], match[3], match.slice(4, 9), match[9], timezone);
  match = YEAR_FIRST.exec(written);
  if (match !== null) return build(match[1], match[2], match[3], match.slice(4, 9), match[9], timezone);
  match = NUMERIC_DATE.exec(written);
  if (match !== null) {
    const first = Number(match[1]);
    const second = Number(match[3]);
    const evidence = dateOrderEvidence(written);
    if (first > 12 && second > 12) return { kind: 'invalid', reason: 'neither number is a month' };
    if (evidence !== null && order !== null && evidence !== order) {
      return { kind: 'invalid', reason: `it reads ${evidence}, but the column's dates are ${order}` };
    }
    const dayFirst = (evidence ?? order) === 'day-first';
    if (evidence === null && order === null && first !== second) return { kind: 'ambiguous' };
    const [day, month] = dayFirst || first === second ? [match[1], match[3]] : [match[3], match[1]];
    return build(match[4], month, day, match.slice(5, 10), match[10], timezone);
  }
  const classic = TWITTER_CLASSIC.exec(written);
  if (classic !== null) {
    const month = MONTHS.indexOf((classic[1] ?? '').toLowerCase()) + 1;
    if (month === 0) return { kind: 'invalid', reason: `"${classic[1] ?? ''}" is not a month` };
    return build(classic[7], String(month), classic[2], [classic[3], classic[4], classic[5], undefined, undefined], classic[6], timezone);
  }
  return { kind: 'invalid', reason: 'it is not a time this reader knows (ISO 8601, Unix seconds or milliseconds, dd/mm/yyyy hh:mm)' };
}

/**
 * Unix time in seconds (10 digits for 2001–2286) or milliseconds (13 digits), told apart by size:
 * 1e11 seconds is the year 5138, 1e11 milliseconds March 1973.
 */
function unixTime(n: number): TableTime {
  if (!Number.isFinite(n) || n < 1e8 || n >= 1e14) return { kind: 'invalid', reason: 'a number that is not a Unix time in seconds or milliseconds' };
  const ms = n < 1e11 ? Math.round(n * 1000) : Math.round(n);
  const iso = utcIso(DateTime.fromMillis(ms, { zone: 'utc' }));
  return iso === null ? { kind: 'invalid', reason: 'out of range' } : { kind: 'instant', iso, zone: 'written', dateOnly: false };
}

function build(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  clock: readonly (string | undefined)[],
  offset: string | undefined,
  timezone: string,
): TableTime {
  const [hourText, minuteText, secondText, fraction, meridiem] = clock;
  let hour = hourText === undefined ? 0 : Number(hourText);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return { kind: 'invalid', reason: `hour ${hour} on a 12-hour clock` };
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour,
    minute: minuteText === undefined ? 0 : Number(minuteText),
    second: secondText === undefined ? 0 : Number(secondText),
    millisecond: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
  };
  if (offset !== undefined && parts.year >= 1000) return fixedOffsetTime(parts, offsetMinutes(offset), hourText === undefined);
  const time = DateTime.fromObject(parts, { zone: timezone });
  if (!time.isValid) return { kind: 'invalid', reason: (time.invalidExplanation ?? 'not a date').replace(/\.$/, '') };
  // Luxon moves a local time that a DST change skipped; a written time must exist as written.
  if (time.hour !== parts.hour || time.minute !== parts.minute) return { kind: 'invalid', reason: `that local time does not exist in ${timezone}` };
  const iso = utcIso(time);
  if (iso === null) return { kind: 'invalid', reason: 'out of range' };
  return { kind: 'instant', iso, zone: offset === undefined ? 'assumed' : 'written', dateOnly: hourText === undefined };
}

interface TimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** A time with its offset written, by calendar arithmetic: most rows have one, and Luxon costs ten times more. */
function fixedOffsetTime(parts: TimeParts, offset: number, dateOnly: boolean): TableTime {
  const { year, month, day, hour, minute, second, millisecond } = parts;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(local);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { kind: 'invalid', reason: `${String(year).padStart(4, '0')}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)} is not a date and time` };
  }
  const iso = new Date(local - offset * 60_000).toISOString();
  if (!/^\d{4}-/.test(iso)) return { kind: 'invalid', reason: 'out of range' };
  return { kind: 'instant', iso: iso.replace('.000Z', 'Z'), zone: 'written', dateOnly };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `Z`, `UTC`, `+02`, `-0430`, `+05:30` in minutes east of UTC. */
function offsetMinutes(offset: string): number {
  const o = offset.trim().toUpperCase();
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(o);
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** Whether a value is a numeric date that cannot be read until the column's order is known. */
export function isAmbiguousDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = NUMERIC_DATE.exec(value.trim());
  if (match === null) return false;
  const first = Number(match[1]);
  const second = Number(match[3]);
  return first <= 12 && second <= 12 && first !== second;
}
