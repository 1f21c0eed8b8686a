/**
 * The timestamp that starts every message of a WhatsApp export, in the shapes phones write it:
 *
 *   Android   18/09/2026, 02:14 - Sender: text            9/18/26, 2:14 AM - Sender: text
 *             18/9/26, 2:14 a. m. - Sender: text          18.09.26, 02:14 - Sender: text
 *   iOS       [18/09/2026, 02:14:05] Sender: text         [9/18/26, 2:14:05 AM] Sender: text
 *   old iOS   9/18/26, 2:14:05 AM: Sender: text
 *
 * iOS puts U+200E LEFT-TO-RIGHT MARK before lines with attachments; newer versions put U+202F
 * NARROW NO-BREAK SPACE (or U+00A0) before AM/PM; Spanish writes `a. m.`/`p. m.`. The date order
 * (day or month first) cannot be read from one line: see date-order.ts.
 */

// Groups: 1 bracket, 2 stamp, 3 first, 4 separator, 5 second, 6 third, 7 hour, 8 minute, 9 second,
// 10 a/p, 11 terminator.
const HEADER =
  /^[\u200e\u200f]*(\[)?((\d{1,4})([./-]) ?(\d{1,2})\4 ?(\d{1,4})\.?(?:,[ \u00a0]?|[ \u00a0])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[ \u00a0\u202f]?([AaPp])\.?[ \u00a0\u202f]?[Mm]\.?)?)(\] ?(?:- )?| [-\u2013] |: )/;

export interface Header {
  /** The date and time as written (`18/09/2026, 02:14`), part of an item's identity. */
  readonly stamp: string;
  readonly first: number;
  readonly second: number;
  readonly third: number;
  /** Year first (`2026-09-18`): the order is not in question. */
  readonly yearFirst: boolean;
  /** Digits of the year as written: 2 or 4. */
  readonly yearDigits: number;
  /** 0–23, after AM/PM. */
  readonly hour: number;
  readonly minute: number;
  readonly secondOfMinute: number;
  /** The clock is valid (minutes and seconds below 60, hours in range for its AM/PM). */
  readonly clockValid: boolean;
  /** iOS (`[…] `) rather than Android (` - `). */
  readonly bracketed: boolean;
  /** Everything after the timestamp: `Sender: text`, or a system line. */
  readonly rest: string;
}

/** Whether a line could start a message at all: a digit, `[`, or a direction mark before one. */
export function mayStartMessage(buffer: Buffer, start: number, end: number): boolean {
  if (start >= end) return false;
  const byte = buffer[start] ?? 0;
  // 0xE2 starts U+200E/U+200F in UTF-8.
  return (byte >= 0x30 && byte <= 0x39) || byte === 0x5b || byte === 0xe2;
}

export function parseHeader(line: string): Header | null {
  const m = HEADER.exec(line);
  if (m === null) return null;
  const bracketed = m[1] !== undefined;
  const terminator = m[11] ?? '';
  if (bracketed !== terminator.startsWith(']')) return null;
  const firstText = m[3] ?? '';
  const thirdText = m[6] ?? '';
  const yearFirst = firstText.length >= 3;
  const yearDigits = yearFirst ? firstText.length : thirdText.length;
  let hour = Number(m[7]);
  const minute = Number(m[8]);
  const secondOfMinute = m[9] === undefined ? 0 : Number(m[9]);
  const meridiem = m[10]?.toLowerCase();
  let clockValid = minute < 60 && secondOfMinute < 60;
  if (meridiem === undefined) {
    clockValid &&= hour < 24;
  } else {
    // Some locales write 0:30 AM; 12 AM is midnight, 12 PM noon.
    clockValid &&= hour <= 12;
    if (hour === 12) hour = 0;
    if (meridiem === 'p') hour += 12;
  }
  return {
    stamp: m[2] ?? '',
    first: Number(firstText),
    second: Number(m[5]),
    third: Number(thirdText),
    yearFirst,
    yearDigits,
    hour,
    minute,
    secondOfMinute,
    clockValid,
    bracketed,
    rest: line.slice(m[0].length),
  };
}

export type DateOrder = 'day-first' | 'month-first';

/** The order a line proves by itself (a component above 12), or null. */
export function orderEvidence(header: Header): DateOrder | null {
  if (header.yearFirst) return null;
  const { first, second } = header;
  if (first > 12 && first <= 31 && second >= 1 && second <= 12) return 'day-first';
  if (second > 12 && second <= 31 && first >= 1 && first <= 12) return 'month-first';
  return null;
}

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The date a header names when read in `order`, or null when that is not a date (31/02, 13/13). */
export function calendarDate(header: Header, order: DateOrder): CalendarDate | null {
  let year: number;
  let month: number;
  let day: number;
  if (header.yearFirst) {
    if (header.yearDigits !== 4) return null;
    [year, month, day] = [header.first, header.second, header.third];
  } else {
    // Two-digit years: WhatsApp exists since 2009, so 26 is 2026.
    if (header.yearDigits === 2) year = 2000 + header.third;
    else if (header.yearDigits === 4) year = header.third;
    else return null;
    [day, month] = order === 'day-first' ? [header.first, header.second] : [header.second, header.first];
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
