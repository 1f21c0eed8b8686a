import { createRequire } from 'node:module';
import type { ClusterReport, PlacePrecision, Report } from '../model/index.js';
import { foldForMatching } from './normalize.js';

/**
 * The terms a report shares with others about the same incident: its content words (no stop
 * words, folded), hashtags and @-names, the places it names (resolved, by gazetteer id), and the
 * figures it counts ("12 muertos" → `count:killed:12`). What the incident clusterer compares.
 */
export function incidentTerms(report: Pick<Report, 'text' | 'toponyms' | 'counts'>): string[] {
  const terms = new Set<string>();
  for (const word of contentWords(report.text)) terms.add(word);
  for (const toponym of report.toponyms) {
    if (toponym.geonameid !== undefined) terms.add(`place:${toponym.geonameid}`);
    else terms.add(`place:${foldForMatching(toponym.name)}`);
  }
  for (const count of report.counts) terms.add(`count:${count.kind}:${count.min}`);
  return [...terms];
}

/**
 * Words worth comparing: three letters or more, not a stop word of Spanish or English (from
 * stopwords-iso), not a link or a bare number (times and dates say nothing of content).
 */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  const folded = foldForMatching(text).replace(LINK, ' ');
  for (const match of folded.matchAll(WORD)) {
    const word = match[0];
    const bare = word.startsWith('#') || word.startsWith('@') ? word.slice(1) : word;
    if (bare.length < 3 || DIGITS.test(bare)) continue;
    if (word === bare && STOP_WORDS.has(word)) continue;
    words.push(word);
  }
  return words;
}

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const WORD = /[#@]?[\p{L}\p{N}_]+/gu;
const DIGITS = /^[\d_]+$/;
/** Retweet and feed markers that every platform repeats. */
const PLATFORM_WORDS = ['via', 'amp', 'http', 'https'];
/** stopwords-iso ships one JSON file: `{ es: [...], en: [...], … }`. */
const stopwords = createRequire(import.meta.url)('stopwords-iso') as Record<'es' | 'en', string[]>;
const STOP_WORDS = new Set([...stopwords.es, ...stopwords.en, ...PLATFORM_WORDS].map((word) => foldForMatching(word)));

/**
 * Radius a report's place stands for, by its precision (km). Country-wide places are left out:
 * "in Venezuela" neither joins nor separates two reports.
 */
const PLACE_RADIUS_KM: Record<PlacePrecision, number | null> = { exact: 1, vicinity: 5, locality: 15, 'admin-area': 150, country: null };

/** A report as the incident clusterer reads it: its event time (else its post time), place, type and terms. */
export function clusterReportOf(report: Report): ClusterReport | null {
  const from = Date.parse(report.eventTime?.from ?? report.time ?? '');
  if (Number.isNaN(from)) return null;
  const to = report.eventTime === null ? from : Math.max(from, Date.parse(report.eventTime.to));
  const radiusKm = report.place === null ? null : PLACE_RADIUS_KM[report.place.precision];
  const eventType = report.classification.eventType;
  return {
    id: report.id,
    from,
    to,
    place: report.place === null || radiusKm === null ? null : { lat: report.place.lat, lon: report.place.lon, radiusKm },
    eventType: eventType === 'not-an-event' ? null : eventType,
    terms: incidentTerms(report),
    family: report.family?.family ?? null,
    role: report.classification.sourceRole,
    language: report.language,
  };
}
