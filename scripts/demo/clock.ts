/**
 * Wall-clock times in America/Caracas, the zone of the story and of the machine that made
 * the exports. Venezuela has kept UTC−04:00 all year since 2016-05-01, so a fixed offset is
 * exact for every date the demo uses (2026) and no time-zone database is needed.
 */
const OFFSET_SECONDS = -4 * 3600;

/** `2026-09-18T02:14:09`: local time, no offset, as Telegram Desktop writes `date`. */
export type LocalTime = string;

const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const WEEKDAYS_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'] as const;
export const MONTHS_ES = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
] as const;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parts(local: LocalTime): Parts {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (match === null) throw new Error(`not a local time: ${local}`);
  const [, y, mo, d, h, mi, s] = match;
  return { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) };
}

/** Epoch seconds of a Caracas wall-clock time. */
export function unixSeconds(local: LocalTime): number {
  const p = parts(local);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000 - OFFSET_SECONDS;
}

export function fromUnixSeconds(seconds: number): LocalTime {
  const d = new Date((seconds + OFFSET_SECONDS) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function addSeconds(local: LocalTime, seconds: number): LocalTime {
  return fromUnixSeconds(unixSeconds(local) + seconds);
}

/** `2026-09-18` plus an hour, minute and second. */
export function at(day: string, hour: number, minute: number, second = 0): LocalTime {
  return `${day}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** Days from `first` to `last`, both included, as `YYYY-MM-DD`. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = unixSeconds(`${first}T12:00:00`); t <= unixSeconds(`${last}T12:00:00`); t += 86400) {
    out.push(fromUnixSeconds(t).slice(0, 10));
  }
  return out;
}

/** 0 = Sunday. */
export function weekday(local: LocalTime): number {
  const p = parts(local);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
}

/** `18-09-2026_02-40-11`, as in Telegram Desktop's media file names. */
export function telegramFileStamp(local: LocalTime): string {
  const p = parts(local);
  return `${pad(p.day)}-${pad(p.month)}-${p.year}_${pad(p.hour)}-${pad(p.minute)}-${pad(p.second)}`;
}

/** RFC 822 as RSS 2.0 wants it: `Fri, 18 Sep 2026 07:12:00 -0400`. */
export function rfc822(local: LocalTime): string {
  const p = parts(local);
  return `${WEEKDAYS_EN[weekday(local)] ?? ''}, ${pad(p.day)} ${MONTHS_EN[p.month - 1] ?? ''} ${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} -0400`;
}

/** RFC 3339 as Atom wants it: `2026-09-18T07:12:00-04:00`. */
export function rfc3339(local: LocalTime): string {
  return `${local}-04:00`;
}

/** `viernes 18 de septiembre` */
export function spanishDate(local: LocalTime): string {
  const p = parts(local);
  return `${WEEKDAYS_ES[weekday(local)] ?? ''} ${p.day} de ${MONTHS_ES[p.month - 1] ?? ''}`;
}

export function hourOf(local: LocalTime): number {
  return parts(local).hour;
}

export function dayOfMonth(local: LocalTime): number {
  return parts(local).day;
}
