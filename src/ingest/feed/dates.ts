import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';

/**
 * A feed date read as an instant, or why it could not be.
 * - `written`: the date carried its own offset or zone.
 * - `assumed`: it had none, so it was read in the case timezone.
 * - `unknown-zone`: it named a zone we cannot place, so it was read in the case timezone.
 */
export type FeedDate =
  | {
      readonly kind: 'instant';
      /** ISO 8601 in UTC, `Z`-terminated. */
      readonly iso: string;
      readonly zone: 'written' | 'assumed' | 'unknown-zone';
      /** The zone as written when it was not understood, e.g. `HKT`. */
      readonly unknownZone: string | null;
      /** A date without a time of day (`2026-03-05`), read as midnight. */
      readonly dateOnly: boolean;
      /** The weekday the source wrote when it is not the weekday of the date. */
      readonly weekdayMismatch: { readonly written: string; readonly actual: string } | null;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

// RFC 822 §5.1 names these zones with fixed offsets (EST is -05:00 all year, EDT -04:00).
const RFC822_ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

/**
 * Abbreviations that Latin-American and European outlets write instead of an offset. They map
 * to IANA zones, not fixed offsets, because the offsets moved: Venezuela was -04:30 from
 * December 2007 to May 2016.
 */
const REGIONAL_ZONES: Readonly<Record<string, string>> = {
  vet: 'America/Caracas',
  hlv: 'America/Caracas',
  cot: 'America/Bogota',
  pet: 'America/Lima',
  bot: 'America/La_Paz',
  art: 'America/Argentina/Buenos_Aires',
  brt: 'America/Sao_Paulo',
  clt: 'America/Santiago',
  clst: 'America/Santiago',
  uyt: 'America/Montevideo',
  pyt: 'America/Asuncion',
  cet: 'Europe/Madrid',
  cest: 'Europe/Madrid',
  wet: 'Europe/Lisbon',
  west: 'Europe/Lisbon',
};

// English and Spanish month names; Spanish-locale CMSs write `jue, 05 mar 2026` in pubDate.
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, ene: 1,
  feb: 2,
  mar: 3,
  apr: 4, abr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8, ago: 8,
  sep: 9, set: 9,
  oct: 10,
  nov: 11,
  dec: 12, dic: 12,
};

// Luxon numbers weekdays 1 (Monday) to 7 (Sunday).
const WEEKDAYS: Readonly<Record<string, number>> = {
  mon: 1, lun: 1,
  tue: 2, mar: 2,
  wed: 3, mie: 3,
  thu: 4, jue: 4,
  fri: 5, vie: 5,
  sat: 6, sab: 6,
  sun: 7, dom: 7,
};
const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const ISO_LIKE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(.*)$/;
// [weekday[,]] day month year time [zone]; month and weekday in English or Spanish.
const RFC822_LIKE =
  /^(?:([\p{L}]+)\.?,?\s+)?(\d{1,2})[\s-]+([\p{L}]+)\.?,?[\s-]+(\d{4}|\d{2}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(.*)$/u;
// What JavaScript's Date#toString writes: `Thu Mar 05 2026 14:30:00 GMT-0400 (hora de Venezuela)`.
const JS_DATE_STRING =
  /^([\p{L}]+)\.?\s+([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)$/u;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  zoneText: string;
  weekday: string | null;
  dateOnly: boolean;
}

/**
 * Read a date as feeds write it: RFC 822 (RSS 2.0 pubDate), RFC 3339 (Atom, dc:date) and the
 * sloppy forms in between. `caseTimezone` applies only when the date names no zone at all.
 */
export function parseFeedDate(raw: string, caseTimezone: string): FeedDate {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'invalid', reason: 'it is empty' };
  const parts = matchIso(text) ?? matchRfc822(text) ?? matchJsDateString(text);
  if (parts === null) return { kind: 'invalid', reason: 'it is not in a date format feeds use (RFC 822 or RFC 3339)' };

  const problems = componentProblems(parts);
  if (problems.length > 0) return { kind: 'invalid', reason: problems.join(', ') };

  const zone = readZone(parts.zoneText);
  if (zone === 'invalid') return { kind: 'invalid', reason: `"${parts.zoneText}" is not a UTC offset or zone` };
  const effectiveZone = zone === null || zone === 'unknown' ? IANAZone.create(caseTimezone) : zone;
  const local = DateTime.fromObject(
    {
      year: parts.year,
      month: parts.month,
      day: parts.day,
      hour: parts.hour,
      minute: parts.minute,
      second: parts.second,
      millisecond: parts.millisecond,
    },
    { zone: effectiveZone },
  );
  if (!local.isValid) return { kind: 'invalid', reason: local.invalidExplanation ?? 'it is not a date' };
  const utc = local.toUTC();
  if (utc.year < 1000 || utc.year > 9999) return { kind: 'invalid', reason: `the year ${utc.year} is out of range` };

  return {
    kind: 'instant',
    iso: utc.toISO({ suppressMilliseconds: true }),
    zone: zone === null ? 'assumed' : zone === 'unknown' ? 'unknown-zone' : 'written',
    unknownZone: zone === 'unknown' ? parts.zoneText : null,
    dateOnly: parts.dateOnly,
    weekdayMismatch: weekdayMismatch(parts.weekday, local.weekday),
  };
}

function matchIso(text: string): DateParts | null {
  const m = ISO_LIKE.exec(text);
  if (m === null) return null;
  const hasTime = m[4] !== undefined;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: hasTime ? Number(m[4]) : 0,
    minute: hasTime ? Number(m[5]) : 0,
    second: m[6] === undefined ? 0 : Number(m[6]),
    millisecond: fraction(m[7]),
    zoneText: (m[8] ?? '').trim(),
    weekday: null,
    dateOnly: !hasTime,
  };
}

function matchRfc822(text: string): DateParts | null {
  const m = RFC822_LIKE.exec(text);
  if (m === null) return null;
  const month = monthNumber(m[3] ?? '');
  if (month === null) return null;
  return {
    year: fullYear(m[4] ?? ''),
    month,
    day: Number(m[2]),
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: m[7] === undefined ? 0 : Number(m[7]),
    millisecond: fraction(m[8]),
    zoneText: (m[9] ?? '').trim(),
    weekday: m[1] ?? null,
    dateOnly: false,
  };
}

function matchJsDateString(text: string): DateParts | null {
  const m = JS_DATE_STRING.exec(text);
  if (m === null) return null;
  const month = monthNumber(m[2] ?? '');
  if (month === null) return null;
  return {
    year: Number(m[4]),
    month,
    day: Number(m[3]),
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: m[7] === undefined ? 0 : Number(m[7]),
    millisecond: 0,
    zoneText: (m[8] ?? '').trim(),
    weekday: m[1] ?? null,
    dateOnly: false,
  };
}

function fraction(digits: string | undefined): number {
  if (digits === undefined) return 0;
  return Math.floor(Number(`0.${digits}`) * 1000);
}

// RFC 2822 §4.3: a two-digit year below 50 is 20yy, otherwise 19yy.
function fullYear(written: string): number {
  const year = Number(written);
  if (written.length !== 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function foldName(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function monthNumber(word: string): number | null {
  const folded = foldName(word);
  if (folded.length < 3) return null;
  return MONTHS[folded.slice(0, 3)] ?? null;
}

/** Name every impossible component, so the message says what is wrong with `31 Feb 25:61`. */
function componentProblems(parts: DateParts): string[] {
  const problems: string[] = [];
  if (parts.month < 1 || parts.month > 12) problems.push(`month ${parts.month} does not exist`);
  else {
    const daysInMonth = DateTime.utc(parts.year, parts.month, 1).daysInMonth ?? 31;
    if (parts.day < 1 || parts.day > daysInMonth) {
      const monthName = DateTime.utc(parts.year, parts.month, 1).setLocale('en').toFormat('MMMM yyyy');
      problems.push(`day ${parts.day} does not exist in ${monthName}`);
    }
  }
  if (parts.hour > 23 && !(parts.hour === 24 && parts.minute === 0 && parts.second === 0)) problems.push(`hour ${parts.hour}`);
  if (parts.minute > 59) problems.push(`minute ${parts.minute}`);
  // RFC 3339 §5.7 allows a leap second (:60); anything above is wrong.
  if (parts.second > 60) problems.push(`second ${parts.second}`);
  if (parts.second === 60) parts.second = 59;
  if (parts.hour === 24) {
    // ISO 8601 allows 24:00 for the end of a day; Luxon does not.
    parts.hour = 23;
    parts.minute = 59;
    parts.second = 59;
    parts.millisecond = 999;
  }
  return problems;
}

/**
 * The zone as written: a Zone, null when there is none, 'unknown' for an abbreviation we
 * cannot place, 'invalid' for something that is not a zone.
 */
function readZone(written: string): Zone | null | 'unknown' | 'invalid' {
  // `GMT-0400 (hora de Venezuela)`: the parenthesised name is a comment (RFC 822 §3.4.3).
  const text = written.replace(/\([^)]*\)/g, '').trim();
  if (text === '') return null;
  const offset = /^(?:(?:gmt|utc|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = offset[3] === undefined ? 0 : Number(offset[3]);
    if (hours > 14 || minutes > 59) return 'invalid';
    const sign = offset[1] === '-' ? -1 : 1;
    return FixedOffsetZone.instance(sign * (hours * 60 + minutes));
  }
  const name = text.toLowerCase().replace(/\.$/, '');
  const fixed = RFC822_ZONES[name];
  if (fixed !== undefined) return FixedOffsetZone.instance(fixed);
  const regional = REGIONAL_ZONES[name];
  if (regional !== undefined) return IANAZone.create(regional);
  if (IANAZone.isValidZone(text) && text.includes('/')) return IANAZone.create(text);
  if (/^[a-z]{1,5}$/i.test(text)) return 'unknown';
  return 'invalid';
}

function weekdayMismatch(written: string | null, actual: number): { written: string; actual: string } | null {
  if (written === null) return null;
  const folded = foldName(written);
  if (folded.length < 3) return null;
  const day = WEEKDAYS[folded.slice(0, 3)];
  // An unknown word in the weekday slot is left alone: the date itself is what counts.
  if (day === undefined || day === actual) return null;
  return { written, actual: WEEKDAY_NAMES[actual] ?? '' };
}
