/**
 * Source role and relatedness (src/analyze/classify) measured on CrisisLexT26.
 *
 * Gold: the tweets' "Information Source" (Eyewitness, Media, Government → official, NGOs → ngo,
 * Business → organisation, Outsiders → outsider; "Not labeled"/"Not applicable" left out) and
 * "Informativeness" (both "Related …" labels → related, "Not related" → not; "Not applicable"
 * left out). The classifier is rules over a hand-written lexicon: nothing is fitted, but its cues
 * were chosen while reading the TUNING half of the events (every other file in name order), so
 * the HELD-OUT half is the figure to trust; both are printed, and every event on its own.
 *
 * CrisisLex's "Information Source" is where the information comes from, so a news tweet that
 * relays the Red Cross is labelled NGOs. The classifier answers two things: who speaks
 * (`sourceRole`) and whom a relay cites (`attributedRole`). Both views are scored: "speaker" is
 * sourceRole alone; "information source" takes the cited speaker's role when a relay (media or
 * unknown speaker) cites an official, an NGO or witnesses.
 */
import { classifyReport, type ClassifiedReport } from '../../src/analyze/index.js';
import type { SourceRole } from '../../src/model/index.js';
import type { CrisisEvent, CrisisTweet } from './crisislex.js';
import { table } from './table.js';

const GOLD_ROLE: Readonly<Record<string, SourceRole>> = {
  Eyewitness: 'eyewitness',
  Media: 'media',
  Government: 'official',
  NGOs: 'ngo',
  Business: 'organisation',
  Outsiders: 'outsider',
};
/** The roles the brief scores (Eyewitness, Media, Government), then the rest for reading. */
export const SCORED_ROLES = ['eyewitness', 'media', 'official', 'ngo', 'outsider'] as const;
const SPANISH_EVENTS = new Set(['2012_Costa_Rica_earthquake', '2013_Spain_train_crash']);

export const CLASSIFY_EVAL_NOTES = [
  'Gold: CrisisLexT26 "Information Source" (Government → official, NGOs → ngo, Business → organisation, Outsiders → outsider; unlabelled tweets left out) and "Informativeness" (Related … → related, Not related → not).',
  'Languages as the data README says: es = 2012_Costa_Rica_earthquake and 2013_Spain_train_crash, en = the other eleven events (Italy and Lac-Mégantic, mostly Italian and French, count as en).',
  'Split: the cues were chosen reading the tuning half (every other event file in name order, from the first); the held-out half was not read while tuning.',
  '"speaker" scores sourceRole; "information source" takes the cited speaker\'s role when a media or unknown relay cites an official, an NGO or witnesses (CrisisLex labels a relay by where the information comes from).',
  'Relatedness here is "about a crisis or violent incident at all" (disaster and violence vocabulary), not "about this event": tweets about another earthquake count as related for the classifier and as not related in the gold.',
];

export type Split = 'tuning' | 'held-out' | 'all';
type Language = 'es' | 'en' | 'all';

interface Score {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  support: number;
  predicted: number;
}

export interface SliceFigures {
  tweets: number;
  /** Per role, in each view. */
  speaker: Record<(typeof SCORED_ROLES)[number], Score>;
  informationSource: Record<(typeof SCORED_ROLES)[number], Score>;
  related: Score;
  notRelated: Score;
  /** What answering the same thing for every tweet scores: "media" for every role, "related" for relatedness. */
  baselines: { alwaysMedia: Score; alwaysRelated: Score };
}

export interface ClassifyEvalFigures {
  splits: Record<Split, string[]>;
  slices: Record<Split, Record<Language, SliceFigures>>;
  byEvent: Record<string, { split: Exclude<Split, 'all'>; language: 'es' | 'en' } & SliceFigures>;
  notes: string[];
}

interface Scored {
  tweet: CrisisTweet;
  result: ClassifiedReport;
}

/** Tuning: every other event in name order starting from the first; held-out: the others. */
export function splitOf(events: readonly CrisisEvent[], event: CrisisEvent): Exclude<Split, 'all'> {
  const names = events.map((e) => e.name).sort();
  return names.indexOf(event.name) % 2 === 0 ? 'tuning' : 'held-out';
}

export function informationSource(result: ClassifiedReport): SourceRole {
  const relay = result.sourceRole === 'media' || result.sourceRole === 'unknown';
  const cited = result.attributedRole;
  return relay && (cited === 'official' || cited === 'ngo' || cited === 'eyewitness') ? cited : result.sourceRole;
}

export function evaluateClassification(events: readonly CrisisEvent[]): ClassifyEvalFigures {
  const scored = new Map(events.map((event) => [event.name, event.tweets.map((tweet) => ({ tweet, result: classifyReport(tweet.text.normalize('NFKC')) }))]));
  const languageOf = (event: CrisisEvent): 'es' | 'en' => (SPANISH_EVENTS.has(event.name) ? 'es' : 'en');
  const pick = (split: Split, language: Language): Scored[] =>
    events
      .filter((event) => (split === 'all' || splitOf(events, event) === split) && (language === 'all' || languageOf(event) === language))
      .flatMap((event) => scored.get(event.name) ?? []);
  const splits = { tuning: [], 'held-out': [], all: [] } as Record<Split, string[]>;
  for (const event of events) {
    splits[splitOf(events, event)].push(event.name);
    splits.all.push(event.name);
  }
  const slices = Object.fromEntries(
    (['tuning', 'held-out', 'all'] as const).map((split) => [split, Object.fromEntries((['es', 'en', 'all'] as const).map((language) => [language, figures(pick(split, language))]))]),
  ) as ClassifyEvalFigures['slices'];
  const byEvent = Object.fromEntries(events.map((event) => [event.name, { split: splitOf(events, event), language: languageOf(event), ...figures(scored.get(event.name) ?? []) }]));
  return { splits, slices, byEvent, notes: CLASSIFY_EVAL_NOTES };
}

function figures(items: readonly Scored[]): SliceFigures {
  const labelled = items.filter(({ tweet }) => tweet.informationSource in GOLD_ROLE);
  const roleScores = (predict: (result: ClassifiedReport) => SourceRole): SliceFigures['speaker'] =>
    Object.fromEntries(
      SCORED_ROLES.map((role) => [role, score(labelled.map(({ tweet, result }) => [GOLD_ROLE[tweet.informationSource] === role, predict(result) === role] as const))]),
    ) as SliceFigures['speaker'];
  const judged = items.filter(({ tweet }) => tweet.informativeness !== 'Not applicable');
  const related = judged.map(({ tweet, result }) => [tweet.informativeness !== 'Not related', result.related] as const);
  return {
    tweets: items.length,
    speaker: roleScores((result) => result.sourceRole),
    informationSource: roleScores(informationSource),
    related: score(related),
    notRelated: score(related.map(([gold, predicted]) => [!gold, !predicted] as const)),
    baselines: {
      alwaysMedia: score(labelled.map(({ tweet }) => [GOLD_ROLE[tweet.informationSource] === 'media', true] as const)),
      alwaysRelated: score(related.map(([gold]) => [gold, true] as const)),
    },
  };
}

/** Precision, recall and F1 of the positive class from (gold, predicted) pairs. */
export function score(pairs: readonly (readonly [gold: boolean, predicted: boolean])[]): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, predicted] of pairs) {
    if (gold && predicted) tp++;
    else if (predicted) fp++;
    else if (gold) fn++;
  }
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn, predicted: tp + fp };
}

/** The readable tables: role F1 (P/R) per split and language in both views, relatedness, and per event. */
export function classifyTables(figures: ClassifyEvalFigures): string[] {
  const lines: string[] = [];
  const cell = (s: Score): string => (s.f1 === null ? '—' : `${pct(s.f1)} (${pct(s.precision)}/${pct(s.recall)})`);
  for (const view of ['speaker', 'informationSource'] as const) {
    lines.push(`Source role, ${view === 'speaker' ? '"speaker" view (sourceRole)' : '"information source" view (cited speaker for relays)'}: F1 (precision/recall)`);
    const rows: string[][] = [];
    for (const split of ['tuning', 'held-out', 'all'] as const) {
      for (const language of ['es', 'en', 'all'] as const) {
        const slice = figures.slices[split][language];
        rows.push([`${split} ${language}`, slice.tweets.toLocaleString('en-US'), ...SCORED_ROLES.map((role) => cell(slice[view][role])), cell(slice.baselines.alwaysMedia)]);
      }
    }
    lines.push(...table(['split language', 'tweets', ...SCORED_ROLES, 'baseline: media for all'], rows), '');
  }
  lines.push('Relatedness (related vs not related): F1 (precision/recall)');
  lines.push(
    ...table(
      ['split language', 'tweets', 'related', 'not related', 'macro F1', 'baseline: related for all', 'its macro F1'],
      (['tuning', 'held-out', 'all'] as const).flatMap((split) =>
        (['es', 'en', 'all'] as const).map((language) => {
          const slice = figures.slices[split][language];
          return [`${split} ${language}`, slice.tweets.toLocaleString('en-US'), cell(slice.related), cell(slice.notRelated), pct(macro(slice.related.f1, slice.notRelated.f1)), cell(slice.baselines.alwaysRelated), pct(macro(slice.baselines.alwaysRelated.f1, 0))];
        }),
      ),
    ),
    '',
  );
  lines.push('By event: F1 of eyewitness, media, official (information-source view) and related');
  lines.push(
    ...table(
      ['event', 'split', 'lang', 'tweets', 'eyewitness', 'media', 'official', 'related'],
      Object.entries(figures.byEvent).map(([name, event]) => [
        name,
        event.split,
        event.language,
        event.tweets.toLocaleString('en-US'),
        pct(event.informationSource.eyewitness.f1),
        pct(event.informationSource.media.f1),
        pct(event.informationSource.official.f1),
        pct(event.related.f1),
      ]),
    ),
    '',
  );
  return lines;
}

function macro(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : (a + b) / 2;
}

function pct(value: number | null): string {
  return value === null ? '—' : (value * 100).toFixed(1);
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10000) / 10000;
}

