/**
 * Numbers written in words or digits, in Spanish and English, as they appear in folded text
 * (lower case, no accents: "veintiun", "dieciseis"). Used by the count reader and by the time
 * reader ("hace dos horas", "a las tres").
 */

const UNITS: Readonly<Record<string, number>> = {
  cero: 0,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiun: 21,
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  cien: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** "ciento", "hundred": multiply what came before (or one). */
const HUNDRED = new Set(['ciento', 'hundred']);
/** "mil", "thousand": multiply everything so far. */
const THOUSAND = new Set(['mil', 'thousand']);
/** "millones", "million": likewise, by a million. */
const MILLION = new Set(['millon', 'millones', 'million', 'millions']);
const MULTIPLIERS: Readonly<Record<string, number>> = { mil: 1000, thousand: 1000, millon: 1e6, millones: 1e6, million: 1e6, millions: 1e6 };

const WORDS = [...Object.keys(UNITS), ...HUNDRED, ...THOUSAND, ...MILLION].sort((a, b) => b.length - a.length);
const WORD = `(?:${WORDS.join('|')})`;

/**
 * A regular-expression source for one number: digits (with thousands separators "1.500",
 * "1,500", or a multiplier: "25 mil", "1,5 millones", "25 million"), or number words joined by
 * spaces, "y", "and" or hyphens ("treinta y dos", "twenty-one", "dos mil"). Word boundaries
 * before it are the caller's.
 */
export const NUMBER_PATTERN = `(?:(?:\\d{1,3}(?:[.,]\\d{3})+(?![.,]?\\d)|\\d+(?:[.,]\\d+)?)(?:\\s+(?:mil|millones|millon|millions|million|thousand))?(?![\\p{L}\\p{N}])|${WORD}(?:(?:\\s+(?:y|and)\\s+|\\s+|-)${WORD})*)`;

/** The value of a phrase matched by NUMBER_PATTERN, or null when it is not a number. */
export function numberValue(phrase: string): number | null {
  if (/^\d/.test(phrase)) {
    const [figure = '', multiplier] = phrase.split(/\s+/);
    // "1.500" and "1,500" are thousands; "1,5" and "1.5" a decimal, a count only when a
    // multiplier follows ("1,5 millones").
    const digits = /^\d{1,3}(?:[.,]\d{3})+$/.test(figure) ? figure.replace(/[.,]/g, '') : figure.replace(',', '.');
    const value = Number(digits) * (multiplier === undefined ? 1 : (MULTIPLIERS[multiplier] ?? NaN));
    return Number.isSafeInteger(value) ? value : null;
  }
  let total = 0;
  let current = 0;
  let any = false;
  for (const word of phrase.split(/\s+(?:y|and)\s+|\s+|-/)) {
    if (word === '') continue;
    const unit = UNITS[word];
    if (unit !== undefined) {
      current += unit;
      any = true;
    } else if (HUNDRED.has(word)) {
      current = (current === 0 ? 1 : current) * 100;
      any = true;
    } else if (THOUSAND.has(word) || MILLION.has(word)) {
      total += (current === 0 ? 1 : current) * (MULTIPLIERS[word] ?? 1);
      current = 0;
      any = true;
    } else return null;
  }
  return any ? total + current : null;
}
