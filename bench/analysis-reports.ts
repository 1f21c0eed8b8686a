/**
 * The whole analysis stage, per core: every raw item read as a Report (language, normalisation,
 * event type, role, attribution, urgency, times, counts, toponyms and place) and added to the
 * provenance index, then the families computed — what `investigate` does between ingest and the
 * store, on one thread (one core).
 *
 * Corpora: the real CrisisLexT26 tweets (Spanish and English, read in place from
 * ../shared/data/crisis when it is there) and SYNTHETIC posts in the style of Venezuelan local
 * channels, newsrooms and officials (bench/analysis-classify.ts). Target ≥ 2,000 reports/s per
 * core. Printed, never asserted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ProvenanceIndex, provenanceEntryFromItem, reportFromItem, shippedGazetteer, type ReportAnalysisContext } from '../src/analyze/index.js';
import { rawItemId, type RawItem } from '../src/model/index.js';
import { WHOLE_ANALYSIS_TARGET, syntheticPosts } from './analysis-classify.js';
import { readCrisisEvents } from './eval/crisislex.js';

export interface AnalysisBenchFigures {
  corpora: { name: string; reports: number; meanChars: number; synthetic: boolean; reportsPerSecond: number; familiesSeconds: number }[];
  /** The slowest corpus's rate. */
  reportsPerSecond: number;
  target: number;
  meetsTarget: boolean;
  gazetteerLoadSeconds: number;
}

const SNOWFLAKE_EPOCH = 1288834974657n;

function itemOf(text: string, index: number, time: string, channel: string): RawItem & { sourceId: string } {
  return {
    id: rawItemId(['bench', index, text]),
    sourceId: 'bench',
    format: 'telegram',
    externalId: `bench:${index}`,
    kind: 'message',
    channel: { id: `bench:${channel}`, name: channel, type: 'public_channel' },
    author: null,
    time,
    editedTime: null,
    title: null,
    text,
    url: null,
    declaredLanguage: null,
    forwardedFrom: null,
    replyTo: null,
    media: [],
    geo: null,
    extra: {},
    origin: { file: 'bench', sha256: null, location: `#/${index}`, offset: null, length: null },
  };
}

/** Analyse every item once (warm-up), then as many passes as fit in `seconds`; families once at the end of a pass. */
function measure(items: readonly (RawItem & { sourceId: string })[], context: ReportAnalysisContext, seconds: number): { reportsPerSecond: number; familiesSeconds: number } {
  const pass = (): number => {
    const index = new ProvenanceIndex();
    for (const item of items) {
      reportFromItem(item, context);
      index.add(provenanceEntryFromItem(item));
    }
    const started = performance.now();
    index.families();
    return (performance.now() - started) / 1000;
  };
  pass();
  let done = 0;
  let familiesSeconds = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    familiesSeconds = pass();
    done += items.length;
    elapsed = performance.now() - started;
  }
  return { reportsPerSecond: Math.round(done / (elapsed / 1000)), familiesSeconds: Math.round(familiesSeconds * 1000) / 1000 };
}

export async function benchAnalysis(options: { dataFolder: string; seconds?: number }): Promise<AnalysisBenchFigures> {
  const loadStarted = performance.now();
  const gazetteer = shippedGazetteer();
  const gazetteerLoadSeconds = Math.round((performance.now() - loadStarted) / 10) / 100;
  const context: ReportAnalysisContext = {
    caseId: 'bench',
    timeZone: 'America/Caracas',
    place: { country: 'VE', near: { lat: 7.243, lon: -70.73, radiusKm: 50 } },
    gazetteer,
    sourceRoles: new Map(),
  };
  const seconds = options.seconds ?? 5;
  const corpora: AnalysisBenchFigures['corpora'] = [];

  const crisisFolder = join(options.dataFolder, 'crisis');
  if (existsSync(crisisFolder)) {
    const tweets = (await readCrisisEvents(crisisFolder)).flatMap((event) => event.tweets);
    const items = tweets.map((tweet, i) => {
      const ms = (BigInt(tweet.id) >> 22n) + SNOWFLAKE_EPOCH;
      return itemOf(tweet.text, i, new Date(Number(ms)).toISOString(), `crisis-${i % 50}`);
    });
    corpora.push({ name: 'CrisisLexT26 tweets (es + en)', synthetic: false, reports: items.length, meanChars: meanChars(items), ...measure(items, context, seconds) });
  }
  const posts = syntheticPosts(10_000);
  const start = Date.parse('2026-09-18T06:00:00Z');
  const items = posts.map((text, i) => itemOf(text, i, new Date(start + i * 7_000).toISOString(), `canal-${i % 40}`));
  corpora.push({ name: 'local channels, newsrooms, officials', synthetic: true, reports: items.length, meanChars: meanChars(items), ...measure(items, context, seconds) });

  const reportsPerSecond = Math.min(...corpora.map((c) => c.reportsPerSecond));
  return { corpora, reportsPerSecond, target: WHOLE_ANALYSIS_TARGET, meetsTarget: reportsPerSecond >= WHOLE_ANALYSIS_TARGET, gazetteerLoadSeconds };
}

function meanChars(items: readonly RawItem[]): number {
  return Math.round(items.reduce((a, item) => a + item.text.length, 0) / Math.max(1, items.length));
}
