import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeXML } from 'entities';
import { distanceKm, geoparse, resolveToponyms, type Gazetteer } from '../../src/analyze/index.js';
import { round, table } from './table.js';

/**
 * Geocoding and geoparsing measured on the two English news corpora of Gritta et al. (TR-News,
 * GeoVirus; github.com/milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation, GPL-3.0), read in
 * place from ../shared/data/geoparsing.
 *
 * Geocoding: every gold span is resolved, with the article's other gold spans as its context;
 * the error is the great-circle distance to the gold point, 20,039 km (half the Earth's
 * circumference) when nothing is found. acc@161 = share of errors ≤ 161 km (100 miles); AUC as in
 * Gritta et al. 2018: the area under the curve of sorted ln(1 + error km), normalised by
 * ln(20,039) — trapezoids over N−1 unit steps — 0 is perfect, 1 is every answer as wrong as can be.
 *
 * Geoparsing: the spans `geoparse` finds in the whole text against the gold spans; exact = same
 * start and end; overlap = spans that share a character, paired one to one in text order.
 */
export const GEOPARSING_CITATION =
  'TR-News and GeoVirus: Gritta, Pilehvar & Collier, "A Pragmatic Guide to Geoparsing Evaluation", Language Resources and Evaluation 2019 (github.com/milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation, GPL-3.0)';

const MAX_ERROR_KM = 20_039;

export interface GoldToponym {
  start: number;
  end: number;
  name: string;
  /** Null where the gold gives no point (TR-News streets, "Kurdish"): counted in geoparsing only. */
  lat: number | null;
  lon: number | null;
}

export interface GoldArticle {
  text: string;
  toponyms: GoldToponym[];
}

export interface Corpus {
  name: 'TR-News' | 'GeoVirus';
  articles: GoldArticle[];
  /** Gold spans whose offsets did not hold their name and were moved to the nearest occurrence. */
  realigned: number;
  /** Gold spans whose name was not found near their offsets: left out. */
  dropped: number;
  /** Gold spans without a point: in the geoparsing gold, not in geocoding. */
  unlocated: number;
}

export interface GeocodingFigures {
  toponyms: number;
  resolved: number;
  accuracyAt161: number;
  meanErrorKm: number;
  medianErrorKm: number;
  auc: number;
  /**
   * Share of gold toponyms whose answer lies in the country of the gold point (the country of
   * the gazetteer's populated place nearest to it): resolution judged apart from where the
   * gazetteer puts a large area's point.
   */
  countryAgreement: number;
}

export interface GeoparsingFigures {
  gold: number;
  predicted: number;
  exact: { precision: number; recall: number; f1: number };
  overlap: { precision: number; recall: number; f1: number };
}

export async function readCorpus(folder: string, name: Corpus['name']): Promise<Corpus> {
  const xml = await readFile(join(folder, `${name}.xml`), 'utf8');
  const articles: GoldArticle[] = [];
  let realigned = 0;
  let dropped = 0;
  let unlocated = 0;
  for (const [, body = ''] of xml.matchAll(/<article\b[^>]*>([\s\S]*?)<\/article>/g)) {
    const text = xmlText(/<text>([\s\S]*?)<\/text>/.exec(body)?.[1] ?? '');
    const toponyms: GoldToponym[] = [];
    const entries = name === 'TR-News' ? body.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g) : body.matchAll(/<location>([\s\S]*?)<\/location>/g);
    for (const [, entry = ''] of entries) {
      const field = (tag: string): string => xmlText(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(entry)?.[1] ?? '');
      const phrase = name === 'TR-News' ? field('phrase') : field('name');
      const located = field('lat') !== '' && field('lon') !== '' && Number.isFinite(Number(field('lat'))) && Number.isFinite(Number(field('lon')));
      const lat = located ? Number(field('lat')) : null;
      const lon = located ? Number(field('lon')) : null;
      if (!located) unlocated++;
      if (phrase === '') {
        dropped++;
        continue;
      }
      let start = Number(field('start'));
      if (text.slice(start, start + phrase.length) !== phrase) {
        // GeoVirus counts from 1; a few TR-News offsets are a few characters off: take the nearest occurrence.
        const found = nearestOccurrence(text, phrase, start);
        if (found === null) {
          dropped++;
          continue;
        }
        start = found;
        realigned++;
      }
      toponyms.push({ start, end: start + phrase.length, name: phrase, lat, lon });
    }
    toponyms.sort((a, b) => a.start - b.start);
    articles.push({ text, toponyms });
  }
  return { name, articles, realigned, dropped, unlocated };
}

function xmlText(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  return cdata?.[1] ?? decodeXML(raw.trim());
}

function nearestOccurrence(text: string, phrase: string, near: number): number | null {
  let best: number | null = null;
  for (let at = text.indexOf(phrase, Math.max(0, near - 60)); at >= 0 && at <= near + 60; at = text.indexOf(phrase, at + 1)) {
    if (best === null || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/**
 * `withContext: false` resolves each span alone (no other names of the text to go by): the prior
 * only — kind of place, population, capital — as a baseline for what the context adds.
 */
export function evaluateGeocoding(corpus: Corpus, gazetteer: Gazetteer, withContext = true): GeocodingFigures {
  const errors: number[] = [];
  let resolved = 0;
  let sameCountry = 0;
  const countryAt = new Map<string, string>();
  const goldCountry = (lat: number, lon: number): string => {
    const key = `${lat},${lon}`;
    let country = countryAt.get(key);
    if (country === undefined) {
      country = gazetteer.nearest(lat, lon, (place) => place.featureClass === 'P')?.countryCode ?? '';
      countryAt.set(key, country);
    }
    return country;
  };
  for (const article of corpus.articles) {
    const golds = article.toponyms.filter((t) => t.lat !== null && t.lon !== null);
    const toponyms = withContext ? resolveToponyms(article.text, golds, gazetteer) : golds.flatMap((gold) => resolveToponyms(article.text, [gold], gazetteer));
    for (const [i, gold] of golds.entries()) {
      if (gold.lat === null || gold.lon === null) continue;
      const answer = toponyms[i];
      if (answer?.lat == null || answer.lon == null) {
        errors.push(MAX_ERROR_KM);
        continue;
      }
      resolved++;
      errors.push(distanceKm(gold.lat, gold.lon, answer.lat, answer.lon));
      if (answer.countryCode !== undefined && answer.countryCode === goldCountry(gold.lat, gold.lon)) sameCountry++;
    }
  }
  errors.sort((a, b) => a - b);
  const n = errors.length;
  const logs = errors.map((e) => Math.log(1 + e));
  let area = 0;
  for (let i = 1; i < n; i++) area += ((logs[i - 1] ?? 0) + (logs[i] ?? 0)) / 2;
  return {
    toponyms: n,
    resolved,
    accuracyAt161: round(errors.filter((e) => e <= 161).length / n, 4),
    meanErrorKm: Math.round(errors.reduce((s, e) => s + e, 0) / n),
    medianErrorKm: Math.round(errors[n >> 1] ?? 0),
    auc: round(area / ((n - 1) * Math.log(MAX_ERROR_KM)), 4),
    countryAgreement: round(sameCountry / n, 4),
  };
}

export function evaluateGeoparsing(corpus: Corpus, gazetteer: Gazetteer, options: { demonyms: boolean }): GeoparsingFigures {
  let gold = 0;
  let predicted = 0;
  let exact = 0;
  let overlap = 0;
  for (const article of corpus.articles) {
    const found = geoparse(article.text, gazetteer, { demonyms: options.demonyms });
    gold += article.toponyms.length;
    predicted += found.length;
    const goldKeys = new Set(article.toponyms.map((t) => `${t.start}:${t.end}`));
    exact += found.filter((t) => goldKeys.has(`${t.start}:${t.end}`)).length;
    // One to one, in text order: both lists are sorted by start.
    let g = 0;
    for (const t of found) {
      while (g < article.toponyms.length && (article.toponyms[g]?.end ?? 0) <= t.start) g++;
      const candidate = article.toponyms[g];
      if (candidate !== undefined && candidate.start < t.end && t.start < candidate.end) {
        overlap++;
        g++;
      }
    }
  }
  return { gold, predicted, exact: prf(exact, predicted, gold), overlap: prf(overlap, predicted, gold) };
}

function prf(hits: number, predicted: number, gold: number): { precision: number; recall: number; f1: number } {
  const precision = predicted === 0 ? 0 : hits / predicted;
  const recall = gold === 0 ? 0 : hits / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision, 4), recall: round(recall, 4), f1: round(f1, 4) };
}

export interface PlacesEvaluation {
  figures: Record<string, unknown> | null;
  lines: string[];
}

const PUBLISHED = 'Published acc@161 on GeoVirus (Gritta et al. 2018, Table 1): CamCoder 82, Population baseline 80, CLAVIN 79, Edinburgh 78, Yahoo! 70. Mordecai 3 (Halterman 2023): TR-News acc@161 87.3.';
const METHOD_NOTES = [
  'Geocoding: every gold span resolved by resolveToponyms with the article\'s other gold spans as context; unresolved = 20,039 km. acc@161 = share of errors ≤ 161 km; AUC = trapezoid area under sorted ln(1 + error km) over N−1 unit steps, divided by ln(20,039) (0 best, 1 worst).',
  'Prior only: each gold span resolved alone, without the other names of its article — the kind of place, its population, capital or seat; a population baseline with this gazetteer.',
  'Right country: the answer is in the country of the gold point (the country of the populated place nearest to it; continents and seas never agree) — resolution judged apart from where the gazetteer puts a country\'s or a state\'s point, which for large countries lies 200–1,000 km from the gold\'s (world-countries points, not GeoNames\').',
  'Geoparsing: geoparse on the whole article against the gold spans; exact = same start and end; overlap = sharing a character, paired one to one in text order. TR-News annotates demonyms ("Russian") as toponyms, GeoVirus does not: both are shown with and without reading demonyms.',
  'Gold offsets: GeoVirus counts from 1 and some TR-News offsets are a few characters off; each gold span is moved to the nearest occurrence of its name within 60 characters, else left out. Gold spans without a point (44 in TR-News: streets, "Kurdish") count in geoparsing only.',
];

/** The whole places evaluation: figures for `--json` and lines for the table, or a note when the data is missing. */
export async function evaluatePlaces(dataFolder: string, loadGazetteer: () => Gazetteer): Promise<PlacesEvaluation> {
  const folder = join(dataFolder, 'geoparsing');
  const corpora: Corpus[] = [];
  try {
    corpora.push(await readCorpus(folder, 'TR-News'), await readCorpus(folder, 'GeoVirus'));
  } catch (error) {
    return { figures: null, lines: [`Places: skipped, ${folder} cannot be read (${(error as Error).message}).`] };
  }
  const started = performance.now();
  const gazetteer = loadGazetteer();
  const loadSeconds = (performance.now() - started) / 1000;
  const byCorpus: Record<string, unknown> = {};
  const geocodingRows: string[][] = [];
  const parsingRows: string[][] = [];
  for (const corpus of corpora) {
    const geocoding = evaluateGeocoding(corpus, gazetteer);
    const prior = evaluateGeocoding(corpus, gazetteer, false);
    const parsing = evaluateGeoparsing(corpus, gazetteer, { demonyms: false });
    const parsingDemonyms = evaluateGeoparsing(corpus, gazetteer, { demonyms: true });
    byCorpus[corpus.name] = {
      articles: corpus.articles.length,
      goldRealigned: corpus.realigned,
      goldLeftOut: corpus.dropped,
      goldWithoutPoint: corpus.unlocated,
      geocoding,
      geocodingPriorOnly: prior,
      geoparsing: parsing,
      geoparsingWithDemonyms: parsingDemonyms,
    };
    for (const [label, figures] of [
      ['', geocoding],
      [' (prior only)', prior],
    ] as const) {
      geocodingRows.push([
        `${corpus.name}${label}`,
        figures.toponyms.toLocaleString('en-US'),
        `${((figures.resolved / figures.toponyms) * 100).toFixed(1)}%`,
        `${(figures.accuracyAt161 * 100).toFixed(1)}%`,
        figures.meanErrorKm.toLocaleString('en-US'),
        figures.medianErrorKm.toLocaleString('en-US'),
        figures.auc.toFixed(3),
        `${(figures.countryAgreement * 100).toFixed(1)}%`,
      ]);
    }
    for (const [label, figures] of [
      ['', parsing],
      [' + demonyms', parsingDemonyms],
    ] as const) {
      parsingRows.push([
        `${corpus.name}${label}`,
        figures.gold.toLocaleString('en-US'),
        figures.predicted.toLocaleString('en-US'),
        pct(figures.exact.precision),
        pct(figures.exact.recall),
        pct(figures.exact.f1),
        pct(figures.overlap.precision),
        pct(figures.overlap.recall),
        pct(figures.overlap.f1),
      ]);
    }
  }
  const figures = {
    task: 'toponym recognition and resolution',
    geoparser: 'geoparse / resolveToponyms, src/analyze/geo',
    gazetteer: { source: 'data/gazetteer/places.tsv.gz (GeoNames cities500 and admin names, world-countries, Natural Earth admin-1)', places: gazetteer.size, loadSeconds: round(loadSeconds, 2) },
    citation: GEOPARSING_CITATION,
    folder,
    notes: [...METHOD_NOTES, PUBLISHED],
    corpora: byCorpus,
  };
  const lines = [
    'Places — geocoding of the gold toponyms',
    ...table(['corpus', 'toponyms', 'resolved', 'acc@161', 'mean km', 'median km', 'AUC', 'right country'], geocodingRows),
    '',
    'Places — geoparsing (recognition end to end)',
    ...table(['corpus', 'gold', 'found', 'exact P', 'exact R', 'exact F1', 'overlap P', 'overlap R', 'overlap F1'], parsingRows),
    '',
    ...METHOD_NOTES,
    PUBLISHED,
    `Source: ${GEOPARSING_CITATION}. Read from ${folder}.`,
  ];
  return { figures, lines };
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

