import { DateTime } from 'luxon';
import type { CalendarDate } from './header.js';

/**
 * Wall-clock times of one IANA zone turned into UTC exactly as luxon turns them (a time in the
 * hour skipped by a DST change moves forward by the gap; a time in the repeated hour gets the
 * offset luxon picks), but far faster: luxon builds ~40,000 DateTimes a second, and a chat
 * export has millions of lines. A day whose offset does not change is computed once; on a day
 * with a change, each hour is; only an hour with the change in it goes through luxon line by line.
 */
export class ZoneClock {
  readonly zone: string;
  /** False when the zone given was not a zone luxon knows (UTC is used instead). */
  readonly knownZone: boolean;
  /** Offsets in minutes of whole days whose offset does not change, by day; null for days with a change. */
  private readonly days = new Map<number, number | null>();
  /** The same for single hours of the days with a change. */
  private readonly hours = new Map<number, number | null>();

  constructor(zone: string) {
    this.knownZone = DateTime.fromObject({ year: 2000 }, { zone }).isValid;
    this.zone = this.knownZone ? zone : 'UTC';
  }

  /** Milliseconds since the epoch of a valid calendar date and clock time in this zone. */
  epochMillis(date: CalendarDate, hour: number, minute: number, second: number): number {
    const day = (date.year * 13 + date.month) * 32 + date.day;
    let offset = this.days.get(day);
    if (offset === undefined) {
      offset = this.steadyOffset(date, 0, 23);
      // Exports run in time order, so recent days are what repeat; forget the rest.
      if (this.days.size >= 4096) this.days.clear();
      this.days.set(day, offset);
    }
    if (offset === null) {
      const key = day * 24 + hour;
      offset = this.hours.get(key);
      if (offset === undefined) {
        offset = this.steadyOffset(date, hour, hour);
        if (this.hours.size >= 4096) this.hours.clear();
        this.hours.set(key, offset);
      }
    }
    if (offset !== null) return Date.UTC(date.year, date.month - 1, date.day, hour, minute, second) - offset * 60_000;
    return DateTime.fromObject({ ...date, hour, minute, second }, { zone: this.zone }).toMillis();
  }

  /**
   * The offset in minutes from the first second of hour `from` to the last of hour `to` when it
   * does not change in between (zones change at most once a day), else null.
   */
  private steadyOffset(date: CalendarDate, from: number, to: number): number | null {
    const start = DateTime.fromObject({ ...date, hour: from, minute: 0, second: 0 }, { zone: this.zone });
    const end = DateTime.fromObject({ ...date, hour: to, minute: 59, second: 59 }, { zone: this.zone });
    if (!start.isValid || !end.isValid || start.offset !== end.offset) return null;
    // In a skipped hour (or half hour) luxon moves the time forward: the wall clock read back differs.
    if (start.day !== date.day || start.hour !== from || start.minute !== 0 || end.day !== date.day || end.hour !== to || end.minute !== 59 || end.second !== 59) return null;
    return start.offset;
  }
}

/**
 * `2026-09-18T06:14:00Z` from epoch milliseconds (whole seconds), by calendar arithmetic
 * (Hinnant's civil-from-days): several times faster than `Date#toISOString`, which shows at
 * a million messages.
 */
export function isoInstant(millis: number): string {
  const seconds = Math.floor(millis / 1000);
  const days = Math.floor(seconds / 86400);
  const secondOfDay = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(secondOfDay % 60)}Z`;
}

/** The local time as written, ISO-shaped without a zone: `2026-09-18T02:14:05`. */
export function localStamp(date: CalendarDate, hour: number, minute: number, second: number): string {
  return `${String(date.year).padStart(4, '0')}-${two(date.month)}-${two(date.day)}T${two(hour)}:${two(minute)}:${two(second)}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
