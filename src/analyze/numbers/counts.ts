import type { CountKind, CountMention, Language } from '../../model/index.js';
import { normalizeText } from '../normalize.js';
import type { NormalizedText } from '../normalize.js';
import { NUMBER_PATTERN, numberValue } from './words.js';

/**
 * Counts of killed, injured, missing, vehicles and explosions, in Spanish and English, read
 * from the folded matching text (normalize.ts). A count is a quantity ("al menos 7", "entre 3 y
 * 5", "una docena de", "dozens of") beside a word of its kind ("muertos", "heridos", "killed"),
 * either way round ("murieron cuatro personas", "la cifra de muertos asciende a 15"), or a
 * statement of none ("no hubo heridos", "no casualties"). The choices are listed in
 * docs/analysis/time-and-numbers.md.
 */

export interface CountReadingOptions {
  language?: Language;
}

/** What a report says per kind: the best-supported figure, see summariseCounts. */
export type CountSummary = Record<CountKind, { min: number; max: number | null } | null>;

// Not inside a word or a number: "3.5 deaths" is no count of 5.
const B = '(?<![\\p{L}\\p{N}]|\\d[.,])';
const E = '(?![\\p{L}\\p{N}])';
const N = NUMBER_PATTERN;

/** Words that stand for a quantity without a number; `max` null is open above. */
const VAGUE: readonly [RegExp, number, number | null][] = [
  [/^(?:una\s+docena|a\s+dozen|one\s+dozen)$/, 12, 12],
  [/^(?:media\s+docena|half\s+a\s+dozen)$/, 6, 6],
  // "dozens" is at least two dozen; "decenas" (tens) at least two tens.
  [/^(?:docenas|dozens)$/, 24, null],
  [/^decenas$/, 20, null],
  [/^(?:cientos|centenares|hundreds)$/, 200, null],
  [/^(?:miles|thousands)$/, 2000, null],
  [/^(?:un\s+par|a\s+couple|a\s+pair)$/, 2, 2],
  [/^(?:varios|varias|several|multiple|numerosos|numerosas|numerous|various|algunos|algunas|a\s+few|unos\s+cuantos|unas\s+cuantas)$/, 2, null],
];
const VAGUE_WORDS =
  '(?:una\\s+docena|media\\s+docena|a\\s+dozen|one\\s+dozen|half\\s+a\\s+dozen|docenas|dozens|decenas|cientos|centenares|hundreds|miles|thousands|un\\s+par|a\\s+couple|a\\s+pair|varios|varias|several|multiple|numerosos|numerosas|numerous|various|algunos|algunas|a\\s+few|unos\\s+cuantos|unas\\s+cuantas)';

/**
 * A quantity: a number with what bounds it, a range, or a vague word. Named groups: lower
 * (al menos), over (más de), under (menos de), upto (hasta), about (unos), a/b (range), n,
 * vague, one (English "a"/"an").
 */
const QUANTITY =
  `(?:(?<range>(?:entre|between|de|from)\\s+(?<a>${N})\\s+(?:y|and|a|to)\\s+(?<b>${N})|(?<a2>\\d+)\\s*(?:-|–|a|to|o|or)\\s*(?<b2>\\d+))` +
  `|(?:(?<bound>al\\s+menos|por\\s+lo\\s+menos|como\\s+minimo|minimo|at\\s+least|no\\s+less\\s+than|no\\s+fewer\\s+than|mas\\s+de|more\\s+than|over|upwards\\s+of|menos\\s+de|fewer\\s+than|less\\s+than|under|hasta|up\\s+to|unos|unas|alrededor\\s+de|cerca\\s+de|aproximadamente|about|around|approximately|some|nearly|almost|casi|roughly|otros|otras|another|other)\\s+)?` +
  `(?:(?<vague>${VAGUE_WORDS})(?:\\s+(?:de|of))?|(?<n>${N})(?:(?<=millones|millon|millions|million)\\s+(?:de|of))?|(?<one>an?)))`;

/** People a count may be of: "7 civiles muertos", "seven people were killed". */
const PERSONS =
  '(?:personas|persona|people|persons|person|civiles|civil|civilians|civilian|ninos|ninas|nino|nina|children|child|menores|menor|mujeres|mujer|women|woman|hombres|hombre|men|man|soldados|soldado|soldiers|soldier|militares|militar|policias|policia|police\\s+officers?|policemen|policeman|officers|officer|funcionarios|funcionario|efectivos|guardias|miembros|members|residentes|residents|vecinos|habitantes|troops|fighters|combatientes|guerrilleros|agentes|adultos|adults|jovenes|joven|young\\s+people|estudiantes|students|trabajadores|workers|pasajeros|passengers|migrantes|migrants|individuos|sujetos|ciudadanos|venezolanos|colombianos|others|otros|otras|integrantes|terroristas|delincuentes|malandros|irregulares|subversivos|militantes|militants|insurgents|rebels|gunmen|attackers|policemen|policias)';
const PERSON_ADJECTIVES = '(?:\\s+(?:mas|more|inocentes|innocent|armados|armed|venezolanos|colombianos|locales|local))?';
/** Before a thing counted: "dos fuertes explosiones", "three loud explosions", "two armoured vehicles". */
const THING_ADJECTIVES =
  '(?:\\s+(?:fuertes|fuerte|grandes|enormes|potentes|nuevas|nuevos|otras|otros|fuertisimas|loud|large|huge|big|massive|powerful|strong|new|more|other|further|separate|military|armou?red|police|civilian))?';
/** Between the people and the kind word: "7 personas resultaron heridas", "were killed", "aumentan a 77 los fallecidos". */
const LINK = '(?:\\s+(?:que\\s+)?(?:los|las|resultaron|resulto|quedaron|quedo|fueron|fue|han\\s+sido|habian\\s+sido|estan|were|was|have\\s+been|has\\s+been|had\\s+been|are|is|reportados|reported|confirmados|confirmed|reportadas|confirmadas)(?:\\s+(?:reportedly|also|tambien))?)?';

interface KindWords {
  kind: CountKind;
  /** Nouns and participles after a quantity: "7 muertos", "seven killed". */
  after: string;
  /** Words that count people only after a person word: "3 personas resultaron heridas" (not "3 heridas de bala"). */
  afterPersons?: string;
  /** Verbs before a quantity: "murieron 4 personas", "killed seven people". */
  before: string | null;
  /** Nouns in a toll: "la cifra de muertos asciende a 15", "death toll rises to 15". */
  toll: string | null;
}

const KINDS: readonly KindWords[] = [
  {
    kind: 'killed',
    after:
      'muertos|muertas|muerto|muerta|fallecidos|fallecidas|fallecido|fallecida|victimas\\s+fatales|victimas\\s+mortales|victima\\s+fatal|victima\\s+mortal|asesinados|asesinadas|asesinado|asesinada|abatidos|abatido|cadaveres|cuerpos\\s+sin\\s+vida|decesos|murieron|murio|mueren|muere|fallecieron|fallecio|perdieron\\s+la\\s+vida|perdio\\s+la\\s+vida|sin\\s+vida|neutralizados|neutralizadas|dados\\s+de\\s+baja|ultimados|ultimadas|dead|killed|deaths|death|fatalities|died|die|bodies|lost\\s+their\\s+lives|slain|neutralized|neutralised',
    // Claimants' words too: "fueron neutralizados 12 integrantes", "dieron de baja a 3".
    before:
      'murieron|murio|mueren|muere|fallecieron|fallecio|perdieron\\s+la\\s+vida|asesinaron\\s+a|mataron\\s+a|mato\\s+a|fueron\\s+(?:neutralizados|abatidos|dados\\s+de\\s+baja|ultimados|asesinados)|(?:neutralizaron|abatieron|ultimaron)\\s+a|dieron\\s+de\\s+baja\\s+a|killed|killing|kills|kill|left\\s+dead|dejo\\s+sin\\s+vida\\s+a|(?:were|was)\\s+neutrali[sz]ed',
    toll: '(?:cifra|saldo|balance|numero|total|conteo)\\s+de\\s+(?:muertos|fallecidos|victimas\\s+fatales|victimas\\s+mortales|victimas|decesos)|(?:death|dead|casualty)\\s+toll|number\\s+of\\s+(?:dead|deaths|people\\s+killed|fatalities)',
  },
  {
    kind: 'injured',
    afterPersons: 'heridas|herida',
    after:
      'heridos|herido|lesionados|lesionadas|lesionado|lesionada|heridas\\s+de\\s+gravedad|lesiones|injured|wounded|hurt|injuries|hospitalised|hospitalized|casualties\\s+injured',
    before: 'resultaron\\s+heridos|resultaron\\s+heridas|resultaron\\s+lesionados|resultaron\\s+lesionadas|hirieron\\s+a|hirio\\s+a|injured|injuring|wounded|wounding|injures|wounds',
    toll: '(?:cifra|saldo|balance|numero|total|conteo)\\s+de\\s+(?:heridos|lesionados)|number\\s+of\\s+(?:injured|wounded)',
  },
  {
    kind: 'missing',
    after: 'desaparecidos|desaparecidas|desaparecido|desaparecida|missing|unaccounted\\s+for|no\\s+localizados|sin\\s+localizar|secuestrados|secuestradas|secuestrado|abducted|kidnapped',
    before: 'desaparecieron|desaparecio|siguen\\s+desaparecidos|remain\\s+missing|are\\s+missing|went\\s+missing',
    toll: '(?:cifra|saldo|numero|total)\\s+de\\s+desaparecidos|number\\s+of\\s+missing',
  },
  {
    kind: 'vehicles',
    after:
      '(?:vehiculos|vehiculo|camionetas|camioneta|carros|carro|autos|auto|coches|coche|camiones|camion|motos|moto|motocicletas|motocicleta|buses|bus|autobuses|autobus|tanquetas|tanqueta|blindados|blindado|vehicles|vehicle|cars|car|trucks|truck|pickups|pickup|pick-ups|pick-up|suvs|suv|motorcycles|motorcycle|motorbikes|armou?red\\s+vehicles|tanks|lanchas|lancha|boats|boat|embarcaciones|embarcacion|avionetas|avioneta)(?:\\s+(?:militares|blindadas|blindados|oficiales|civiles|calcinados|calcinadas|quemados|quemadas|incinerados|destruidos|destruidas|military|armou?red|burnt|burned|destroyed))?',
    before: null,
    toll: null,
  },
  {
    kind: 'explosions',
    after: 'explosiones|explosion|detonaciones|detonacion|estallidos|estallido|estruendos|estruendo|bombazos|bombazo|explosions|explosion|blasts|blast|detonations|detonation|booms|boom|bangs',
    before: null,
    toll: null,
  },
];

const NONE_PEOPLE =
  '(?:muertos|muerto|heridos|herido|lesionados|lesionado|victimas\\s+fatales|victimas\\s+mortales|victimas|victima\\s+fatal|victima|fallecidos|fallecido|desaparecidos|desaparecido|bajas|perdidas\\s+humanas|casualties|casualty|injuries|deaths|fatalities|injured|dead|wounded)';
/** "no hubo heridos", "sin víctimas", "no casualties", "nobody was hurt". */
const NONE = new RegExp(
  `${B}(?:(?:no\\s+(?:hubo|hay|se\\s+reportan|se\\s+reportaron|se\\s+registran|se\\s+registraron|dejo|dejaron|deja|se\\s+reporta|se\\s+registra|se\\s+produjeron|reportan|registran)|sin|ningun|ninguna|cero|no(?:\\s+(?:reported|confirmed))?|zero|without)\\s+(?<what>${NONE_PEOPLE})(?:\\s+(?:ni|nor|or|o|and|y)\\s+(?<what2>${NONE_PEOPLE}))?|(?:nadie|no[\\s-]?one|nobody|ninguna\\s+persona)\\s+(?:(?:resulto|salio|was|were|fue|has\\s+been|got)\\s+(?<verb>herido|herida|lesionado|lesionada|muerto|muerta|hurt|injured|wounded|killed|harmed)|(?<died>murio|fallecio|died)))${E}`,
  'gu',
);

const ADDRESS_BEFORE = /(?:calle|carrera|cra|avenida|av|km|kilometro|nro|numero|no\.|casa|piso|edificio|sector|ruta|route|street|st|highway|autopista|troncal|manzana|lote|apartamento|apto|telefono|tlf|tel|parcela|codigo|code|#)\s*[.:#°º]?\s*$/u;

const HYPOTHETICAL = /(?:could|may|might|would|will|to|potential\s+to|podria|podrian|puede|pueden|podra|podran|para)\s+$/u;

const YEAR_BEFORE = /(?:en|in|de|del|since|desde|ano|year|of|el|para|for|hasta|until)\s*$/u;

const ENGLISH_SINGULAR =
  /^an?\s+(?:(?:young|local|armed|innocent|military|civilian|police|second|third|loud|huge|big|massive|large|powerful|strong|further|new|small|armou?red|burnt|burned)\s+)?(?:person|civilian|child|woman|man|boy|girl|soldier|officer|policeman|resident|member|fighter|worker|passenger|migrant|student|teenager|journalist|explosion|blast|detonation|boom|vehicle|car|truck|pickup|suv|motorcycle|tank|boat|bus)\b/u;

interface Recogniser {
  kind: CountKind;
  pattern: RegExp;
  /** The kind's words alone: a cheap test that spares the full pattern on most texts. */
  cue: RegExp;
  /** Which quantity groups belong to this form. */
  prefix: string;
}

const RECOGNISERS: Recogniser[] = KINDS.flatMap((words) => {
  const list: Recogniser[] = [];
  const personal = words.kind === 'killed' || words.kind === 'injured' || words.kind === 'missing';
  const cue = new RegExp(`${B}(?:${[words.after, words.afterPersons, words.before, words.toll].filter((part) => part !== undefined && part !== null).join('|')})${E}`, 'u');
  const persons = personal ? `(?:\\s+${PERSONS}${PERSON_ADJECTIVES})?${LINK}` : THING_ADJECTIVES;
  list.push({ kind: words.kind, cue, prefix: 'after', pattern: new RegExp(`${B}${QUANTITY}${persons}\\s+(?:${words.after})${E}`, 'gu') });
  if (words.afterPersons !== undefined) {
    list.push({ kind: words.kind, cue, prefix: 'after', pattern: new RegExp(`${B}${QUANTITY}\\s+${PERSONS}${PERSON_ADJECTIVES}${LINK}\\s+(?:${words.afterPersons})${E}`, 'gu') });
  }
  if (words.before !== null) {
    const trail = personal ? `(?:\\s+${PERSONS})?` : `${THING_ADJECTIVES}\\s+(?:${words.after})`;
    list.push({ kind: words.kind, cue, prefix: 'before', pattern: new RegExp(`${B}(?:${words.before})\\s+(?:a\\s+)?${QUANTITY}${trail}${E}`, 'gu') });
  }
  if (words.toll !== null) {
    list.push({
      kind: words.kind,
      cue,
      prefix: 'toll',
      pattern: new RegExp(
        `${B}(?:${words.toll})\\s+(?:(?:ya\\s+|now\\s+|has\\s+|have\\s+)?(?:asciende|ascendio|aumenta|aumento|sube|subio|se\\s+eleva|se\\s+elevo|llega|llego|es|fue|quedo|queda|se\\s+ubica|rose|rises|risen|climbs|climbed|stands|stood|is|was|reached|reaches|increased|jumped)\\s+)?(?:(?:a|de|en|to|at)\\s+)?${QUANTITY}${E}`,
        'gu',
      ),
    });
  }
  // A tally: "Fallecidos: 12", "Heridos: 5", "Dead: 3".
  list.push({ kind: words.kind, cue, prefix: 'label', pattern: new RegExp(`${B}(?:${words.after})\\s*[:=]\\s*${QUANTITY}${E}`, 'gu') });
  return list;
});

export function readCounts(text: string, options: CountReadingOptions = {}): CountMention[] {
  return readCountsNormalized(normalizeText(text, options.language === undefined ? {} : { language: options.language }));
}

/** As readCounts, on text already normalised (so that stages share one normalisation). */
export function readCountsNormalized(normalized: NormalizedText): CountMention[] {
  // A count does not run over a line break ("Heridos: al menos 30⏎Desaparecidos: 4"): a mark
  // no pattern reads stands in for it, at the same offset.
  const match = normalized.match.includes('\n') ? normalized.match.replaceAll('\n', '|') : normalized.match;
  const found: (CountMention & { matchStart: number; matchEnd: number })[] = [];
  const add = (kind: CountKind, matchStart: number, matchEnd: number, min: number, max: number | null): void => {
    const { start, end } = normalized.spanOf(matchStart, matchEnd);
    found.push({ start, end, text: normalized.display.slice(start, end), kind, min, max, matchStart, matchEnd });
  };

  const cued = new Map<RegExp, boolean>();
  for (const recogniser of RECOGNISERS) {
    let present = cued.get(recogniser.cue);
    if (present === undefined) cued.set(recogniser.cue, (present = recogniser.cue.test(match)));
    if (!present) continue;
    recogniser.pattern.lastIndex = 0;
    for (let hit = recogniser.pattern.exec(match); hit !== null; hit = recogniser.pattern.exec(match)) {
      const quantity = quantityOf(hit.groups ?? {});
      if (quantity === null) continue;
      const before = match.slice(Math.max(0, hit.index - 14), hit.index);
      const bare = hit.groups?.['n'] !== undefined && hit.groups['bound'] === undefined;
      // "calle 5 heridos" is an address; "en 2019 murieron" is a year.
      if (recogniser.prefix === 'after' && bare && /\d/.test(hit.groups?.['n'] ?? '') && ADDRESS_BEFORE.test(before) && !/(?:y|and|,)\s*$/.test(before)) continue;
      if (bare && /^(?:19|20)\d\d$/.test(hit.groups?.['n'] ?? '') && (recogniser.prefix !== 'after' || YEAR_BEFORE.test(before))) continue;
      // "kill 50 percent", "less than 1%": a share, not a count.
      if (/^\s*(?:%|percent|per\s+cent|por\s+ciento)/u.test(match.slice(hit.index + hit[0].length))) continue;
      // "could kill about 1,400", "wanted to kill", "podría dejar": what may happen has not.
      if (recogniser.prefix === 'before' && HYPOTHETICAL.test(match.slice(Math.max(0, hit.index - 24), hit.index))) continue;
      // "a 26-year-old man", "7-magnitude": a number joined to a word is not a count.
      if (/^[-‐][\p{L}]/u.test(match.slice(hit.index + hit[0].length)) || /\d[-‐][\p{L}]/u.test(hit[0])) continue;
      // "un carro", "a car": one vehicle is most often the getaway car or the car bomb.
      if (recogniser.kind === 'vehicles' && (hit.groups?.['one'] !== undefined || /^(?:un|una|uno|one)$/.test(hit.groups?.['n'] ?? ''))) continue;
      // English "a"/"an" counts one only before a noun it can count ("a soldier was killed").
      if (hit.groups?.['one'] !== undefined && !ENGLISH_SINGULAR.test(match.slice(hit.index))) continue;
      add(recogniser.kind, hit.index, hit.index + hit[0].length, quantity.min, quantity.max);
    }
  }

  NONE.lastIndex = 0;
  for (let hit = NONE.exec(match); hit !== null; hit = NONE.exec(match)) {
    const kinds = new Set<CountKind>();
    for (const word of [hit.groups?.['what'], hit.groups?.['what2'], hit.groups?.['verb'], hit.groups?.['died']]) {
      if (word === undefined) continue;
      for (const kind of noneKinds(word)) kinds.add(kind);
    }
    if (kinds.size === 0) {
      kinds.add('killed');
      kinds.add('injured');
    }
    for (const kind of kinds) add(kind, hit.index, hit.index + hit[0].length, 0, 0);
  }

  // Overlaps of one kind: keep the longer reading ("al menos 7 muertos" over "7 muertos").
  found.sort((a, b) => b.matchEnd - b.matchStart - (a.matchEnd - a.matchStart) || a.matchStart - b.matchStart);
  const kept: typeof found = [];
  for (const mention of found) {
    const clash = kept.some((other) => other.kind === mention.kind && mention.matchStart < other.matchEnd && other.matchStart < mention.matchEnd);
    if (!clash) kept.push(mention);
  }
  kept.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
  return kept.map(({ start, end, text, kind, min, max }) => ({ start, end, text, kind, min, max }));
}

function noneKinds(word: string): CountKind[] {
  if (/^(?:muert|fallec|deaths|fatalit|dead|killed)/.test(word) || /fatales|mortales/.test(word)) return ['killed'];
  if (/^(?:herid|lesion|injur|wound|hurt|harmed)/.test(word)) return ['injured'];
  if (/^(?:desapar|missing)/.test(word)) return ['missing'];
  // víctimas, bajas, casualties: neither dead nor hurt.
  return ['killed', 'injured'];
}

function quantityOf(groups: Record<string, string | undefined>): { min: number; max: number | null } | null {
  const a = groups['a'] ?? groups['a2'];
  const b = groups['b'] ?? groups['b2'];
  if (a !== undefined && b !== undefined) {
    const low = numberValue(a);
    const high = numberValue(b);
    if (low === null || high === null || high < low) return null;
    return { min: low, max: high };
  }
  let min: number;
  let max: number | null;
  const vague = groups['vague'];
  if (vague !== undefined) {
    const words = vague.replace(/\s+/g, ' ');
    const rule = VAGUE.find(([pattern]) => pattern.test(words));
    if (rule === undefined) return null;
    [, min, max] = rule;
  } else if (groups['one'] !== undefined) {
    min = 1;
    max = 1;
  } else {
    const value = numberValue(groups['n'] ?? '');
    if (value === null) return null;
    min = value;
    max = value;
  }
  const bound = (groups['bound'] ?? '').replace(/\s+/g, ' ');
  if (/^(?:al menos|por lo menos|como minimo|minimo|at least|no less than|no fewer than)$/.test(bound)) max = null;
  else if (/^(?:mas de|more than|over|upwards of)$/.test(bound)) {
    min += 1;
    max = null;
  } else if (/^(?:menos de|fewer than|less than|under)$/.test(bound)) {
    if (min === 0) return null;
    max = min - 1;
    min = 0;
  } else if (/^(?:hasta|up to)$/.test(bound)) {
    max = min;
    min = 0;
  }
  return { min, max };
}

/**
 * Per kind, the best-supported figure of a report: the mention with the highest minimum (a
 * report that says "murieron 3 … la cifra asciende a 5" is updating itself; parts such as "2
 * soldados y 3 civiles muertos" are not added up), its maximum (the highest among mentions with
 * that minimum, null if any is open). A "none" (0) stands only when nothing else was counted.
 */
export function summariseCounts(mentions: readonly CountMention[]): CountSummary {
  const summary: CountSummary = { killed: null, injured: null, missing: null, vehicles: null, explosions: null };
  for (const mention of mentions) {
    const current = summary[mention.kind];
    if (current === null || mention.min > current.min) summary[mention.kind] = { min: mention.min, max: mention.max };
    else if (mention.min === current.min && current.max !== null) summary[mention.kind] = { min: current.min, max: mention.max === null ? null : Math.max(current.max, mention.max) };
  }
  return summary;
}
