import { DateTime, IANAZone } from 'luxon';

/** Values shared by the event-data readers: numbers, positions, calendar days, instants. */

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const WHOLE = /^\d{1,15}$/;

/** A decimal as data sets write it (`-7.0123`, `12`, `+3.5`); null for anything else. */
export function decimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** A count (`0`, `12`); null for anything else, negative numbers and fractions included. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return WHOLE.test(trimmed) ? Number(trimmed) : null;
}

export type Position = { readonly lat: number; readonly lon: number } | { readonly problem: string };

/** Latitude and longitude as two columns; 0,0 is where empty coordinates end up, not a place. */
export function position(latText: string, lonText: string): Position {
  const lat = latText.trim();
  const lon = lonText.trim();
  if (lat === '' && lon === '') return { problem: 'latitude and longitude are empty' };
  if (lat === '' || lon === '') return { problem: `${lat === '' ? 'latitude' : 'longitude'} is empty` };
  const latitude = decimal(lat);
  const longitude = decimal(lon);
  if (latitude === null || longitude === null) {
    return { problem: `${JSON.stringify(latitude === null ? lat : lon)} is not a decimal ${latitude === null ? 'latitude' : 'longitude'}` };
  }
  if (Math.abs(latitude) > 90) return { problem: `latitude ${lat} is outside -90..90` };
  if (Math.abs(longitude) > 180) return { problem: `longitude ${lon} is outside -180..180` };
  if (latitude === 0 && longitude === 0) return { problem: 'the position 0,0 is a placeholder for a missing one, not a place' };
  return { lat: latitude, lon: longitude };
}

export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** `YYYY-MM-DD` of a calendar day. */
export function isoDay({ year, month, day }: CalendarDay): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day if it exists in the Gregorian calendar (no 31 February), else null. */
export function calendarDay(year: number, month: number, day: number): CalendarDay | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth ? { year, month, day } : null;
}

/**
 * The instant a calendar day begins in a zone (ISO 8601, UTC). A day without a time of day is
 * placed at its start in the case's zone; callers keep the day itself beside it. Days repeat
 * across rows, and asking Intl about a zone is slow, so answers are remembered.
 */
export class DayStarts {
  readonly valid: boolean;
  private readonly zone: IANAZone;
  private readonly known = new Map<string, string | null>();

  constructor(zone: string) {
    this.valid = IANAZone.isValidZone(zone);
    this.zone = IANAZone.create(this.valid ? zone : 'UTC');
  }

  of(day: CalendarDay): string | null {
    const key = isoDay(day);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: this.zone }).startOf('day');
    const iso = start.isValid ? start.toUTC().toISO({ suppressMilliseconds: true }) : null;
    // Ten thousand years of days at most; a file of random dates cannot grow this past a bound.
    if (this.known.size >= DAY_CACHE_LIMIT) this.known.clear();
    this.known.set(key, iso);
    return iso;
  }
}

const DAY_CACHE_LIMIT = 100_000;

const LATEST_SECOND = 253_402_300_799; // 9999-12-31T23:59:59Z

/** ISO 8601 (UTC) of a Unix time in seconds, null when it is not a whole second in 1970–9999. */
export function isoFromUnixSeconds(seconds: number): string | null {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > LATEST_SECOND) return null;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** ISO 8601 (UTC) of a wall-clock time written in UTC, null when the time does not exist. */
export function isoFromUtcParts(day: CalendarDay, hour: number, minute: number, second: number): string | null {
  if (hour > 23 || minute > 59 || second > 59) return null;
  const time = DateTime.utc(day.year, day.month, day.day, hour, minute, second);
  return time.isValid ? time.toISO({ suppressMilliseconds: true }) : null;
}

/** Values separated by `;` (ACLED's sources, associated actors, tags), blanks dropped. */
export function list(text: string): string[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A trimmed value, null when empty. */
export function present(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
