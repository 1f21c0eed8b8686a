import type { Language } from '../model/index.js';
import { TRIGRAM_PROFILES } from './language-trigrams.js';

/**
 * Language identification by function words: short, frequent words carry most of the signal
 * in short messages, and a hand-checked list of them needs no model download. Portuguese,
 * French, Italian and German lists are there so that those texts come out as "other" rather
 * than as Spanish or English.
 */

const FUNCTION_WORDS: Record<string, readonly string[]> = {
  es: 'de la que el en y a los del se las por un para con no una su al lo como mas más pero sus le ya o este si sí porque esta está entre cuando muy sin sobre tambien también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus están estaba fue fueron ser es son era han ha hace hizo dijo según aqui aquí ahi ahí allá alla q xq pq tmb tb hubo anoche ahora gente dicen chamo chama pana vaina bn toy aki ntp dnd xfa jaja jajaja jajajaja hola gracias buenas buenos noches dias días saludos dios'.split(' '),
  en: 'the of and to in is was that for on it with as at by from be this are have has had not but or an they their which you we he she his her its were been will would there what about when who all more if can said no one up so out them than some could into other only new also after our over just how then now people says my me do did u ur omg lol pls plz ppl idk gonna wanna im dont cant didnt isnt wasnt thats theres yeah'.split(' '),
  pt: 'de que o a e do da em no na um para com não nao uma com os ao pelo pela seu sua são sao você voce isso ele ela nos das dos pelos foram tem mais mas quando também muito já ja onde está esta estão estao ser foi há ha essa esse aqui então entao até ate sobre'.split(' '),
  fr: 'de la et en à un le les des est une du pas pour dans qui sur au avec ce il elle sont mais ou aux été cette ces nous vous leur être sont fait plus comme tout par'.split(' '),
  it: 'e la in a un il che di non per una sono della del gli con ma anche questo più molto nel alla dei è ci si da sul nella delle questa stato essere come fatto'.split(' '),
  de: 'in der die und das ist nicht ein eine mit auf für den dem zu von im sich auch es sind wird wurde bei nach aus wie oder aber noch nur'.split(' '),
};

const LANGUAGE_OF = new Map<string, string[]>();
for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words) {
    const languages = LANGUAGE_OF.get(word) ?? [];
    if (!languages.includes(language)) languages.push(language);
    LANGUAGE_OF.set(word, languages);
  }
}

/**
 * Character trigrams (generated table, see scripts/build-language-trigrams.ts) weigh in where
 * function words are few or shared ("in", "de", "un" belong to several languages): headlines
 * such as "Meteor blast injures hundreds in Russia" or "Diez muertos tras descarrilar un tren".
 * Weight of a trigram: 1 for a language's most frequent, falling linearly to 0 at rank 300.
 */
const TRIGRAM_LANGUAGES = Object.keys(TRIGRAM_PROFILES);
/** Per trigram, its weight in each language of TRIGRAM_LANGUAGES (0 where it is not listed). */
const TRIGRAM_WEIGHTS = new Map<string, Float64Array>();
TRIGRAM_LANGUAGES.forEach((language, index) => {
  const trigrams = TRIGRAM_PROFILES[language] ?? [];
  trigrams.forEach((trigram, rank) => {
    let weights = TRIGRAM_WEIGHTS.get(trigram);
    if (weights === undefined) {
      weights = new Float64Array(TRIGRAM_LANGUAGES.length);
      TRIGRAM_WEIGHTS.set(trigram, weights);
    }
    weights[index] = 1 - rank / trigrams.length;
  });
});

/** Per language, the mean trigram weight over the words' trigrams (words padded by spaces). */
function trigramScores(words: readonly string[]): Map<string, number> {
  const text = ` ${words.join(' ')} `;
  const sums = new Float64Array(TRIGRAM_LANGUAGES.length);
  for (let i = 0; i + 3 <= text.length; i += 1) {
    const weights = TRIGRAM_WEIGHTS.get(text.slice(i, i + 3));
    if (weights === undefined) continue;
    for (let language = 0; language < sums.length; language += 1) sums[language] = (sums[language] ?? 0) + (weights[language] ?? 0);
  }
  const count = Math.max(1, text.length - 2);
  const scores = new Map<string, number>();
  TRIGRAM_LANGUAGES.forEach((language, index) => {
    const sum = sums[index] ?? 0;
    if (sum > 0) scores.set(language, sum / count);
  });
  return scores;
}

/**
 * A language's score is its share of the words that are its function words plus its mean
 * trigram weight, the two counted alike (factor 1); below 0.1 nothing Latin-script is there
 * ("other": Cyrillic, Arabic, Japanese). Both round numbers: on CrisisLexT26 the macro
 * agreement is 73.7–74.3% for any factor from 0.5 to 2 and any floor from 0.02 to 0.15.
 */
const TRIGRAM_FACTOR = 1;
const SCORE_FLOOR = 0.1;

export interface LanguageGuess {
  language: Language;
  /** How clearly the winner beat the runner-up, 0–1 (0.5 is a tie). */
  confidence: number;
  /** Words counted (after URLs, handles, hashtags and numbers are taken out). */
  words: number;
}

const STRIP = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_]+/gu;

/** A word, with what came before it (to tell a sentence's first word). */
const WORD_IN_CONTEXT = /(?<before>[.!?¡¿:;\n"“«(]\s*)?(?<word>\p{L}+)/gu;

/**
 * The words, lower-cased, and those whose function words count. Names are set aside there
 * where the text also has ordinary words: a capitalised word inside a sentence ("La Ceibita del
 * Sarare", "Los Araguaneyes" in an English post) and an all-capitals abbreviation ("SE", "UTC")
 * speak for the place, not the writer's language. A text of names, capitals or lower case
 * throughout keeps every word.
 */
function wordsToJudge(text: string): { all: string[]; judged: string[] } {
  const all: string[] = [];
  const ordinary: string[] = [];
  let first = true;
  for (const found of text.replace(STRIP, ' ').matchAll(WORD_IN_CONTEXT)) {
    const word = found.groups?.['word'] ?? '';
    const lower = word.toLowerCase();
    all.push(lower);
    const sentenceStart = first || found.groups?.['before'] !== undefined;
    first = false;
    const initial = word[0] ?? '';
    const capitalised = initial !== initial.toLowerCase();
    const allCapitals = word.length > 1 && word === word.toUpperCase();
    if ((!capitalised || sentenceStart) && !allCapitals) ordinary.push(lower);
  }
  return { all, judged: ordinary.length >= 3 && ordinary.length * 2 >= all.length ? ordinary : all };
}

function mean(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const result = new Map<string, number>();
  for (const language of new Set([...a.keys(), ...b.keys()])) result.set(language, ((a.get(language) ?? 0) + (b.get(language) ?? 0)) / 2);
  return result;
}

export function identifyLanguage(text: string): LanguageGuess {
  const { all, judged: words } = wordsToJudge(text);
  if (words.length < 3) return { language: 'too-short', confidence: 0, words: words.length };
  const scores = new Map<string, number>();
  for (const word of words) {
    for (const language of LANGUAGE_OF.get(word) ?? []) scores.set(language, (scores.get(language) ?? 0) + 1);
  }
  // Letters that only Spanish uses among these: ñ and the inverted marks.
  const spanishMarks = (text.match(/[ñÑ¿¡]/g) ?? []).length;
  if (spanishMarks > 0) scores.set('es', (scores.get('es') ?? 0) + Math.min(2, spanishMarks));
  // Each language: its share of function words, plus its trigram score.
  // Trigrams read the names at half weight: a Spanish headline may be half names ("sacude
  // Costa Rica"), an English post about Apure full of Spanish ones.
  const trigrams = words === all ? trigramScores(all) : mean(trigramScores(all), trigramScores(words));
  const combined = new Map<string, number>();
  for (const language of new Set([...scores.keys(), ...trigrams.keys()])) {
    combined.set(language, (scores.get(language) ?? 0) / words.length + TRIGRAM_FACTOR * (trigrams.get(language) ?? 0));
  }
  const ranked = [...combined].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [best, second] = ranked;
  if (best === undefined || best[1] < SCORE_FLOOR) {
    return { language: words.length < 6 ? 'too-short' : 'other', confidence: 0, words: words.length };
  }
  const runnerUp = second?.[1] ?? 0;
  const confidence = Math.round((best[1] / (best[1] + runnerUp)) * 100) / 100;
  if (runnerUp === best[1]) return { language: words.length < 6 ? 'too-short' : 'other', confidence: 0.5, words: words.length };
  const language: Language = best[0] === 'es' ? 'es' : best[0] === 'en' ? 'en' : 'other';
  return { language, confidence, words: words.length };
}
