/**
 * Wall-clock time in an IANA zone without a date library: civil days as whole numbers (days
 * since 1970-01-01) and instants as epoch milliseconds. luxon does the same but costs tens of
 * microseconds per step, and the time reader takes many steps per report; this is the part of
 * it that the reader needs, with the zone offsets read from Intl (the runtime's tz database).
 */

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

export interface ZoneClock {
  zone: string;
  /** Minutes east of UTC at this instant. */
  offsetAt(ms: number): number;
  /** The civil day (days since 1970-01-01) that this instant falls on in the zone. */
  dayOf(ms: number): number;
  /**
   * The instant of a wall-clock time; hours past 24 run into the next days. A time that does
   * not exist (the hour skipped when clocks go forward) moves on by the gap, as clocks do; a
   * time that happens twice takes the first.
   */
  instantOf(day: number, hour: number, minute: number): number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** A clock for `zone`; throws RangeError when the runtime does not know the zone. */
export function zoneClock(zone: string): ZoneClock {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    formatters.set(zone, formatter);
  }
  const format = formatter;
  // Offsets change on quarter hours in every zone of the tz database since 1970.
  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    const key = `${zone} ${bucket}`;
    const known = offsets.get(key);
    if (known !== undefined) return known;
    const at = bucket * QUARTER_HOUR_MS;
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(at)) parts[part.type] = part.value;
    const yearNumber = Number(parts['year']);
    const year = parts['era'] === 'BC' || parts['era'] === 'B' ? 1 - yearNumber : yearNumber;
    const wall = Date.UTC(year, Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
    const offset = Math.round((wall - at) / 60_000);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
    return offset;
  };
  return {
    zone,
    offsetAt,
    dayOf: (ms) => Math.floor((ms + offsetAt(ms) * 60_000) / DAY_MS),
    instantOf(day, hour, minute) {
      const local = day * DAY_MS + hour * 3_600_000 + minute * 60_000;
      // As Temporal's "compatible" disambiguation (and luxon) do: of the offsets in force a day
      // either side, those that give back this wall time are the candidates; a time repeated
      // by a change (01:30 twice where a zone falls back) is the earlier one, a time skipped
      // (02:30 where it springs forward) is read with the offset before the gap, so it moves on.
      const before = offsetAt(local - DAY_MS);
      const after = offsetAt(local + DAY_MS);
      let chosen: number | null = null;
      for (const offset of before === after ? [before] : [before, after]) {
        const candidate = local - offset * 60_000;
        if (offsetAt(candidate) === offset && (chosen === null || candidate < chosen)) chosen = candidate;
      }
      return chosen ?? local - before * 60_000;
    },
  };
}

/** The civil day of a calendar date, or null when the date does not exist (31/02). */
export function civilDay(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(ms / DAY_MS);
}

/** ISO weekday of a civil day, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7 + 1;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** ISO 8601 in UTC, without milliseconds: 2026-09-18T06:10:00Z. */
export function isoInstant(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/**
 * An ISO 8601 time as epoch milliseconds; one written without an offset ("2026-09-18T02:29:13",
 * as Telegram and WhatsApp exports write local time) is wall-clock time in the clock's zone.
 * NaN when it is not a time.
 */
export function parsePostTime(text: string, clock: ZoneClock): number {
  const local = LOCAL_ISO.exec(text.trim());
  if (local === null) return Date.parse(text);
  const [, year, month, day, hour, minute, second, fraction] = local;
  const civil = civilDay(Number(year), Number(month), Number(day));
  if (civil === null || Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return NaN;
  const milliseconds = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  return clock.instantOf(civil, Number(hour ?? 0), Number(minute ?? 0)) + Number(second ?? 0) * 1000 + milliseconds;
}

/** parsePostTime in the named zone; NaN for a bad time, RangeError for an unknown zone. */
export function readPostTime(text: string, timeZone: string): number {
  return parsePostTime(text, zoneClock(timeZone));
}
