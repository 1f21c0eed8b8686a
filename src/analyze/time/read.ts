import type { Language, TimeMention, TimePrecision } from '../../model/index.js';
import { normalizeText } from '../normalize.js';
import type { NormalizedText } from '../normalize.js';
import { NUMBER_PATTERN, numberValue } from '../numbers/index.js';
import { civilDay, isoInstant, parsePostTime, weekdayOf, yearOf, zoneClock } from './zone.js';
import type { ZoneClock } from './zone.js';

/**
 * Time expressions in Spanish and English, resolved against the post time in the place's
 * timezone. The reader works on the folded matching text (see normalize.ts) in three steps:
 * it finds pieces ("atoms") — a day ("ayer", "el martes", "3 de mayo"), a part of the day
 * ("en la madrugada", "this morning"), a clock time ("a las 2:10", "at 2am") or an offset
 * ("hace una hora") —, joins pieces that stand next to each other with only connecting words
 * between them ("ayer | en la | tarde", "anoche | a las 11"), and resolves each group to an
 * interval [from, to). docs/analysis/time-and-numbers.md lists every choice made here.
 */

export interface TimeReadingOptions {
  /**
   * The post time, ISO 8601: what "ayer" and "hace una hora" count from. Without an offset it
   * is wall-clock time in `timeZone` (Telegram and WhatsApp exports write local time).
   */
  postTime: string;
  /** IANA zone of the place the post speaks about, e.g. America/Caracas. */
  timeZone: string;
  /** The text's language when known: decides 3/5/2024 (day first unless `en`). */
  language?: Language;
}

type PartName = 'madrugada' | 'manana' | 'tarde' | 'noche' | 'anoche' | 'morning' | 'afternoon' | 'evening' | 'night';

/** Hours from the start of the day; beyond 24 runs into the next day. */
export const PARTS_OF_DAY: Readonly<Record<PartName, readonly [number, number]>> = {
  madrugada: [0, 6],
  manana: [6, 12],
  tarde: [12, 19],
  noche: [19, 24],
  // "anoche", "last night", "overnight": the evening before until this morning's 06:00.
  anoche: [19, 30],
  // English "this morning" also covers the small hours, which Spanish calls "madrugada".
  morning: [0, 12],
  afternoon: [12, 18],
  evening: [18, 24],
  night: [19, 30],
};

interface Span {
  start: number;
  end: number;
}

type Atom =
  | (Span & {
      kind: 'day';
      /** Civil day number (zone.ts). */
      day: number;
      relative: boolean;
      written: boolean;
      part?: PartName;
      /** A written date without its year ("9 de septiembre"): the year was chosen, not read. */
      yearless?: boolean;
      /** The ISO weekday a weekday word named ("miércoles"), for a date beside it. */
      weekday?: number;
    })
  | (Span & { kind: 'part'; part: PartName; today: boolean; needsAnchor: boolean })
  | (Span & {
      kind: 'clock';
      hour: number;
      minute: number | null;
      meridiem: 'am' | 'pm' | null;
      /** Written "UTC"/"GMT"/"Z". */
      utc: boolean;
      /** "from 15", "entre las 2": a time only as the first end of a range. */
      rangeOnly: boolean;
    })
  | (Span & { kind: 'offset'; /** Epoch milliseconds. */ from: number; to: number; precision: TimePrecision });

const MONTHS: Readonly<Record<string, number>> = {
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = `(?:${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const SPANISH_MONTH = '(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)';

/** ISO weekday numbers, Monday = 1. */
const WEEKDAYS: Readonly<Record<string, number>> = {
  lunes: 1,
  martes: 2,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
  domingo: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const WEEKDAY = `(?:${Object.keys(WEEKDAYS).join('|')})`;
const SPANISH_MONTH_ONLY = new RegExp(`^${SPANISH_MONTH}$`, 'u');
const AFTER_WEEKDAY = new RegExp(`${WEEKDAY},?\\s*$`, 'u');

const HOUR_WORDS: Readonly<Record<string, number>> = { una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12 };
const HOUR_WORD = `(?:${Object.keys(HOUR_WORDS).join('|')})`;
const MINUTE_WORDS: Readonly<Record<string, number>> = { media: 30, cuarto: 15, cinco: 5, diez: 10, veinte: 20, veinticinco: 25 };
const MINUTE_WORD = `(?:${Object.keys(MINUTE_WORDS).join('|')})`;

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const SPANISH_CLOCK_PREP = '(?:a\\s+las|a\\s+la|sobre\\s+las|hacia\\s+las|cerca\\s+de\\s+las|alrededor\\s+de\\s+las|a\\s+eso\\s+de\\s+las|desde\\s+las|pasadas\\s+las|antes\\s+de\\s+las|despues\\s+de\\s+las|hasta\\s+las|eran\\s+las|siendo\\s+las|entre\\s+las|de\\s+las)';
const ENGLISH_CLOCK_PREP = '(?:at\\s+around|at\\s+about|at\\s+approximately|at|around|about|approximately|shortly\\s+after|shortly\\s+before|just\\s+after|just\\s+before|after|before|by|until|between|from)';
const MERIDIEM = '(?<meridiem>a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)';
const MINUTES_SUFFIX = `(?:\\s+y\\s+(?<plus>\\d{1,2}|${MINUTE_WORD})|\\s+menos\\s+(?<minus>\\d{1,2}|${MINUTE_WORD})|\\s+en\\s+punto)?`;

/** Recognisers, each turning a regex match into an atom (or nothing when it does not hold). */
interface Recogniser {
  pattern: RegExp;
  read(found: RegExpExecArray, context: Context): Atom | null;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

interface Context {
  /** The post time, epoch milliseconds. */
  post: number;
  /** The post's civil day in the zone. */
  today: number;
  clock: ZoneClock;
  language: Language | undefined;
  normalized: NormalizedText;
}

function at(found: RegExpExecArray): Span {
  return { start: found.index, end: found.index + found[0].length };
}

function group(found: RegExpExecArray, name: string): string | undefined {
  return found.groups?.[name];
}

/** Whether `at` begins a sentence, a line or a title ("— martes 8 de Septiembre"). */
function sentenceStart(display: string, at: number): boolean {
  const before = display.slice(Math.max(0, at - 12), at).replace(/\s+$/u, '');
  return before === '' || /[.!?¡¿:;\n—–\-|•(]$/u.test(before) || /[^\p{L}\p{N}\s,]$/u.test(before);
}

/** The most recent day (today included unless `strictlyBefore`) with this ISO weekday. */
function lastWeekday(today: number, weekday: number, strictlyBefore: boolean): number {
  let back = (weekdayOf(today) - weekday + 7) % 7;
  if (back === 0 && strictlyBefore) back = 7;
  return today - back;
}

/** A date written without its year: the most recent one on or before the post's day. */
function recentDate(context: Context, month: number, day: number): number | null {
  const { today } = context;
  const year = yearOf(today);
  const thisYear = civilDay(year, month, day);
  if (thisYear !== null && thisYear <= today) return thisYear;
  return civilDay(year - 1, month, day) ?? thisYear;
}

/**
 * The same date a year later, when that one falls on the weekday named, this one does not, and
 * it is at most a month after the post (an announcement or a forecast); else the date as read.
 */
function yearOfWeekday<T extends { day: number }>(written: T, weekday: number, today: number): T {
  if (weekdayOf(written.day) === weekday) return written;
  const year = yearOf(written.day);
  for (let month = 1; month <= 12; month++) {
    const first = civilDay(year, month, 1);
    if (first === null || first > written.day) break;
    const date = written.day - first + 1;
    if (civilDay(year, month, date) !== written.day) continue;
    const next = civilDay(year + 1, month, date);
    if (next !== null && weekdayOf(next) === weekday && next - today <= 31) return { ...written, day: next };
    return written;
  }
  return written;
}

/** A two-digit year is this century's unless that is more than a year ahead of the post. */
function fullYear(text: string, today: number): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return 2000 + year > yearOf(today) + 1 ? 1900 + year : 2000 + year;
}

const RECOGNISERS: Recogniser[] = [
  // ── Offsets: "hace una hora", "20 minutes ago" ──
  {
    pattern: new RegExp(
      `${B}(?:hace\\s+(?:(?<esN>${NUMBER_PATTERN}|unos|unas|un\\s+par\\s+de|media)\\s+)?(?<esUnit>segundos?|minutos?|min|horas?|hrs?|h|dias?)|hace\\s+(?<esVague>instantes|momentos|un\\s+momento|poco|pocos\\s+minutos|unos\\s+minutos|minutos)|hace\\s+(?<esWhile>un\\s+rato|rato|un\\s+ratico|ratico)|(?<justNow>ahorita|ahora\\s+mismo|just\\s+now)|(?<enN>${NUMBER_PATTERN}|an?|a\\s+few|a\\s+couple\\s+of|several|half\\s+an)\\s+(?<enUnit>seconds?|minutes?|mins?|hours?|hrs?|days?)\\s+ago|(?<enVague>moments|minutes|just\\s+minutes|a\\s+moment)\\s+ago)${E}`,
      'gu',
    ),
    read(found, { post, today, clock }) {
      const span = at(found);
      // "hace un rato": within the hour before the post.
      if (group(found, 'esWhile') !== undefined) return { ...span, kind: 'offset', from: post - 60 * MINUTE_MS, to: post, precision: 'hour' };
      // "ahorita" (Venezuela: just now), "hace instantes": the half hour before the post.
      if (group(found, 'esVague') !== undefined || group(found, 'enVague') !== undefined || group(found, 'justNow') !== undefined) {
        return { ...span, kind: 'offset', from: post - 30 * MINUTE_MS, to: post, precision: 'hour' };
      }
      const count = group(found, 'esN') ?? group(found, 'enN');
      const unit = (group(found, 'esUnit') ?? group(found, 'enUnit') ?? '').replace(/s$/, '');
      let amount: number | null;
      if (count === undefined) amount = unit.startsWith('h') || unit.startsWith('d') ? 1 : null;
      else if (count === 'media' || count === 'half an') amount = 0.5;
      else if (/^(?:unos|unas|a few|several)$/.test(count)) amount = 3;
      else if (/^(?:un\s+par\s+de|a\s+couple\s+of)$/.test(count)) amount = 2;
      else if (count === 'a' || count === 'an') amount = 1;
      else amount = numberValue(count);
      if (amount === null || amount <= 0 || amount > 10_000) return null;
      if (unit === 'segundo' || unit === 'second') return { ...span, kind: 'offset', from: post - MINUTE_MS, to: post, precision: 'minute' };
      if (unit.startsWith('mi')) {
        const when = wholeMinute(post - Math.round(amount) * MINUTE_MS);
        return { ...span, kind: 'offset', from: when, to: when + MINUTE_MS, precision: 'minute' };
      }
      if (unit.startsWith('d')) {
        if (amount !== Math.round(amount)) return null;
        const day = today - amount;
        return { ...span, kind: 'offset', from: clock.instantOf(day, 0, 0), to: clock.instantOf(day + 1, 0, 0), precision: 'day' };
      }
      // Hours: "hace una hora" is about then, give or take half an hour.
      const when = post - Math.round(amount * 60) * MINUTE_MS;
      return { ...span, kind: 'offset', from: wholeMinute(when - 30 * MINUTE_MS), to: wholeMinute(when + 30 * MINUTE_MS), precision: 'hour' };
    },
  },
  // ── Days said relative to today ──
  {
    pattern: new RegExp(
      `${B}(?<word>hoy|ayer|anteayer|antier|antes\\s+de\\s+ayer|anoche|antenoche|anteanoche|today|yesterday|the\\s+day\\s+before\\s+yesterday|last\\s+night|overnight|tonight)${E}`,
      'gu',
    ),
    read(found, { today, post, clock }) {
      const word = (group(found, 'word') ?? '').replace(/\s+/g, ' ');
      const span = at(found);
      const day = (back: number, part?: PartName): Atom => ({ ...span, kind: 'day', day: today - back, relative: true, written: false, ...(part === undefined ? {} : { part }) });
      switch (word) {
        case 'hoy':
        case 'today':
          return day(0);
        case 'ayer':
        case 'yesterday':
          return day(1);
        case 'anoche':
        case 'last night':
        case 'overnight':
          return day(1, 'anoche');
        case 'antenoche':
        case 'anteanoche':
          return day(2, 'anoche');
        case 'tonight':
          // Said before 07:00, the night that is ending.
          return (post - clock.instantOf(today, 0, 0)) / 3_600_000 < 7 ? day(1, 'anoche') : day(0, 'noche');
        default:
          return day(2);
      }
    },
  },
  // ── Weekdays: "el martes", "el pasado martes", "last Tuesday", "on Tuesday" ──
  {
    pattern: new RegExp(`${B}(?:(?<qualifier>el\\s+pasado|este|esta|el|pasado|last|this\\s+past|this|on)\\s+)?(?<weekday>${WEEKDAY})(?:\\s+(?<after>pasado|last))?${E}`, 'gu'),
    read(found, { today }) {
      const weekday = WEEKDAYS[group(found, 'weekday') ?? ''];
      if (weekday === undefined) return null;
      const qualifier = group(found, 'qualifier') ?? '';
      const strictlyBefore = /pasado|last|past/.test(qualifier) || group(found, 'after') !== undefined;
      return { ...at(found), kind: 'day', day: lastWeekday(today, weekday, strictlyBefore), relative: true, written: false, weekday };
    },
  },
  // ── "la noche del jueves al viernes": the night that ends on the second day ──
  {
    pattern: new RegExp(`${B}noche\\s+del?\\s+(?:${WEEKDAY})\\s+al?\\s+(?<weekday>${WEEKDAY})${E}`, 'gu'),
    read(found, { today }) {
      const weekday = WEEKDAYS[group(found, 'weekday') ?? ''];
      if (weekday === undefined) return null;
      // "anoche" is read from the evening of its day: the first day of the pair.
      return { ...at(found), kind: 'day', day: lastWeekday(today, weekday, false) - 1, relative: true, written: false, part: 'anoche' };
    },
  },
  // ── Dates with a month name: "el 3 de mayo (de 2024)", "May 3(, 2024)", "3 May 2024" ──
  {
    pattern: new RegExp(
      `${B}(?:(?:el\\s+|on\\s+)?(?<dayFirst>\\d{1,2})(?:ro|o|°|st|nd|rd|th)?\\s+(?:de\\s+|of\\s+)?(?<monthAfter>${MONTH})\\.?(?:(?:\\s+de\\s+|\\s+del\\s+|,?\\s+)(?<yearAfter>\\d{4}))?|(?:on\\s+)?(?<monthFirst>${MONTH})\\.?\\s+(?<dayAfter>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?<yearFirst>\\d{4}))?)${E}`,
      'gu',
    ),
    read(found, context) {
      const monthWord = group(found, 'monthAfter') ?? group(found, 'monthFirst') ?? '';
      const month = MONTHS[monthWord];
      const day = Number(group(found, 'dayFirst') ?? group(found, 'dayAfter'));
      const yearText = group(found, 'yearAfter') ?? group(found, 'yearFirst');
      if (month === undefined) return null;
      const monthAt = found.index + found[0].lastIndexOf(monthWord);
      const monthStart = context.normalized.spanOf(monthAt, monthAt + monthWord.length).start;
      const capitalised = /\p{Lu}/u.test(context.normalized.display[monthStart] ?? '');
      // English "may" is mostly the verb: the month is written "May".
      if (monthWord === 'may' && !capitalised) return null;
      // Spanish writes months in lower case: "5 de Julio", "23 de Enero", "19 de Abril" inside
      // a sentence are places (barrios, avenues, schools named after the date) — unless a
      // weekday comes before ("martes 8 de Septiembre").
      const afterWeekday = AFTER_WEEKDAY.test(context.normalized.match.slice(Math.max(0, found.index - 12), found.index));
      if (capitalised && SPANISH_MONTH_ONLY.test(monthWord) && group(found, 'dayFirst') !== undefined && !afterWeekday && !sentenceStart(context.normalized.display, context.normalized.spanOf(found.index, found.index + 1).start)) {
        return null;
      }
      if (group(found, 'monthFirst') !== undefined && SPANISH_MONTH_ONLY.test(monthWord) && yearText === undefined && context.language !== 'en') {
        // "mayo 3" is rare in Spanish; "marzo 2" more often a list. Keep only with a year.
        return null;
      }
      const date = yearText === undefined ? recentDate(context, month, day) : civilDay(Number(yearText), month, day);
      if (date === null) return null;
      return { ...at(found), kind: 'day', day: date, relative: false, written: true, yearless: yearText === undefined };
    },
  },
  // ── Numeric dates: 3/5/2024 (day first unless the text is English), 2024-05-03, "el 3/5" ──
  {
    pattern: new RegExp(
      `${B}(?:(?<iso>(?<isoYear>\\d{4})-(?<isoMonth>\\d{2})-(?<isoDay>\\d{2}))|(?<lead>el\\s+|on\\s+)?(?<a>\\d{1,2})(?<separator>[/.-])(?<b>\\d{1,2})(?:\\k<separator>(?<year>\\d{4}|\\d{2}))?)(?![\\p{L}\\p{N}]|[/.-]\\d)`,
      'gu',
    ),
    read(found, context) {
      if (group(found, 'iso') !== undefined) {
        const date = civilDay(Number(group(found, 'isoYear')), Number(group(found, 'isoMonth')), Number(group(found, 'isoDay')));
        return date === null ? null : { ...at(found), kind: 'day', day: date, relative: false, written: true };
      }
      const yearText = group(found, 'year');
      const separator = group(found, 'separator');
      // "3/5" alone is as often a score or a fraction: only with a year or after "el"/"on".
      if (yearText === undefined && group(found, 'lead') === undefined) return null;
      if (separator === '.' && yearText === undefined) return null;
      const a = Number(group(found, 'a'));
      const b = Number(group(found, 'b'));
      const monthFirst = context.language === 'en' ? a <= 12 : b > 12 && a <= 12;
      const [day, month] = monthFirst ? [b, a] : [a, b];
      const date = yearText === undefined ? recentDate(context, month, day) : civilDay(fullYear(yearText, context.today), month, day);
      return date === null ? null : { ...at(found), kind: 'day', day: date, relative: false, written: true, yearless: yearText === undefined };
    },
  },
  // ── Parts of the day ──
  {
    pattern: new RegExp(
      `${B}(?:(?<this>esta|this)\\s+|(?<prep>(?:en|por|a|durante|de|desde)\\s+(?:horas\\s+de\\s+)?la|horas\\s+de\\s+la|in\\s+the(?:\\s+early)?|during\\s+the|early\\s+in\\s+the|early\\s+this|late\\s+this|late\\s+in\\s+the|at)\\s+|(?<bare>la|the|de)\\s+)?(?<part>madrugada|manana|tarde|noche|early\\s+hours|morning|afternoon|evening|night)${E}`,
      'gu',
    ),
    read(found) {
      const word = (group(found, 'part') ?? '').replace(/\s+/g, ' ');
      const prep = group(found, 'prep');
      const isThis = group(found, 'this') !== undefined || prep?.startsWith('early this') === true || prep?.startsWith('late this') === true;
      const part: PartName = word === 'early hours' ? 'madrugada' : (word as PartName);
      if (prep === 'at' && part !== 'night') return null;
      // Alone, "tarde" is "late", "mañana" is "tomorrow", "night" a noun: such a word counts only
      // beside a day ("ayer tarde", "Tuesday night"). "madrugada" is never anything else.
      const needsAnchor = !isThis && prep === undefined && part !== 'madrugada';
      return { ...at(found), kind: 'part', part: prep === 'at' ? 'noche' : part, today: isThis, needsAnchor };
    },
  },
  // ── Clock times ──
  {
    pattern: new RegExp(
      `(?<![\\p{L}\\p{N}:.,/])(?:(?<prep>${SPANISH_CLOCK_PREP}|${ENGLISH_CLOCK_PREP}|las)\\s+)?(?:(?<hour>\\d{1,2})(?:(?<separator>[:h.])(?<minute>\\d{2})(?::\\d{2})?)?|(?<hourWord>${HOUR_WORD}))${MINUTES_SUFFIX}(?:\\s*${MERIDIEM}|\\s*(?<hours>hrs?\\.?|horas|h|o'?clock|local\\s+time|hora\\s+local))?(?:\\s*(?:\\((?<utc>utc|gmt|z)\\)|(?<utc2>utc|gmt|z)))?(?![\\p{L}\\p{N}]|:\\d|[.,]\\d)`,
      'gu',
    ),
    read(found, context) {
      const prep = group(found, 'prep');
      const hourWord = group(found, 'hourWord');
      const separator = group(found, 'separator');
      const minuteText = group(found, 'minute');
      const meridiemText = group(found, 'meridiem');
      const plus = group(found, 'plus');
      const minus = group(found, 'minus');
      const hoursWord = group(found, 'hours');
      let hour = hourWord === undefined ? Number(group(found, 'hour')) : (HOUR_WORDS[hourWord] ?? NaN);
      let minute: number | null = minuteText === undefined ? null : Number(minuteText);
      let rangeOnly = false;
      const spanish = prep !== undefined && /^(?:a|sobre|hacia|cerca|alrededor|desde|pasadas|antes|despues|hasta|eran|siendo|entre|de|las)\b/.test(prep);
      const meridiem = meridiemText === undefined ? null : meridiemText.startsWith('a') ? 'am' : 'pm';
      const clockWritten = separator === ':' || (separator === 'h' && minuteText !== undefined);
      // Without a colon, am/pm or "hrs", a number is a time only after "a las"/"at" — and for
      // "las"/"at" only when no noun follows ("a las 2 personas" is not a time).
      if (hourWord !== undefined && !spanish) return null;
      // "24 horas", "2 hrs" with nothing before them are durations.
      if (!clockWritten && meridiem === null && prep === undefined) return null;
      if (!clockWritten && meridiem === null && hoursWord === undefined) {
        if (separator === '.' && !spanish) return null;
        const after = context.normalized.match.slice(found.index + found[0].length, found.index + found[0].length + 24);
        const nextWord = /^\s*([\p{L}]+)/u.exec(after)?.[1];
        if (nextWord !== undefined && !FOLLOWERS.has(nextWord)) return null;
        if (prep === 'las' || /^(?:by|until|after|before|about|around|approximately|between|from|de\s+las|entre\s+las)$/.test(prep ?? '')) {
          // Too loose alone ("las 3 casas", "about 2"): keep only when a part of day follows,
          // or, as a range's first end, its second ("from 2 to 4pm"; not "from 15 to 37 years").
          if (nextWord === undefined || !/^(?:de|del|en|in|this|on|y|and|a|to|hasta|until)$/.test(nextWord)) return null;
          rangeOnly = /^(?:y|and|a|to|hasta|until)$/.test(nextWord);
        }
      }
      if (separator === 'h' && minuteText === undefined) return null;
      if (plus !== undefined) minute = /^\d/.test(plus) ? Number(plus) : (MINUTE_WORDS[plus] ?? null);
      if (minus !== undefined) {
        const less = /^\d/.test(minus) ? Number(minus) : (MINUTE_WORDS[minus] ?? 0);
        hour -= 1;
        minute = 60 - less;
        if (hour < 0) hour = 23;
      }
      if (!Number.isInteger(hour) || hour > 24 || (minute !== null && (minute < 0 || minute > 59))) return null;
      if (hour === 24) hour = 0;
      if (meridiem !== null && (hour === 0 || hour > 12)) return null;
      return { ...at(found), kind: 'clock', hour, minute, meridiem, utc: group(found, 'utc') !== undefined || group(found, 'utc2') !== undefined, rangeOnly };
    },
  },
  // ── Midnight and noon ──
  {
    pattern: new RegExp(`${B}(?:(?:a\\s+|at\\s+|around\\s+)?(?:la\\s+)?(?<word>medianoche|mediodia|midnight|noon|midday))${E}`, 'gu'),
    read(found) {
      const word = group(found, 'word');
      const midnight = word === 'medianoche' || word === 'midnight';
      return { ...at(found), kind: 'clock', hour: midnight ? 0 : 12, minute: null, meridiem: midnight ? 'am' : 'pm', utc: false, rangeOnly: false };
    },
  },
];

/** Words that may follow "a las 2" / "at 2" when it is a time. */
const FOLLOWERS = new Set([
  ...'de del y en horas hrs hora menos aprox aproximadamente hoy ayer se cuando un una el la hubo fue ocurrio hasta'.split(' '),
  ...'am pm in on this last yesterday today tonight local and when the a we i there to until'.split(' '),
]);

/** Between the two ends of a range of clock times. */
const RANGE = /^\s*(?:-|–|—|a|y|and|to|until|hasta)\s*(?:las\s+|la\s+)?$/u;

/**
 * Whether two clock times are the ends of one range: "entre las 2 y las 3", "02:10–02:15",
 * "de las 2 a las 4", "from 2 to 4pm" — but "a las 2:10 y a las 3" are two times.
 */
function isRange(match: string, first: Span, second: Span): boolean {
  const gap = match.slice(first.end, second.start);
  const opening = match.slice(first.start, second.start);
  const closing = match.slice(second.start, second.end);
  if (/^\s*$/.test(gap)) return /^(?:de|desde|from)\s/.test(opening) && /^(?:a|hasta|to|until)\s/.test(closing);
  return RANGE.test(gap) && !/^(?:a|at)\s/.test(closing);
}

/** Words that may stand between two pieces of one expression ("ayer | en la | tarde"). */
const CONNECTOR = /^[\s,]*(?:(?:de|del|en|la|el|por|a|este|esta|pasado|at|on|in|the|of|around|about|y|and|early|late|hacia|desde|approximately|aproximadamente|local|time|hora|hlv)[\s,]+)*$/u;

export function readTimes(text: string, options: TimeReadingOptions): TimeMention[] {
  return readTimesNormalized(normalizeText(text, options.language === undefined ? {} : { language: options.language }), options);
}

/** As readTimes, on text already normalised (so that stages share one normalisation). */
export function readTimesNormalized(normalized: NormalizedText, options: TimeReadingOptions): TimeMention[] {
  const clock = zoneClock(options.timeZone);
  const post = parsePostTime(options.postTime, clock);
  if (Number.isNaN(post)) throw new RangeError(`time reading: ${JSON.stringify(options.postTime)} is not an ISO 8601 time`);
  const context: Context = { post, today: clock.dayOf(post), clock, language: options.language, normalized };
  const atoms: Atom[] = [];
  for (const recogniser of RECOGNISERS) {
    recogniser.pattern.lastIndex = 0;
    for (let found = recogniser.pattern.exec(normalized.match); found !== null; found = recogniser.pattern.exec(normalized.match)) {
      const atom = recogniser.read(found, context);
      if (atom !== null) atoms.push(atom);
    }
  }
  // Overlaps: the longer piece wins ("el 3/5/2024" over a clock "3"), then the earlier.
  atoms.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Atom[] = [];
  for (const atom of atoms.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (kept.every((other) => atom.end <= other.start || atom.start >= other.end)) kept.push(atom);
  }
  kept.sort((a, b) => a.start - b.start);

  const groups: Atom[][] = [];
  for (const atom of kept) {
    const last = groups.at(-1);
    const previous = last?.at(-1);
    if (
      last !== undefined &&
      previous !== undefined &&
      atom.kind !== 'offset' &&
      previous.kind !== 'offset' &&
      ((CONNECTOR.test(normalized.match.slice(previous.end, atom.start)) && joins(last, atom)) ||
        // "entre las 2 y las 3", "02:10–02:15", "from 2 to 3am": a range of two clock times.
        (previous.kind === 'clock' && atom.kind === 'clock' && last.filter((piece) => piece.kind === 'clock').length === 1 && isRange(normalized.match, previous, atom)))
    ) {
      last.push(atom);
    } else groups.push([atom]);
  }

  const mentions: TimeMention[] = [];
  for (const pieces of groups) {
    const resolved = resolve(pieces, context);
    if (resolved === null) continue;
    const first = pieces[0];
    const last = pieces.at(-1);
    if (first === undefined || last === undefined) continue;
    const { start, end } = normalized.spanOf(first.start, last.end);
    let to = resolved.to;
    // Past bias: what a post reports had happened by the time it was posted.
    if (resolved.from < post && to > post && resolved.precision !== 'minute') to = post;
    mentions.push({
      start,
      end,
      text: normalized.display.slice(start, end),
      from: isoInstant(resolved.from),
      to: isoInstant(to),
      precision: resolved.precision,
      relative: resolved.relative,
      timeZone: resolved.zone,
    });
  }
  return mentions;
}

/**
 * Whether `atom` may join a group: one piece of each kind — but a weekday may meet its date or a
 * word for the same day ("ayer jueves", "hoy viernes"), and a part may be said twice.
 */
function joins(pieces: readonly Atom[], atom: Atom): boolean {
  // "esta madrugada a las 2 de la madrugada" says the part twice: one expression.
  return pieces.every(
    (piece) =>
      piece.kind !== atom.kind ||
      (piece.kind === 'day' && atom.kind === 'day' && (piece.written !== atom.written || piece.day === atom.day)) ||
      (piece.kind === 'part' && atom.kind === 'part' && piece.part === atom.part && !piece.needsAnchor && !atom.needsAnchor),
  );
}

interface Resolved {
  from: number;
  to: number;
  /** The zone the expression was read in: the place's, or UTC when the text says so. */
  zone: string;
  precision: TimePrecision;
  relative: boolean;
}

function resolve(pieces: readonly Atom[], context: Context): Resolved | null {
  const clocks = pieces.filter((piece): piece is Extract<Atom, { kind: 'clock' }> => piece.kind === 'clock');
  const [first, second] = clocks;
  if (first !== undefined && second !== undefined) {
    // A range: each end read with the rest of the expression, "2" taking the "am" of "3am".
    const opening = resolveOne(pieces.filter((piece) => piece !== second).map((piece) => (piece === first && first.meridiem === null && first.hour <= 12 ? { ...first, meridiem: second.meridiem } : piece)), context);
    const closing = resolveOne(pieces.filter((piece) => piece !== first), context);
    if (opening === null || closing === null) return opening ?? closing;
    // Until the second time ("de las 2 a las 4" ends at 4:00), or through its minute; "de 11 pm
    // a 1 am" ends on the next day.
    const end = closing.precision === 'minute' ? closing.to : closing.from;
    const to = end > opening.from ? end : end + 86_400_000;
    return { ...opening, to, precision: closing.precision === 'minute' && opening.precision === 'minute' ? 'minute' : 'hour' };
  }
  if (first?.rangeOnly === true) return null;
  return resolveOne(pieces, context);
}

function resolveOne(pieces: readonly Atom[], context: Context): Resolved | null {
  const { post, today } = context;
  const offset = pieces.find((piece) => piece.kind === 'offset');
  if (offset !== undefined) return { from: offset.from, to: offset.to, precision: offset.precision, relative: true, zone: context.clock.zone };
  const days = pieces.filter((piece): piece is Extract<Atom, { kind: 'day' }> => piece.kind === 'day');
  // A written date says more than the weekday beside it ("el martes 3 de mayo"), but when its
  // year was not written the weekday tells which: "miércoles 9 de septiembre" posted on
  // Tuesday 8 September 2026 is the next day, not 9 September 2025 (a Tuesday).
  const written = days.find((piece) => piece.written);
  const weekday = days.find((piece) => piece.weekday !== undefined)?.weekday;
  const day = written?.yearless === true && weekday !== undefined ? yearOfWeekday(written, weekday, today) : (written ?? days[0]);
  const parts = pieces.filter((piece): piece is Extract<Atom, { kind: 'part' }> => piece.kind === 'part');
  const partPiece = parts.find((piece) => !piece.needsAnchor) ?? parts[0];
  const clock = pieces.find((piece): piece is Extract<Atom, { kind: 'clock' }> => piece.kind === 'clock');
  // A time written in UTC ("06:10:29 GMT", feeds and seismographs) is read in UTC, its day too.
  const zone = clock?.utc === true ? zoneClock('UTC') : context.clock;
  if (partPiece?.needsAnchor === true && day === undefined && clock === undefined) return null;
  const partName = partPiece?.part ?? day?.part;

  let window: { from: number; to: number } | null = null;
  let precision: TimePrecision = 'day';
  let relative = day?.relative ?? true;
  if (day !== undefined) {
    window = partName === undefined ? { from: zone.instantOf(day.day, 0, 0), to: zone.instantOf(day.day + 1, 0, 0) } : partWindow(zone, day.day, partName);
    precision = partName === undefined ? 'day' : 'part-of-day';
  } else if (partName !== undefined && partPiece !== undefined) {
    // "esta noche" / "tonight" said before 07:00 is the night that is ending ("nadie durmió
    // esta noche" at 05:00).
    if (partPiece.today && partName === 'noche' && (post - zone.instantOf(today, 0, 0)) / 3_600_000 < 7) window = partWindow(zone, today - 1, 'anoche');
    else if (partPiece.today) window = partWindow(zone, today, partName);
    else {
      // The most recent such part of a day that had begun by the post time.
      const todays = partWindow(zone, today, partName);
      window = todays.from <= post ? todays : partWindow(zone, today - 1, partName);
    }
    precision = 'part-of-day';
  }

  if (clock === undefined) return window === null ? null : { ...window, precision, relative, zone: zone.zone };

  const hours = candidateHours(clock.hour, clock.meridiem);
  const clockPrecision: TimePrecision = clock.minute === null ? 'hour' : 'minute';
  const length = clock.minute === null ? HOUR_MS : MINUTE_MS;
  const minute = clock.minute ?? 0;
  let when: number | null = null;
  if (window !== null) {
    const firstDay = zone.dayOf(window.from);
    for (const offsetDays of [0, 1]) {
      for (const hour of hours) {
        const candidate = zone.instantOf(firstDay + offsetDays, hour, minute);
        if (when === null && candidate >= window.from && candidate < window.to) when = candidate;
      }
    }
    when ??= zone.instantOf(firstDay, hours[0] ?? clock.hour, minute);
  } else {
    // Past bias: the latest such time at or before the post ("a las 11 de la noche" posted at
    // 01:00 is the evening before).
    relative = true;
    for (const back of [0, 1]) {
      for (const hour of hours) {
        const candidate = zone.instantOf(today - back, hour, minute);
        if (candidate <= post && (when === null || candidate > when)) when = candidate;
      }
    }
    when ??= zone.instantOf(today - 1, hours[0] ?? clock.hour, minute);
  }
  return { from: when, to: when + length, precision: clockPrecision, relative, zone: zone.zone };
}

/** Hours on the 24-hour clock that "2", "2 pm", "12 am" may mean. */
function candidateHours(hour: number, meridiem: 'am' | 'pm' | null): number[] {
  if (meridiem === 'am') return [hour === 12 ? 0 : hour];
  if (meridiem === 'pm') return [hour === 12 ? 12 : hour + 12];
  if (hour === 0 || hour > 12) return [hour];
  if (hour === 12) return [12, 0];
  return [hour, hour + 12];
}

/** A part of the day as instants; hours past 24 run into the next day, DST gaps move forward. */
function partWindow(zone: ZoneClock, day: number, part: PartName): { from: number; to: number } {
  const [start, end] = PARTS_OF_DAY[part];
  return { from: zone.instantOf(day, start, 0), to: zone.instantOf(day, end, 0) };
}

function wholeMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
