import type { PlacePrecision, Toponym } from '../../model/index.js';
import { foldName } from './fold.js';
import { distanceKm, isCountryCode, type Gazetteer, type GazetteerPlace, type NameMatch } from './gazetteer.js';

/**
 * Toponym resolution: each name's candidates scored by what the place is (a country before an
 * admin area before a town, more people before fewer, a main name before an alternate) and by
 * what the rest of the text and the case say (the other places named, the case's country and
 * area), in a few rounds so that "Valencia" beside "Carabobo" or "Maracay" lands in Venezuela.
 */

export interface CaseArea {
  lat: number;
  lon: number;
  radiusKm: number;
}

export interface PlaceContext {
  /** ISO 3166-1 alpha-2 code of the country the case is about. */
  country?: string;
  /** The case's area: candidates inside it (or near) are preferred. */
  near?: CaseArea;
}

/** A span to resolve: offsets into the text (UTF-16, end exclusive). */
export interface ToponymSpan {
  start: number;
  end: number;
  /** Read as a demonym ("Venezuelan"): resolves to the country. */
  demonym?: boolean;
  /** The word that introduced it ("municipio", "county"), if any. */
  cue?: string | null;
}

/**
 * The weights of resolution, in log10-people units (a weight of 1 is worth ten times the
 * population). Set by hand, then checked on TR-News and GeoVirus together (bench/eval/places.ts).
 */
export const RESOLUTION_WEIGHTS = {
  adm1Base: 4,
  capital: 3,
  alternate: 0.5,
  countryShare: 4.5,
  countryCount: 0.75,
  inside: 2.5,
  nearby: 1,
};

/** How many candidates per name are scored (the best-known first). */
const MAX_CANDIDATES = 40;
const ROUNDS = 3;
/** How many names on each side of a name count as its context. */
const CONTEXT_WINDOW = 25;

/** Words that name an admin area's level: after them the area, not its seat, is meant. */
const ADMIN_CUES = new Set(['municipio', 'estado', 'provincia', 'departamento', 'parroquia', 'distrito', 'region', 'county', 'state', 'province', 'district', 'region', 'municipality', 'governorate', 'prefecture', 'parish', 'comuna', 'canton']);
const LOCALITY_CUES = new Set(['ciudad', 'pueblo', 'localidad', 'city', 'town', 'village', 'sector', 'barrio', 'urbanizacion', 'caserio', 'aldea', 'suburb']);

interface Candidate {
  place: GazetteerPlace;
  prior: number;
  score: number;
}

interface Mention {
  span: ToponymSpan;
  key: string;
  words: string;
  candidates: Candidate[];
}

export function resolveToponyms(text: string, spans: readonly ToponymSpan[], gazetteer: Gazetteer, context: PlaceContext = {}): Toponym[] {
  const mentions: Mention[] = spans.map((span) => {
    const words = text.slice(span.start, span.end);
    const key = foldName(words);
    return { span, key, words, candidates: candidatesFor(words, span, gazetteer, context) };
  });
  let best: (Candidate | null)[] = mentions.map((m) => top(m.candidates));
  for (let round = 1; round < ROUNDS; round++) {
    for (const [i, mention] of mentions.entries()) {
      for (const candidate of mention.candidates) candidate.score = candidate.prior + fromText(candidate.place, i, mention.key, mentions, best);
    }
    best = mentions.map((m) => top(m.candidates));
  }
  return mentions.map((mention, i) => toponymOf(mention, best[i] ?? null));
}

function top(candidates: readonly Candidate[]): Candidate | null {
  let winner: Candidate | null = null;
  for (const candidate of candidates) if (winner === null || candidate.score > winner.score) winner = candidate;
  return winner;
}

function candidatesFor(words: string, span: ToponymSpan, gazetteer: Gazetteer, context: PlaceContext): Candidate[] {
  // A demonym names its country ("Canadian" officials), not the town that shares the word.
  const country = gazetteer.lookupDemonym(words.replace(/s$/u, ''));
  if (country !== null && (span.demonym === true || /^\p{Lu}/u.test(words))) return [{ place: country, prior: 10, score: 10 }];
  let matches = gazetteer.lookup(words);
  for (const variant of variants(words)) {
    if (matches.length > 0) break;
    matches = gazetteer.lookup(variant);
  }
  const scored = matches.map(({ place, alternate }) => {
    const prior = priorOf(place, alternate, span.cue ?? null) + fromCase(place, context) + namesake(place, matches);
    return { place, prior, score: prior };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, MAX_CANDIDATES);
}

/** Other ways a span may be written in the gazetteer: without "the", a possessive, a type word. */
function variants(words: string): string[] {
  const out: string[] = [];
  const bare = words.replace(/['’]s$/u, '').replace(/\.$/u, '');
  out.push(bare);
  out.push(bare.replace(/^(the|el|la|los|las)\s+/iu, ''));
  out.push(bare.replace(/\s+(city|county|province|state|district|region|municipality|governorate)$/iu, ''));
  out.push(bare.replace(/^(city of|province of|state of|county of|ciudad de|estado|municipio|provincia de|departamento de|parroquia)\s+/iu, ''));
  return out.filter((v) => v !== words && v !== '');
}

/** What the place is, before any context: its kind, its size, whether the name is its main one. */
function priorOf(place: GazetteerPlace, alternate: boolean, cue: string | null): number {
  const code = place.featureCode;
  let score: number;
  if (code === 'CONT') score = 12;
  else if (isCountryCode(code)) score = 11 + Math.log10(Math.max(place.population, 1)) / 4;
  else if (code === 'ADM1') score = RESOLUTION_WEIGHTS.adm1Base + Math.log10(Math.max(place.population, 1)) * 0.75;
  else if (code === 'ADM2') score = 1.5 + Math.log10(Math.max(place.population, 1)) * 0.75;
  else if (place.featureClass === 'A') score = 1 + Math.log10(Math.max(place.population, 1)) * 0.75;
  // Regions, seas, islands, ranges (no population): as well known as a city of some millions.
  else if (place.featureClass === 'L' || place.featureClass === 'H' || place.featureClass === 'T') score = 6.5;
  else {
    score = Math.log10(Math.max(place.population, 1));
    if (code === 'PPLC') score += RESOLUTION_WEIGHTS.capital;
    else if (code === 'PPLA') score += 1;
    else if (code === 'PPLA2') score += 0.4;
  }
  if (alternate) score -= RESOLUTION_WEIGHTS.alternate;
  if (cue !== null) {
    if (ADMIN_CUES.has(cue)) score += place.featureClass === 'A' && !isCountryCode(code) ? 3 : 0;
    else if (LOCALITY_CUES.has(cue)) score += place.featureClass === 'P' ? 2 : 0;
  }
  return score;
}

/**
 * A city that shares its name with the first-level area around it and holds a good share of its
 * people is what the name usually means (New York, Valencia); a small namesake is not (Québec).
 */
function namesake(place: GazetteerPlace, matches: readonly NameMatch[]): number {
  if (place.featureClass !== 'P') return 0;
  for (const { place: area } of matches) {
    if (area.featureCode === 'ADM1' && area.countryCode === place.countryCode && area.admin1 === place.admin1 && area.population > 0) {
      return place.population / area.population >= 0.15 ? 3 : 0;
    }
  }
  return 0;
}

/** What the case says: its country, its area. */
function fromCase(place: GazetteerPlace, context: PlaceContext): number {
  let score = 0;
  if (context.country !== undefined && place.countryCode === context.country.toUpperCase()) score += 3;
  if (context.near !== undefined) {
    const distance = distanceKm(context.near.lat, context.near.lon, place.lat, place.lon);
    const radius = Math.max(1, context.near.radiusKm);
    if (distance <= radius) score += 5;
    else if (distance <= 3 * radius) score += 3;
    else if (distance <= 10 * radius) score += 1;
  }
  return score;
}

/** What the other names in the text say: same country, containing admin area, nearby places. */
function fromText(place: GazetteerPlace, self: number, selfKey: string, mentions: readonly Mention[], best: readonly (Candidate | null)[]): number {
  let sameCountry = 0;
  let others = 0;
  let inside = 0;
  let nearby = 0;
  const seen = new Set<string>([selfKey]);
  // The names around this one (a window, so that a long text stays linear in its length).
  for (let j = Math.max(0, self - CONTEXT_WINDOW); j < Math.min(mentions.length, self + CONTEXT_WINDOW + 1); j++) {
    const mention = mentions[j];
    if (mention === undefined || j === self || seen.has(mention.key)) continue;
    seen.add(mention.key);
    const other = best[j]?.place;
    if (other === undefined) continue;
    others++;
    if (other.countryCode !== '' && other.countryCode === place.countryCode) sameCountry++;
    if (other.featureClass === 'A' && other.countryCode === place.countryCode) {
      if (other.featureCode === 'ADM1' && other.admin1 === place.admin1 && place.featureCode !== 'ADM1') inside++;
      else if (other.featureCode === 'ADM2' && other.admin1 === place.admin1 && other.admin2 === place.admin2 && place.featureCode !== 'ADM2') inside++;
    }
    // …and the other way: an area that holds a place the text names ("Petare, municipio Sucre").
    if (place.featureClass === 'A' && other.featureClass !== 'A' && other.countryCode === place.countryCode) {
      if (place.featureCode === 'ADM1' && other.admin1 === place.admin1) inside++;
      else if (place.featureCode === 'ADM2' && other.admin1 === place.admin1 && other.admin2 === place.admin2) inside++;
    }
    if (other.featureClass === 'P' && place.featureClass === 'P' && distanceKm(other.lat, other.lon, place.lat, place.lon) < 150) nearby++;
  }
  if (others === 0) return 0;
  const w = RESOLUTION_WEIGHTS;
  return w.countryShare * (sameCountry / others) + Math.min(2, sameCountry) * w.countryCount + Math.min(2, inside) * w.inside + Math.min(2, nearby) * w.nearby;
}

function precisionOf(place: GazetteerPlace): PlacePrecision {
  if (place.featureCode === 'CONT' || isCountryCode(place.featureCode)) return 'country';
  if (place.featureClass === 'A' || place.featureCode === 'RGN') return 'admin-area';
  if (place.featureClass === 'P') return 'locality';
  if (place.featureClass === 'S') return 'exact';
  return 'vicinity';
}

function toponymOf(mention: Mention, winner: Candidate | null): Toponym {
  const { start, end } = mention.span;
  if (winner === null) return { start, end, name: mention.words, lat: null, lon: null, precision: null, confidence: 0 };
  // Confidence: the share of the candidates' softmax (scores are in log10-people units) that
  // falls within 25 km of the winner — a town and the municipality named after it are one answer.
  const { place } = winner;
  let total = 0;
  let here = 0;
  for (const candidate of mention.candidates) {
    const weight = Math.exp(candidate.score - winner.score);
    total += weight;
    if (candidate === winner || distanceKm(place.lat, place.lon, candidate.place.lat, candidate.place.lon) <= 25) here += weight;
  }
  const confidence = Math.round((here / total) * 100) / 100;
  return {
    start,
    end,
    name: place.name,
    lat: place.lat,
    lon: place.lon,
    precision: precisionOf(place),
    confidence,
    ...(place.geonameid === null ? {} : { geonameid: place.geonameid }),
    ...(place.countryCode === '' ? {} : { countryCode: place.countryCode }),
  };
}
