import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCounts, summariseCounts } from '../../../src/analyze/index.js';
import type { CountMention } from '../../../src/model/index.js';

type Row = [kind: CountMention['kind'], said: string, min: number, max: number | null];

function rows(text: string, language?: 'es' | 'en'): Row[] {
  const mentions = readCounts(text, language === undefined ? {} : { language });
  for (const mention of mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  return mentions.map((mention) => [mention.kind, mention.text, mention.min, mention.max]);
}

describe('counts in Spanish', () => {
  it.each([
    ['🚨 Al menos 7 muertos tras el bombardeo en Guasdualito', [['killed', 'Al menos 7 muertos', 7, null]]],
    ['Reportan una docena de heridos en el Hospital Central', [['injured', 'una docena de heridos', 12, 12]]],
    ['Entre 3 y 5 fallecidos dejó el ataque', [['killed', 'Entre 3 y 5 fallecidos', 3, 5]]],
    ['Hay más de 20 desaparecidos tras la incursión', [['missing', 'más de 20 desaparecidos', 21, null]]],
    ['se escucharon dos explosiones muy fuertes', [['explosions', 'dos explosiones', 2, 2]]],
    ['Tres camionetas calcinadas en la vía a Elorza', [['vehicles', 'Tres camionetas calcinadas', 3, 3]]],
    ['Balance: 1 muerto y 3 heridos', [['killed', '1 muerto', 1, 1], ['injured', '3 heridos', 3, 3]]],
    ['Murieron cuatro personas en el sitio', [['killed', 'Murieron cuatro personas', 4, 4]]],
    ['La cifra de muertos asciende a 15', [['killed', 'cifra de muertos asciende a 15', 15, 15]]],
    ['Aumentan a 77 los fallecidos en España por accidente de tren', [['killed', '77 los fallecidos', 77, 77]]],
    ['El ataque dejó un saldo de 7 muertos y 12 heridos', [['killed', '7 muertos', 7, 7], ['injured', '12 heridos', 12, 12]]],
    ['3 personas resultaron heridas por esquirlas', [['injured', '3 personas resultaron heridas', 3, 3]]],
    ['resultaron heridos 5 funcionarios de la GNB', [['injured', 'resultaron heridos 5 funcionarios', 5, 5]]],
    ['Decenas de heridos llegaron al ambulatorio', [['injured', 'Decenas de heridos', 20, null]]],
    ['chamo dicen q hay treinta y dos muertos', [['killed', 'treinta y dos muertos', 32, 32]]],
    ['BALANCE PRELIMINAR\nFallecidos: 12\nHeridos: al menos 30\nDesaparecidos: 4', [['killed', 'Fallecidos: 12', 12, 12], ['injured', 'Heridos: al menos 30', 30, null], ['missing', 'Desaparecidos: 4', 4, 4]]],
  ] as const)('%s', (text, expected) => {
    expect(rows(text, 'es')).toEqual(expected);
  });

  it('reads "none" as zero', () => {
    expect(rows('Gracias a Dios no hubo heridos')).toEqual([['injured', 'no hubo heridos', 0, 0]]);
    expect(rows('Protección Civil: sin víctimas')).toEqual([
      ['injured', 'sin víctimas', 0, 0],
      ['killed', 'sin víctimas', 0, 0],
    ]);
    expect(rows('nadie resultó herido')).toEqual([['injured', 'nadie resultó herido', 0, 0]]);
    expect(rows('ningún herido de gravedad')).toEqual([['injured', 'ningún herido', 0, 0]]);
  });

  it('does not count years, times, durations, addresses, phone numbers or wounds', () => {
    for (const text of [
      'En 2024 murieron más personas que nunca',
      'a las 2 se escuchó algo',
      'en las últimas 24 horas',
      'calle 5 con carrera 7, casa 12',
      'llamar al 0414-5551234',
      'llevaron a heridos al hospital',
      'presentaba 3 heridas de bala',
      'nadie fue a trabajar hoy',
      'uno de los heridos',
    ]) {
      expect(rows(text, 'es'), text).toEqual([]);
    }
  });
});

describe('counts in English', () => {
  it.each([
    ['BREAKING: seven killed in drone strike near the border', [['killed', 'seven killed', 7, 7]]],
    ['At least 12 wounded, hospital sources say', [['injured', 'At least 12 wounded', 12, null]]],
    ['Dozens injured as blast tears through market', [['injured', 'Dozens injured', 24, null]]],
    ['Seven people were killed and 20 injured', [['killed', 'Seven people were killed', 7, 7], ['injured', '20 injured', 20, 20]]],
    ['The death toll rose to 23 on Friday', [['killed', 'death toll rose to 23', 23, 23]]],
    ['The strike killed at least 9 civilians', [['killed', 'killed at least 9 civilians', 9, null]]],
    ['A soldier was killed and two vehicles destroyed', [['killed', 'A soldier was killed', 1, 1], ['vehicles', 'two vehicles destroyed', 2, 2]]],
    ['Residents heard three loud explosions', [['explosions', 'three loud explosions', 3, 3]]],
    ['between 4 and 6 people missing', [['missing', 'between 4 and 6 people missing', 4, 6]]],
    ['A woman was killed and five others were injured when a tree fell', [['killed', 'A woman was killed', 1, 1], ['injured', 'five others were injured', 5, 5]]],
    ['the public alerted the police, and no-one was injured', [['injured', 'no-one was injured', 0, 0]]],
    ['Witnesses heard a loud explosion; a police officer was injured', [['explosions', 'a loud explosion', 1, 1], ['injured', 'a police officer was injured', 1, 1]]],
  ] as const)('%s', (text, expected) => {
    expect(rows(text, 'en')).toEqual(expected);
  });

  it('reads multipliers: "25 mil", "25 million", "1,5 millones"', () => {
    expect(rows('la guerra dejó 25 mil muertos', 'es')).toEqual([['killed', '25 mil muertos', 25000, 25000]]);
    expect(rows('the disease has killed 25 million', 'en')).toEqual([['killed', 'killed 25 million', 25_000_000, 25_000_000]]);
    expect(rows('1,5 millones de desplazados y 2 millones de heridos', 'es')).toEqual([['injured', '2 millones de heridos', 2_000_000, 2_000_000]]);
  });

  it('does not count ages, decimals, shares, what may happen or the getaway car (found in TR-News and GeoVirus)', () => {
    for (const text of ['a stabbing that killed a 26-year-old man', 'there were 3.5 deaths on the roads per week', 'the assailants fled in a car', 'a 7-magnitude quake', 'African strains kill 50 percent to 90 percent', 'the potential to kill about 1,400', 'he wanted to kill at least one officer']) {
      expect(rows(text, 'en').filter(([kind, , min]) => !(kind === 'killed' && min === 1)), text).toEqual([]);
    }
  });

  it('reads "no casualties" as no one killed or injured', () => {
    expect(rows('Officials report no casualties')).toEqual([
      ['injured', 'no casualties', 0, 0],
      ['killed', 'no casualties', 0, 0],
    ]);
    expect(rows('No one was hurt')).toEqual([['injured', 'No one was hurt', 0, 0]]);
  });
});

describe('summariseCounts', () => {
  it('keeps the highest supported figure per kind and lets "none" stand only alone', () => {
    const summary = summariseCounts(readCounts('Murieron 3 personas… actualización: la cifra de muertos asciende a 5. No hubo desaparecidos. Al menos 2 heridos, luego entre 2 y 4 heridos'));
    expect(summary).toEqual({
      killed: { min: 5, max: 5 },
      injured: { min: 2, max: null },
      missing: { min: 0, max: 0 },
      vehicles: null,
      explosions: null,
    });
    expect(summariseCounts(readCounts('no hubo heridos, luego 3 heridos')).injured).toEqual({ min: 3, max: 3 });
  });
});

describe('count reading on any text', () => {
  it('never throws; spans point into the text; min ≤ max', () => {
    const words = fc.constantFrom('al menos', '7', 'siete', 'muertos', 'heridos', 'entre', 'y', '3', 'a', 'una docena de', 'dozens', 'killed', 'wounded', 'no hubo', 'sin', 'víctimas', 'más de', 'calle', '2024', 'murieron', 'personas', 'explosiones', 'camionetas', '💥', 'Ñ', ' ', 'at least', 'people were', 'cifra de muertos asciende a', '1.500', '99999999999999999999');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.array(words, { maxLength: 14 }).map((list) => list.join(' '))), (text) => {
        const display = text.normalize('NFKC');
        for (const mention of readCounts(text)) {
          expect(display.slice(mention.start, mention.end)).toBe(mention.text);
          expect(mention.min).toBeGreaterThanOrEqual(0);
          if (mention.max !== null) expect(mention.max).toBeGreaterThanOrEqual(mention.min);
        }
      }),
      { numRuns: 400 },
    );
  });
});
