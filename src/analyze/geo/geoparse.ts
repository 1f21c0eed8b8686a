import type { Toponym } from '../../model/index.js';
import { foldName } from './fold.js';
import type { Gazetteer, NameMatch } from './gazetteer.js';
import { resolveToponyms, type PlaceContext } from './geocode.js';

/**
 * Toponym recognition in Spanish and English: every run of words (up to the gazetteer's longest
 * name) that the gazetteer knows, longest first, kept when the text treats it as a name —
 * capitalised, not glued to a person's name, not a common word unless a place word introduces
 * it ("municipio Sucre", "estado Bolívar", "in Reading").
 */

export interface RecognisedToponym {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** The words as written. */
  text: string;
  /** A demonym read as its country ("Venezuelan" → Venezuela), when demonyms are asked for. */
  demonym: boolean;
  /** The word before that introduced it ("en", "municipio", "near"), or null. */
  cue: string | null;
}

export interface RecogniseOptions {
  /** Also read English demonyms as their country ("Russian", "Venezuelan"). Default false. */
  demonyms?: boolean;
}

interface Token {
  start: number;
  end: number;
  key: string;
  /** The key with a possessive kept ("people's"), for names that hold one ("People's Republic of China"). */
  innerKey: string;
  capitalised: boolean;
  /** Follows a sentence end (or opens the text), so capitals say less. */
  sentenceStart: boolean;
}

/** Words; a hyphen splits ("London-based", "Canada-wide"), and names join again across it ("Wilkes-Barre"). */
const WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*\.?/gu;
/** "U.S.", "B.C.", "St.", "Ky.": an abbreviation keeps its final period. */
const ABBREVIATION = /^(?:\p{L}{1,3}\.)+$/u;

/** Lower-case words a place name holds ("Ciudad de México", "Isle of Man", "Bahía de los Ángeles"). */
const CONNECTORS = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'of', 'the', 'upon', 'on', 'da', 'do', 'dos', 'das', 'di', 'du', 'le', 'les', 'sur', 'en', 'al', 'am', 'im', 'an', 'der', 'and', 'sobre']);

/** A word right before a name that makes it a place. */
const PLACE_WORDS = new Set([
  // es
  'municipio', 'estado', 'parroquia', 'provincia', 'departamento', 'ciudad', 'pueblo', 'localidad', 'sector', 'barrio', 'urbanizacion', 'caserio', 'aldea', 'region', 'comuna', 'distrito', 'canton', 'poblacion', 'villa',
  // en
  'province', 'state', 'city', 'town', 'village', 'county', 'district', 'region', 'municipality', 'governorate', 'prefecture', 'township', 'borough', 'parish', 'suburb',
]);

/** Prepositions that put a place after them. */
const LOCATIVES = new Set(['en', 'cerca', 'desde', 'hacia', 'hasta', 'entre', 'por', 'in', 'near', 'at', 'from', 'to', 'into', 'across', 'outside', 'around', 'towards', 'toward', 'of', 'de', 'del', 'within']);

/**
 * Words and given names that are also place names, read as places only after a place word or a
 * locative ("en Victoria", "in Reading"); alone they are the word or the person.
 */
const PERSON_OR_WORD = new Set(
  [
    // es: given names, family names of national heroes (states and municipalities bear them), words
    'paz', 'victoria', 'bolivar', 'sucre', 'miranda', 'zamora', 'urdaneta', 'paez', 'ribas', 'mariño', 'marino', 'vargas', 'falcon', 'lara', 'monagas', 'rosario', 'mercedes', 'dolores', 'soledad', 'carmen', 'esperanza', 'trinidad', 'guadalupe', 'pilar', 'luz', 'cruz', 'consuelo', 'libertad', 'democracia', 'progreso', 'union', 'independencia', 'constitucion', 'gloria', 'fe', 'caridad', 'providencia', 'fortuna', 'maria', 'jose', 'juan', 'pedro', 'pablo', 'cristobal', 'guerrero', 'morales', 'flores', 'castro', 'santos', 'gomez', 'diaz', 'rivas', 'reyes', 'moreno', 'torres', 'ramos', 'salazar', 'colon', 'cabello', 'maduro', 'chavez', 'herrera', 'rojas',
    // en
    'will', 'reading', 'hope', 'liberty', 'unity', 'faith', 'grace', 'joy', 'florence', 'charlotte', 'elizabeth', 'eugene', 'warren', 'chester', 'clinton', 'jackson', 'lincoln', 'madison', 'marion', 'aurora', 'troy', 'tyler', 'henderson', 'douglas', 'mitchell', 'stanley', 'gordon', 'kent', 'campbell', 'williams', 'king', 'franklin', 'bush', 'obama', 'trump', 'johnson', 'wilson', 'harris', 'taylor', 'francis', 'mercy',
  ].map(foldName),
);

/** A place's institutions: "Queensland Police", "Kentucky Department of Fish", "Texas Senator Ted Cruz". */
const INSTITUTION_AFTER = new Set(
  'police department government governor senator senate ministry minister health fire court army navy premier mayor council legislature assembly authorities officials election elections province provincial state university hospital airport'.split(' '),
);

/** Days and months: "Toronto Saturday night" does not glue Toronto to a name. */
const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(' '),
);

/** Place names written as acronyms: the only all-capital short words read as places. */
const ACRONYMS = new Set(['us', 'u.s.', 'usa', 'u.s.a.', 'uk', 'u.k.', 'uae', 'drc', 'rdc', 'eeuu', 'ee.uu.', 'nsw', 'b.c.', 'd.c.', 'n.y.', 'l.a.']);

/** "Campbell said", "Ayala dijo": a lone name before a reporting verb is a person (or a body). */
const REPORTING = /^\s+(said|says|told|added|explained|noted|wrote|stated|argued|warned|asked|replied|dijo|afirmó|aseguró|explicó|indicó|señaló|declaró|agregó|añadió|informó|precisó|sostuvo|advirtió)\b/u;

/** Frequent English and Spanish words that some village somewhere is also called. */
const FREQUENT_WORDS = new Set(
  (
    'about above across after again against all almost along already also although always among another any anyone anything around away back because become been before being below between both came can cannot could did does doing done down during each either else enough even ever every few first four five for found from further get give given go going gone got great had half has have having her here him his how however if into just keep last least less like likely little made make many may might more most much must near need never next nine no none nor not now off often once one only onto other our out over own per perhaps put rather said same say see seen seven several shall should since six so some still such take ten than that their them then there these they third this those though three through thus till to too toward two under unless until upon very via was well were what whatever when where whether which while who whom whose why will with within without would yet you your ' +
    'egg hall king queen prince princess lord lady sir mister secretary council university college school mercury cobra over union city county state republic kingdom empire church temple mosque centre center market bridge tower castle palace garden island river lake mount port fort camp station office house court street road avenue square park beach hill valley mountain ' +
    'hay tren train time date region major interior bomba decima mis pena ' +
    'cortes corte luz agua fuego humo guerra disparos tiros muertos heridos ataque explosion bombazo enfrentamientos operativo protesta protestas marcha saqueos zona sector vecinos gente fuentes autoridades ' +
    'aunque ante bajo cabe con contra desde durante entre hacia hasta mediante para por según sin sobre tras algo alguien cada casi cual cuando donde dos tres cuatro cinco seis siete ocho nueve diez mientras mucho muy nunca otra otro poco pues quien siempre solo tal también tampoco tanto todavía todo uno varios ya'
  )
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(foldName),
);

/** Given names: with a family name they make a person, even when a town bears the whole name. */
const GIVEN_NAMES = new Set(
  'simon jose juan pedro pablo maria antonio francisco manuel rafael luis carlos jesus miguel andres jorge alberto felix cristobal santiago diego fernando ramon tomas vicente domingo agustin ezequiel gregorio rafael julio cesar john james george william thomas charles henry david richard robert mary elizabeth'
    .split(' '),
);

/** Common words that are also some village's name; never a place unless a place word comes right before. */
const COMMON_WORDS = new Set(
  [
    // en: months, days, frequent capitalised words of news
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'police', 'army', 'government', 'president', 'minister', 'ministry', 'council', 'court', 'university', 'hospital', 'church', 'school', 'airport', 'station', 'bank', 'mobile', 'nice', 'bath', 'energy', 'mission', 'justice', 'health', 'national', 'international', 'central', 'federal', 'republic', 'democratic', 'united', 'new', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'god', 'mass', 'media', 'press', 'star', 'sun', 'globe', 'times', 'post', 'news', 'home', 'day', 'one', 'two', 'three', 'many', 'most', 'more', 'some', 'other', 'last', 'first', 'early', 'late', 'best', 'good', 'well', 'long', 'deal', 'fact', 'friendship', 'industry', 'commerce', 'university', 'college', 'division', 'department', 'service', 'office', 'agency', 'party', 'front', 'alliance', 'federation', 'congress', 'senate', 'parliament', 'assembly', 'official', 'officials', 'people', 'man', 'woman', 'men', 'women', 'children', 'family', 'home', 'house', 'center', 'centre', 'island', 'valley', 'lake', 'river', 'mount', 'beach', 'bay', 'hills', 'park', 'garden', 'forest', 'airport', 'harbour', 'harbor', 'port', 'ocean', 'sea', 'gulf', 'cape', 'point', 'rock', 'ridge', 'falls', 'springs', 'village', 'city', 'town', 'ciudad', 'pueblo', 'state', 'estado',
    // es
    'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo',
    'policia', 'ejercito', 'gobierno', 'presidente', 'ministro', 'ministerio', 'consejo', 'tribunal', 'universidad', 'hospital', 'iglesia', 'escuela', 'aeropuerto', 'estacion', 'banco', 'nacional', 'internacional', 'central', 'norte', 'sur', 'este', 'oeste', 'oriente', 'occidente', 'dios', 'sol', 'mar', 'real', 'rey', 'nueva', 'nuevo', 'santa', 'san', 'santo', 'buena', 'bueno', 'gracias', 'nada', 'todos', 'como', 'pero', 'alerta', 'urgente', 'ultima', 'hora', 'fuerza', 'guardia', 'bomberos', 'alcaldia', 'gobernacion', 'sede', 'plaza', 'avenida', 'calle', 'puente', 'rio', 'lago', 'cerro', 'isla', 'playa', 'punta', 'valle', 'montaña', 'sierra', 'puerto', 'hoy', 'ayer', 'manana', 'noche', 'tarde', 'luego', 'despues', 'ahora',
  ].map(foldName),
);

/** Words that can follow a name and still leave it a place ("Bulacan Province", "Kansas City" is in the gazetteer). */
const PLACE_TYPE_AFTER = new Set(['province', 'state', 'county', 'district', 'region', 'city', 'island', 'islands', 'valley', 'municipality', 'governorate', 'prefecture', 'area', 'border', 'coast']);

const FUNCTION_WORDS = new Set(
  'a al and are as at be but by de del do el en es for from had has have he her his i if in is it its la las le les lo los me mi my no not o of on or our para pero por que se she si sin so su sus than that the their them then there these they this those to tu un una unos us was we were what when where which who why with y ya you'.split(' '),
);

export function recogniseToponyms(text: string, gazetteer: Gazetteer, options: RecogniseOptions = {}): RecognisedToponym[] {
  const tokens = tokenise(text);
  // In a text with no capitals (or no lower case) capitals cannot tell names apart: ask for a cue.
  const cased = /\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
  const found: RecognisedToponym[] = [];
  const maxWords = gazetteer.maxNameWords;
  const people = cased ? surnamesOf(text, tokens, gazetteer) : new Set<string>();
  let i = 0;
  while (i < tokens.length) {
    const match = longestMatch(text, tokens, i, maxWords, gazetteer, cased);
    if (match !== null) {
      const accepted = acceptable(text, tokens, i, match, found, cased, gazetteer, people, options.demonyms === true);
      if (accepted !== false) {
        const first = tokens[i];
        const last = tokens[match - 1];
        if (first !== undefined && last !== undefined) {
          found.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), demonym: false, cue: accepted });
          i = match;
          continue;
        }
      }
    }
    const token = tokens[i];
    if (options.demonyms === true && token !== undefined && token.capitalised && gazetteer.lookupDemonym(token.key) !== null && !gluedToName(text, tokens, i, i + 1)) {
      found.push({ start: token.start, end: token.end, text: text.slice(token.start, token.end), demonym: true, cue: null });
    }
    i++;
  }
  return found;
}

/** Recognise and resolve: the toponyms of a text, each with its place (or unresolved). */
export function geoparse(text: string, gazetteer: Gazetteer, context: PlaceContext & RecogniseOptions = {}): Toponym[] {
  const spans = recogniseToponyms(text, gazetteer, context);
  return resolveToponyms(text, spans, gazetteer, context);
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(WORD)) {
    let raw = m[0];
    const start = m.index;
    if (raw.endsWith('.') && !ABBREVIATION.test(raw)) raw = raw.slice(0, -1);
    const inner = raw;
    if (/['’]s$/u.test(raw)) raw = raw.slice(0, -2);
    else if (/s['’]$/u.test(raw)) raw = raw.slice(0, -1);
    const gap = text.slice(previousEnd, start);
    const sentenceStart = tokens.length === 0 || /[.!?:;\n•|]\s*["'“‘«(]*\s*$/u.test(gap) || /^\s*["“«]/u.test(gap);
    const first = raw.codePointAt(0) ?? 0;
    const firstChar = String.fromCodePoint(first);
    tokens.push({
      start,
      end: start + raw.length,
      key: foldName(raw),
      innerKey: foldName(inner),
      // "d'Ivoire", "l'Aquila": the capital after the elided article counts.
      capitalised: firstChar !== firstChar.toLowerCase() || /\p{N}/u.test(firstChar) || /^[dl]['’]\p{Lu}/u.test(raw),
      sentenceStart,
    });
    previousEnd = start + m[0].length;
  }
  return tokens;
}

/** The end (token index, exclusive) of the longest gazetteer name starting at token `i`, or null. */
function longestMatch(text: string, tokens: readonly Token[], i: number, maxWords: number, gazetteer: Gazetteer, cased: boolean): number | null {
  let key = '';
  const keys: string[] = [];
  // Words join across one space (or a non-breaking one) only: a comma or a line ends a name.
  for (let j = i; j < tokens.length && j - i < maxWords; j++) {
    const token = tokens[j];
    if (token === undefined) break;
    if (j > i) {
      const previous = tokens[j - 1];
      if (previous === undefined || !/^([ \u00a0]|[-‐‑])$/.test(text.slice(previous.end, token.start))) break;
    }
    // Inside a name a possessive stays ("People's Republic of China"); at its end it goes ("Russia's").
    keys.push(j === i ? token.key : `${key} ${token.key}`);
    key = j === i ? token.innerKey : `${key} ${token.innerKey}`;
  }
  for (let n = keys.length; n >= 1; n--) {
    const candidate = keys[n - 1];
    if (candidate === undefined || !gazetteer.hasFolded(candidate)) continue;
    if (cased && !capitalisedAsName(tokens, i, i + n) && !(n === 1 && lowerCaseAfterCue(text, tokens, i, gazetteer))) continue;
    // A name may not end on a connector ("Isle of"): that is a different, shorter name.
    const lastKey = tokens[i + n - 1]?.key ?? '';
    if (n > 1 && CONNECTORS.has(lastKey)) continue;
    return i + n;
  }
  return null;
}

/**
 * Chat writes places in lower case even among capitals ("Chamo, se escuchó en petare"): a lone
 * lower-case word right after a locative is a place when it is a known one (a country, a state,
 * a city of 100,000) and not a word of the language.
 */
function lowerCaseAfterCue(text: string, tokens: readonly Token[], i: number, gazetteer: Gazetteer): boolean {
  const token = tokens[i];
  const cue = cueBefore(text, tokens, i);
  if (token === undefined || cue === null || !LOCATIVES.has(cue) || cue === 'of' || cue === 'de' || cue === 'del' || cue === 'to' || cue === 'at' || cue === 'por') return false;
  if (FUNCTION_WORDS.has(token.key) || FREQUENT_WORDS.has(token.key) || COMMON_WORDS.has(token.key) || PERSON_OR_WORD.has(token.key) || token.key.length < 4) return false;
  return gazetteer
    .lookupFolded(token.key)
    .some(({ place, alternate }) => !alternate && (place.featureCode.startsWith('PCL') || place.featureCode === 'ADM1' || (place.featureClass === 'P' && place.population >= 100_000)));
}

function capitalisedAsName(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const token = tokens[j];
    if (token === undefined) return false;
    if (token.capitalised) continue;
    if (j > from && CONNECTORS.has(token.key)) continue;
    return false;
  }
  return true;
}

/**
 * Whether the match tokens[from, to) is a place in this text: the cue that introduced it (a
 * string, '' when none was needed) or false.
 */
function acceptable(text: string, tokens: readonly Token[], from: number, to: number, found: readonly RecognisedToponym[], cased: boolean, gazetteer: Gazetteer, people: ReadonlySet<string>, demonyms: boolean): string | false {
  const first = tokens[from];
  if (first === undefined) return false;
  const single = to - from === 1;
  const key = single ? first.key : tokens.slice(from, to).map((t) => t.key).join(' ');
  const written = text.slice(first.start, tokens[to - 1]?.end ?? first.end);
  // "Ciudad Guayana, Bolívar", "Valencia, Carabobo": a name right after a place and a comma is
  // where that place is, whatever else the word can be.
  const previous = found.at(-1);
  const afterPlace = previous !== undefined && /^,\s*$/.test(text.slice(previous.end, first.start));
  const cue = cueBefore(text, tokens, from) ?? (afterPlace ? ',' : null);
  const placeWord = cue !== null && PLACE_WORDS.has(cue);
  const locative = cue !== null && (LOCATIVES.has(cue) || cue === ',');
  const matches = gazetteer.lookupFolded(key);
  const major = matches.some(({ place }) => place.featureClass === 'L' || (place.featureClass === 'A' && (place.featureCode === 'ADM1' || place.featureCode.startsWith('PCL'))));
  const acronym = cased && /^[\p{Lu}.]+$/u.test(written) && written.replace(/\./g, '').length <= 4;
  if (single && !(acronym && ACRONYMS.has(key)) && (FUNCTION_WORDS.has(key) || FREQUENT_WORDS.has(key))) return false;
  if (single && first.key.length < 3 && !/^\p{Lu}{2,}$/u.test(written)) return false;
  // An acronym ("FDA", "EU", "SOS") is a place only when it is a place's own short form ("US", "DRC").
  if (acronym && !ACRONYMS.has(key)) return false;
  // "Marburg virus", "Lassa fever": a disease named after a place is not the place.
  if (/^\s+(virus|ebolavirus|fever|disease|strain|flu|syndrome|encephalitis|virus's)\b/iu.test(text.slice(tokens[to - 1]?.end ?? 0, (tokens[to - 1]?.end ?? 0) + 16))) return false;
  // A demonym that is also a town ("Canadian", Texas) is the people, unless demonyms are read as places.
  if (single && !demonyms && gazetteer.lookupDemonym(key) !== null) return false;
  // A surname the text uses for a person ("Dr. Scott Campbell … Campbell said") stays a person.
  if (single && people.has(key) && !placeWord && !locative && !major) return false;
  const city = matches.some(({ place, alternate }) => !alternate && place.featureClass === 'P' && place.population >= 100_000);
  if (single && !major && !city && !placeWord && REPORTING.test(text.slice(tokens[to - 1]?.end ?? 0, (tokens[to - 1]?.end ?? 0) + 14))) return false;
  if (COMMON_WORDS.has(key) && !placeWord) return false;
  if (PERSON_OR_WORD.has(key) && !placeWord && !locative) return false;
  if (!cased && cue === null) return false;
  // "Simón Bolívar", "José Félix Ribas": a place named after a person, written as the person is.
  if (!placeWord && !locative && tokens.slice(from, to).every((t) => GIVEN_NAMES.has(t.key) || PERSON_OR_WORD.has(t.key) || CONNECTORS.has(t.key))) return false;
  // A capital opening a sentence says nothing: a lone word there ("Fuerte", "Cortes") must be a
  // place's own name (not an alternate) and a known one, or be introduced by a cue.
  if (single && first.sentenceStart && cue === null && !knownPlace(matches)) return false;
  // A word that is only some place's alternate name ("Tren" for Tran) needs a cue, unless the place is a big one.
  if (single && cue === null && matches.every(({ alternate }) => alternate) && !matches.some(({ place }) => place.featureClass !== 'P' || place.population >= 100_000)) return false;
  // Without capitals to go by, a name must also be a known one: a country, an admin area or a town of 10,000.
  if (!cased && !gazetteer.lookupFolded(key).some(({ place }) => place.featureClass !== 'P' || place.population >= 10_000)) return false;
  // A country (or a city of a million) beside a capitalised word qualifies it ("US Army",
  // "Environment Canada", "CBC Toronto"); smaller names there belong to a longer name.
  const country = matches.some(({ place }) => place.featureClass === 'L' || place.featureCode.startsWith('PCL'));
  const metropolis = matches.some(({ place, alternate }) => !alternate && place.featureClass === 'P' && place.population >= 1_000_000);
  if (!placeWord && !country && gluedToName(text, tokens, from, to, found, metropolis)) return false;
  return cue ?? '';
}

/**
 * Words the text uses as the second part of a capitalised pair that is not a place name ("Scott
 * Campbell", "Ali Hassan"): one sense per text, so the word alone later is the person too.
 * Countries, states and continents are never taken for surnames.
 */
function surnamesOf(text: string, tokens: readonly Token[], gazetteer: Gazetteer): Set<string> {
  const surnames = new Set<string>();
  for (let i = 1; i < tokens.length; i++) {
    const before = tokens[i - 1];
    const token = tokens[i];
    if (before === undefined || token === undefined || !before.capitalised || !token.capitalised) continue;
    if (!/^[ \u00a0]$/.test(text.slice(before.end, token.start))) continue;
    if (FUNCTION_WORDS.has(before.key) || LOCATIVES.has(before.key) || PLACE_WORDS.has(before.key) || CONNECTORS.has(before.key)) continue;
    if (gazetteer.hasFolded(`${before.innerKey} ${token.key}`)) continue;
    if (gazetteer.lookupFolded(token.key).some(({ place }) => place.featureClass === 'L' || (place.featureClass === 'A' && place.featureCode !== 'ADM2') || place.population >= 100_000)) continue;
    surnames.add(token.key);
  }
  return surnames;
}

function knownPlace(matches: readonly NameMatch[]): boolean {
  return matches.some(({ place, alternate }) => !alternate && (place.featureClass !== 'P' || place.population >= 20_000));
}

/**
 * Whether the words sit inside a longer proper name: a capitalised word right before it (not
 * opening a sentence, not a place already found) or right after it ("President Obama",
 * "Washington Post", "Bashar Assad").
 */
function gluedToName(text: string, tokens: readonly Token[], from: number, to: number, found: readonly RecognisedToponym[] = [], metropolis = false): boolean {
  const before = tokens[from - 1];
  const first = tokens[from];
  if (!metropolis && before !== undefined && first !== undefined && before.capitalised && /^[ \u00a0]$/.test(text.slice(before.end, first.start))) {
    const isFunction = FUNCTION_WORDS.has(before.key) || LOCATIVES.has(before.key) || PLACE_WORDS.has(before.key);
    const inPlace = found.some((t) => t.start <= before.start && before.end <= t.end);
    if (!isFunction && !inPlace) return true;
  }
  if (metropolis) return false;
  const after = tokens[to];
  const last = tokens[to - 1];
  if (after !== undefined && last !== undefined && after.capitalised && /^[ \u00a0]$/.test(text.slice(last.end, after.start))) {
    if (!PLACE_TYPE_AFTER.has(after.key) && !FUNCTION_WORDS.has(after.key) && !CALENDAR.has(after.key) && !INSTITUTION_AFTER.has(after.key)) return true;
  }
  return false;
}

/** The folded word right before token `i` in the same clause ("en", "municipio"), skipping "de"/"of" after a place word. */
function cueBefore(text: string, tokens: readonly Token[], i: number): string | null {
  const before = tokens[i - 1];
  const token = tokens[i];
  if (before === undefined || token === undefined) return null;
  if (!/^\s+$/.test(text.slice(before.end, token.start))) return null;
  if ((before.key === 'de' || before.key === 'of' || before.key === 'del') && i >= 2) {
    const twoBefore = tokens[i - 2];
    if (twoBefore !== undefined && PLACE_WORDS.has(twoBefore.key) && /^\s+$/.test(text.slice(twoBefore.end, before.start))) return twoBefore.key;
  }
  if (PLACE_WORDS.has(before.key) || LOCATIVES.has(before.key)) return before.key;
  return null;
}
