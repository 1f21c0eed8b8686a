import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { eventTimeOf, readTimes } from '../../../src/analyze/index.js';
import { civilDay, zoneClock } from '../../../src/analyze/time/zone.js';
import type { TimeMention } from '../../../src/model/index.js';

const CARACAS = 'America/Caracas'; // UTC−4 all year
/** Friday 18 September 2026, 10:30 in Caracas. */
const POST = '2026-09-18T10:30:00-04:00';

function only(text: string, options: { post?: string; zone?: string; language?: 'es' | 'en' } = {}): TimeMention {
  const mentions = readTimes(text, { postTime: options.post ?? POST, timeZone: options.zone ?? CARACAS, ...(options.language === undefined ? {} : { language: options.language }) });
  expect(mentions).toHaveLength(1);
  const [mention] = mentions;
  if (mention === undefined) throw new Error('no mention');
  expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  expect(Date.parse(mention.from)).toBeLessThan(Date.parse(mention.to));
  return mention;
}

function interval(mention: TimeMention): [string, string, string] {
  return [mention.from, mention.to, mention.precision];
}

describe('time expressions in Spanish, America/Caracas', () => {
  it.each([
    ['🚨 Anoche se escucharon fuertes explosiones en Guasdualito', 'Anoche', '2026-09-17T23:00:00Z', '2026-09-18T10:00:00Z', 'part-of-day'],
    ['Vecinos reportan que esta madrugada hubo detonaciones', 'esta madrugada', '2026-09-18T04:00:00Z', '2026-09-18T10:00:00Z', 'part-of-day'],
    ['El ataque ocurrió a las 2 de la madrugada según testigos', 'a las 2 de la madrugada', '2026-09-18T06:00:00Z', '2026-09-18T07:00:00Z', 'hour'],
    ['se sintió el bombazo a las 2:10 am, toda la casa tembló', 'a las 2:10 am', '2026-09-18T06:10:00Z', '2026-09-18T06:11:00Z', 'minute'],
    ['hace una hora cayó algo cerca del fuerte', 'hace una hora', '2026-09-18T13:00:00Z', '2026-09-18T14:00:00Z', 'hour'],
    ['Hace 20 minutos se escuchó un dron', 'Hace 20 minutos', '2026-09-18T14:10:00Z', '2026-09-18T14:11:00Z', 'minute'],
    ['Ayer en la tarde hubo enfrentamientos en La Victoria', 'Ayer en la tarde', '2026-09-17T16:00:00Z', '2026-09-17T23:00:00Z', 'part-of-day'],
    ['El martes hubo un bombardeo en la zona', 'El martes', '2026-09-15T04:00:00Z', '2026-09-16T04:00:00Z', 'day'],
    ['El 3 de mayo murieron 4 personas', 'El 3 de mayo', '2026-05-03T04:00:00Z', '2026-05-04T04:00:00Z', 'day'],
    ['Comunicado del 3/5/2024: no hubo víctimas', '3/5/2024', '2024-05-03T04:00:00Z', '2024-05-04T04:00:00Z', 'day'],
    ['chamo a las dos y media se oyo otra vez', 'a las dos y media', '2026-09-18T06:30:00Z', '2026-09-18T06:31:00Z', 'minute'],
    ['La explosión fue en la madrugada de este martes', 'en la madrugada de este martes', '2026-09-15T04:00:00Z', '2026-09-15T10:00:00Z', 'part-of-day'],
    ['Anoche a las 11 se fue la luz', 'Anoche a las 11', '2026-09-18T03:00:00Z', '2026-09-18T04:00:00Z', 'hour'],
    ['el domingo 3 de mayo de 2026 a las 3 de la tarde', 'el domingo 3 de mayo de 2026 a las 3 de la tarde', '2026-05-03T19:00:00Z', '2026-05-03T20:00:00Z', 'hour'],
    ['hace 2 días hubo otro ataque', 'hace 2 días', '2026-09-16T04:00:00Z', '2026-09-17T04:00:00Z', 'day'],
    ['Durante la noche del jueves al viernes hubo tiroteos', 'noche del jueves al viernes', '2026-09-17T23:00:00Z', '2026-09-18T10:00:00Z', 'part-of-day'],
    ['Ayer jueves 17 de septiembre en horas de la noche', 'Ayer jueves 17 de septiembre en horas de la noche', '2026-09-17T23:00:00Z', '2026-09-18T04:00:00Z', 'part-of-day'],
    ['anoche, alrededor de las 9:45 p. m.', 'anoche, alrededor de las 9:45 p. m.', '2026-09-18T01:45:00Z', '2026-09-18T01:46:00Z', 'minute'],
    ['no señora eso fue ahorita 😱', 'ahorita', '2026-09-18T14:00:00Z', '2026-09-18T14:30:00Z', 'hour'],
    ['hace un rato pasó un helicóptero', 'hace un rato', '2026-09-18T13:30:00Z', '2026-09-18T14:30:00Z', 'hour'],
    ['desde las 14:30 horas hay operativo', 'desde las 14:30 horas', '2026-09-17T18:30:00Z', '2026-09-17T18:31:00Z', 'minute'],
  ] as const)('%s', (text, said, from, to, precision) => {
    const mention = only(text, { language: 'es' });
    expect(mention.text).toBe(said);
    expect(interval(mention)).toEqual([from, to, precision]);
    expect(mention.timeZone).toBe(CARACAS);
  });

  it('reads a range of clock times as one interval, and two times as two', () => {
    expect(interval(only('fue entre las 2 y las 3 de la madrugada'))).toEqual(['2026-09-18T06:00:00Z', '2026-09-18T07:00:00Z', 'hour']);
    expect(interval(only('Explosions SE of Guasdualito ~02:10–02:15: reported by residents', { language: 'en' }))).toEqual(['2026-09-18T06:10:00Z', '2026-09-18T06:16:00Z', 'minute']);
    expect(interval(only('between 2 and 3am', { language: 'en' }))).toEqual(['2026-09-18T06:00:00Z', '2026-09-18T07:00:00Z', 'hour']);
    expect(interval(only('cortes de luz de las 2 a las 4 de la tarde', { post: '2026-09-18T20:00:00' }))).toEqual(['2026-09-18T18:00:00Z', '2026-09-18T20:00:00Z', 'hour']);
    expect(interval(only('de 11 pm a 1 am', { language: 'en' }))).toEqual(['2026-09-18T03:00:00Z', '2026-09-18T05:00:00Z', 'hour']);
    const two = readTimes('hubo explosiones a las 2:10 y a las 3:05', { postTime: POST, timeZone: CARACAS });
    expect(two.map((mention) => mention.text)).toEqual(['a las 2:10', 'a las 3:05']);
  });

  it('marks written dates as not relative and deictic words as relative', () => {
    expect(only('el 3 de mayo de 2024').relative).toBe(false);
    expect(only('anoche').relative).toBe(true);
    expect(only('hace una hora').relative).toBe(true);
  });

  it('leans to the past: "a las 11 de la noche" posted at 01:00 is the evening before', () => {
    const mention = only('A las 11 de la noche se escucharon tiros', { post: '2026-09-18T01:00:00-04:00' });
    expect(interval(mention)).toEqual(['2026-09-18T03:00:00Z', '2026-09-18T04:00:00Z', 'hour']);
    // "a las 3" without a part of the day, posted at 10:30: 03:00 today, not 15:00.
    expect(interval(only('a las 3 se oyó la primera'))).toEqual(['2026-09-18T07:00:00Z', '2026-09-18T08:00:00Z', 'hour']);
    // Posted at 16:00: 15:00 today.
    expect(interval(only('a las 3 se oyó la primera', { post: '2026-09-18T16:00:00-04:00' }))).toEqual(['2026-09-18T19:00:00Z', '2026-09-18T20:00:00Z', 'hour']);
  });

  it('reads a post time without an offset as local time in the zone (Telegram and WhatsApp exports)', () => {
    expect(interval(only('a las 2:15', { post: '2026-09-18T02:29:13' }))).toEqual(['2026-09-18T06:15:00Z', '2026-09-18T06:16:00Z', 'minute']);
    expect(interval(only('hace 10 minutos', { post: '2026-03-29 09:00', zone: 'Europe/Madrid' }))).toEqual(['2026-03-29T06:50:00Z', '2026-03-29T06:51:00Z', 'minute']);
    expect(() => readTimes('ayer', { postTime: 'yesterday', timeZone: CARACAS })).toThrow(RangeError);
    expect(() => readTimes('ayer', { postTime: POST, timeZone: 'Caracas' })).toThrow(RangeError);
  });

  it('reads "esta noche" and "tonight" said before 07:00 as the night that is ending', () => {
    expect(interval(only('nadie durmió esta noche 😔', { post: '2026-09-18T05:02:19' }))).toEqual(['2026-09-17T23:00:00Z', '2026-09-18T09:02:19Z', 'part-of-day']);
    expect(interval(only('nobody slept tonight', { post: '2026-09-18T05:02:19', language: 'en' }))).toEqual(['2026-09-17T23:00:00Z', '2026-09-18T09:02:19Z', 'part-of-day']);
    expect(interval(only('esta noche hay toque de queda', { post: '2026-09-18T15:00:00' }))).toEqual(['2026-09-18T23:00:00Z', '2026-09-19T04:00:00Z', 'part-of-day']);
  });

  it('takes a capitalised month inside a Spanish sentence for a place: "barrio 5 de Julio"', () => {
    expect(readTimes('Sin agua en 5 de Julio desde el fin de semana', { postTime: POST, timeZone: CARACAS, language: 'es' })).toEqual([]);
    expect(only('Reporte de servicios — martes 8 de Septiembre').text).toBe('martes 8 de Septiembre');
    expect(only('El 5 de julio hubo desfile').text).toBe('El 5 de julio');
  });

  it('ends an interval at the post time when the post falls inside it', () => {
    expect(interval(only('Hoy hubo disparos'))).toEqual(['2026-09-18T04:00:00Z', '2026-09-18T14:30:00Z', 'day']);
  });

  it('does not read durations, counts, scores or addresses as times', () => {
    for (const text of ['en las últimas 24 horas', 'a las 2 personas heridas las llevaron al hospital', 'llegó tarde a la reunión', 'ganaron 3/5 de los votos', 'calle 5 con carrera 7', 'mañana habrá clases', 'Tel 0414-555-1234']) {
      expect(readTimes(text, { postTime: POST, timeZone: CARACAS, language: 'es' })).toEqual([]);
    }
  });
});

describe('time expressions in English', () => {
  it.each([
    ['Huge blast this morning near the airport', 'this morning', '2026-09-18T04:00:00Z', '2026-09-18T14:30:00Z', 'part-of-day'],
    ['Locals say they heard explosions last night', 'last night', '2026-09-17T23:00:00Z', '2026-09-18T10:00:00Z', 'part-of-day'],
    ['Two drones were seen at 2am over the base', 'at 2am', '2026-09-18T06:00:00Z', '2026-09-18T07:00:00Z', 'hour'],
    ['Clashes yesterday afternoon left the town without power', 'yesterday afternoon', '2026-09-17T16:00:00Z', '2026-09-17T22:00:00Z', 'part-of-day'],
    ['An hour ago a convoy was hit', 'An hour ago', '2026-09-18T13:00:00Z', '2026-09-18T14:00:00Z', 'hour'],
    ['The strike on Tuesday killed seven', 'on Tuesday', '2026-09-15T04:00:00Z', '2026-09-16T04:00:00Z', 'day'],
    ['Reuters: the attack took place on May 3', 'on May 3', '2026-05-03T04:00:00Z', '2026-05-04T04:00:00Z', 'day'],
    ['Tuesday night around 11pm we heard it', 'Tuesday night around 11pm', '2026-09-16T03:00:00Z', '2026-09-16T04:00:00Z', 'hour'],
    ['Police said the blast happened at about 9:45 p.m. local time on Thursday', 'at about 9:45 p.m. local time on Thursday', '2026-09-18T01:45:00Z', '2026-09-18T01:46:00Z', 'minute'],
    ['statement dated 3/5/2024', '3/5/2024', '2024-03-05T04:00:00Z', '2024-03-06T04:00:00Z', 'day'],
  ] as const)('%s', (text, said, from, to, precision) => {
    const mention = only(text, { language: 'en' });
    expect(mention.text).toBe(said);
    expect(interval(mention)).toEqual([from, to, precision]);
  });

  it('reads short units whatever the language hint: "20 min ago", "2 hrs ago"', () => {
    for (const language of ['en', 'es', undefined] as const) {
      const mentions = readTimes('blast 20 min ago, another 2 hrs ago', { postTime: POST, timeZone: CARACAS, ...(language === undefined ? {} : { language }) });
      expect(mentions.map((mention) => [mention.text, mention.from])).toEqual([
        ['20 min ago', '2026-09-18T14:10:00Z'],
        ['2 hrs ago', '2026-09-18T12:00:00Z'],
      ]);
    }
  });

  it('does not take the verb "may", "at 2 sites", "at 14,000 acres" or "from 15 to 37 years" for times', () => {
    expect(readTimes('it may 3 times be wrong; shelling at 2 sites; the fire is at 14,000 acres, 2.5 miles away', { postTime: POST, timeZone: CARACAS, language: 'en' })).toEqual([]);
    expect(readTimes('prison terms ranging from 15 to 37 years', { postTime: POST, timeZone: CARACAS, language: 'en' })).toEqual([]);
  });

  it('reads a feed timestamp with seconds (CrisisLexT26 style) as one minute-precise expression', () => {
    // Read in UTC, as the text says, though the place is in Caracas.
    const mention = only('#earthquake M 3.3, Virgin Islands region: September 01, 2026 06:10:29 GMT http://t.co/wi04LJ1D', { language: 'en' });
    expect(mention.text).toBe('September 01, 2026 06:10:29 GMT');
    expect(mention.timeZone).toBe('UTC');
    expect(interval(mention)).toEqual(['2026-09-01T06:10:00Z', '2026-09-01T06:11:00Z', 'minute']);
    expect(mention.relative).toBe(false);
  });
});

describe('zones with daylight saving time', () => {
  it('Europe/Madrid, the night the clocks go forward (29 March 2026)', () => {
    const post = '2026-03-29T09:00:00+02:00';
    // 19:00 CET on the 28th until 06:00 CEST on the 29th.
    expect(interval(only('Anoche hubo explosiones en el puerto', { post, zone: 'Europe/Madrid' }))).toEqual(['2026-03-28T18:00:00Z', '2026-03-29T04:00:00Z', 'part-of-day']);
    // 02:10 does not exist that night: the wall clock moves on to 03:10 CEST.
    expect(interval(only('a las 2:10 am', { post, zone: 'Europe/Madrid' }))).toEqual(['2026-03-29T01:10:00Z', '2026-03-29T01:11:00Z', 'minute']);
  });

  it('Europe/Madrid, the night the clocks go back (25 October 2026): the small hours last seven hours', () => {
    const mention = only('esta madrugada', { post: '2026-10-25T12:00:00+01:00', zone: 'Europe/Madrid' });
    expect(interval(mention)).toEqual(['2026-10-24T22:00:00Z', '2026-10-25T05:00:00Z', 'part-of-day']);
  });

  it('America/Mexico_City in 2021, when it still kept summer time (UTC−5)', () => {
    const mention = only('Ayer a las 3 de la tarde hubo balacera en Culiacán', { post: '2021-07-10T12:00:00-05:00', zone: 'America/Mexico_City' });
    expect(mention.text).toBe('Ayer a las 3 de la tarde');
    expect(interval(mention)).toEqual(['2021-07-09T20:00:00Z', '2021-07-09T21:00:00Z', 'hour']);
  });
});

describe('eventTimeOf', () => {
  const read = (text: string, post = POST): TimeMention[] => readTimes(text, { postTime: post, timeZone: CARACAS, language: 'es' });

  it('takes the most precise mention', () => {
    const mentions = read('Ayer hubo un bombardeo; los vecinos dicen que fue a las 2:10 de la madrugada');
    const best = eventTimeOf(mentions, POST);
    expect(best?.precision).toBe('minute');
    expect(best?.mention.text).toBe('a las 2:10 de la madrugada');
  });

  it('prefers, among equals, the mention nearest the event words', () => {
    const text = 'El lunes hubo una reunión. El martes, explosión en el fuerte.';
    const cue = text.indexOf('explosión');
    expect(eventTimeOf(read(text), POST, [{ start: cue, end: cue + 9 }])?.mention.text).toBe('El martes');
  });

  it('is null without a time, and passes over what lies after the post', () => {
    expect(eventTimeOf(read('Se escuchó un bombazo'), POST)).toBeNull();
    const evening = read('esta noche habrá toque de queda');
    expect(evening).toHaveLength(1);
    expect(eventTimeOf(evening, POST)).toBeNull();
  });
});

describe('time reading on any text', () => {
  it('never throws; spans point into the text; from < to', () => {
    const words = fc.constantFrom('anoche', 'a las', '2', '2:10', 'am', 'de la', 'madrugada', 'tarde', 'noche', 'ayer', 'el martes', 'hace', 'una hora', '20 minutos', 'ago', 'an hour', 'last night', 'at', 'May', '3', 'de mayo', '/', '3/5/2024', '31/02/2024', 'esta', 'this morning', 'on Tuesday', '💥', 'Ñ', ' ', ', ', 'y media', 'menos cuarto', '24', '99:99', 'medianoche');
    const zones = fc.constantFrom('America/Caracas', 'Europe/Madrid', 'America/Mexico_City', 'UTC', 'Asia/Kathmandu');
    const posts = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.array(words, { maxLength: 14 }).map((list) => list.join(' '))), zones, posts, fc.constantFrom('es' as const, 'en' as const), (text, timeZone, postTime, language) => {
        for (const mention of readTimes(text, { postTime, timeZone, language })) {
          expect(mention.start).toBeGreaterThanOrEqual(0);
          expect(mention.end).toBeLessThanOrEqual(text.normalize('NFKC').length);
          expect(text.normalize('NFKC').slice(mention.start, mention.end)).toBe(mention.text);
          expect(Date.parse(mention.from)).toBeLessThan(Date.parse(mention.to));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('wall-clock arithmetic (zone.ts) agrees with luxon', () => {
  it('reads a wall time repeated by a change as the earlier instant, and a skipped one as moved on (half-hour changes too)', () => {
    const at = (zone: string, y: number, m: number, d: number, h: number, min: number): string => new Date(zoneClock(zone).instantOf(civilDay(y, m, d) ?? 0, h, min)).toISOString();
    // Lord Howe falls back half an hour at 02:00: 01:30–02:00 happens twice (fast-check found it).
    expect(at('Australia/Lord_Howe', 2018, 4, 1, 1, 30)).toBe('2018-03-31T14:30:00.000Z');
    expect(at('Europe/Madrid', 2026, 10, 25, 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    // 02:30 does not exist on 29 March 2026 in Madrid: read as 03:30 CEST.
    expect(at('Europe/Madrid', 2026, 3, 29, 2, 30)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('for any zone, day and hour, including the hours skipped and repeated by DST (repeated: the earlier instant)', () => {
    const zones = fc.constantFrom('America/Caracas', 'Europe/Madrid', 'America/Mexico_City', 'America/Santiago', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Havana', 'UTC');
    fc.assert(
      fc.property(zones, fc.integer({ min: 1990, max: 2035 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (zone, year, month, day, hour, minute) => {
        const clock = zoneClock(zone);
        const civil = civilDay(year, month, day);
        if (civil === null) throw new Error('a valid date');
        const expected = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
        const ours = clock.instantOf(civil, hour, minute);
        if (ours !== expected.toMillis()) {
          // Only where the wall time happens twice: luxon takes either, we take the earlier.
          const shown = DateTime.fromMillis(ours, { zone });
          expect([shown.year, shown.month, shown.day, shown.hour, shown.minute]).toEqual([year, month, day, hour, minute]);
          expect(ours).toBeLessThan(expected.toMillis());
        }
        expect(clock.dayOf(ours)).toBe(civil);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a date written without its year, beside a weekday', () => {
  it('takes the year whose calendar agrees with the weekday, up to a month ahead', () => {
    // Posted Tuesday 8 September 2026: 9 September 2025 was a Tuesday, 2026's is the Wednesday.
    expect(interval(only('Pronóstico: miércoles 9 de septiembre, lluvias', { post: '2026-09-08T20:00:00-04:00' }))).toEqual(['2026-09-09T04:00:00Z', '2026-09-10T04:00:00Z', 'day']);
    expect(interval(only('el jueves 31 de diciembre hubo fuegos', { post: '2026-12-01T20:00:00-04:00' }))).toEqual(['2026-12-31T04:00:00Z', '2027-01-01T04:00:00Z', 'day']);
  });

  it('keeps the most recent date when the weekday agrees with it, or agrees with no year near', () => {
    expect(interval(only('el martes 8 de septiembre hubo una explosión', { post: '2026-09-10T20:00:00-04:00' }))).toEqual(['2026-09-08T04:00:00Z', '2026-09-09T04:00:00Z', 'day']);
    // 3 May 2026 was a Sunday and 2027's is a Monday: a slip of the writer's, the date stands.
    expect(interval(only('el martes 3 de mayo hubo una explosión', { post: '2026-09-10T20:00:00-04:00' }))).toEqual(['2026-05-03T04:00:00Z', '2026-05-04T04:00:00Z', 'day']);
  });
});
