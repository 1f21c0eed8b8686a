/**
 * `npm run eval`: the analysis stages measured on real labelled data, printed as a table.
 *
 *   npm run eval                      a readable table
 *   npm run eval -- --json            the same figures as one JSON object on stdout
 *   npm run eval -- --data <folder>   the data sets somewhere other than ../shared/data
 *
 * Language identification, and source role and relatedness (bench/eval/classify.ts), are measured on CrisisLexT26 (../shared/data/crisis). The tweets carry
 * no language label, so the gold is the language of the crisis event each was collected for:
 * a proxy. Places (geocoding, geoparsing) are measured on TR-News and GeoVirus
 * (../shared/data/geoparsing; bench/eval/places.ts). The data is read where it lies and never
 * copied into the repository.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { identifyLanguage, loadGazetteer } from '../src/analyze/index.js';
import type { Language } from '../src/model/index.js';
import { classifyTables, evaluateClassification } from './eval/classify.js';
import { CRISISLEX_CITATION, readCrisisEvents } from './eval/crisislex.js';
import type { CrisisEvent, CrisisTweet } from './eval/crisislex.js';
import { dedupLines, evaluateDedup, readDedupLabels } from './eval/dedup.js';
import { evaluateIncidents, incidentLines } from './eval/incidents.js';
import { evaluatePlaces } from './eval/places.js';
import { percent, round, table } from './eval/table.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * The proxy gold, one language per event (data README: the two Spanish events, the rest
 * English). Two events are kept apart and out of the macro average because their tweets
 * mix languages, so the event's language says little about a tweet's: the Italian
 * earthquakes are mostly Italian (which should come out as "other") with Spanish and
 * English; Lac-Mégantic is in Québec and its tweets are French and English in similar shares.
 */
const EVENT_LANGUAGE: Readonly<Record<string, EventLanguage>> = {
  '2012_Colorado_wildfires': 'en',
  '2012_Costa_Rica_earthquake': 'es',
  '2012_Italy_earthquakes': 'it',
  '2012_Philipinnes_floods': 'en',
  '2013_Alberta_floods': 'en',
  '2013_Australia_bushfire': 'en',
  '2013_Bohol_earthquake': 'en',
  '2013_Glasgow_helicopter_crash': 'en',
  '2013_LA_airport_shootings': 'en',
  '2013_Lac_Megantic_train_crash': 'fr+en',
  '2013_Russia_meteor': 'en',
  '2013_Singapore_haze': 'en',
  '2013_Spain_train_crash': 'es',
};
type EventLanguage = 'es' | 'en' | 'it' | 'fr+en';
const SCORED = ['es', 'en'] as const satisfies readonly EventLanguage[];
const SEPARATE = ['it', 'fr+en'] as const satisfies readonly EventLanguage[];
const PREDICTED = ['es', 'en', 'other', 'too-short'] as const satisfies readonly Language[];

const VIEWS = {
  relatedAndInformative: { title: 'Related and informative tweets', keep: (tweet: CrisisTweet) => tweet.informativeness === 'Related and informative' },
  all: { title: 'All tweets (every informativeness label)', keep: (_tweet: CrisisTweet) => true },
} as const;

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    data: { type: 'string', default: join(ROOT, '..', 'shared', 'data') },
  },
});
const crisisFolder = join(values.data, 'crisis');
if (!existsSync(crisisFolder)) {
  process.stderr.write(
    `corroborate eval: the data folder ${crisisFolder} is missing.\n` +
      'It holds CrisisLexT26, one of the public labelled data sets the eval reads in place from ../shared/data/ (beside the project root); ' +
      'put the data there or pass --data <folder>. The data is never copied into the repository.\n',
  );
  process.exit(2);
}

const events = await readCrisisEvents(crisisFolder);
const unknown = events.filter((event) => !(event.name in EVENT_LANGUAGE)).map((event) => event.name);
if (unknown.length > 0) throw new Error(`${crisisFolder}: no language is set for ${unknown.join(', ')}; add it to EVENT_LANGUAGE in bench/eval.ts`);
const missing = Object.keys(EVENT_LANGUAGE).filter((name) => !events.some((event) => event.name === name));
if (missing.length > 0) throw new Error(`${crisisFolder}: the event files ${missing.join(', ')} are missing`);

const predictions = new Map(events.map((event) => [event, event.tweets.map((tweet) => identifyLanguage(tweet.text).language)]));

const classification = evaluateClassification(events);
const dedup = evaluateDedup(events, readDedupLabels());
const views = Object.fromEntries(Object.entries(VIEWS).map(([name, view]) => [name, evaluateView(view.keep)])) as Record<keyof typeof VIEWS, ViewFigures>;

const GOLD_NOTE =
  "The gold is the event's language, a proxy: some tweets in a Spanish event are in English and vice versa, so agreement is a lower bound on accuracy for the clear cases.";
const AGREEMENT_NOTE = "Agreement: the identifier's answer equals the event's language, among tweets it does not call too-short; macro = mean over es and en.";
const SEPARATE_NOTE =
  'Kept apart, with shares only: 2012_Italy_earthquakes (mostly Italian, which should come out "other", plus Spanish and English) and 2013_Lac_Megantic_train_crash (Québec: French and English).';

// Places: geocoding and geoparsing on TR-News and GeoVirus (../shared/data/geoparsing).
const places = await evaluatePlaces(values.data, () => loadGazetteer());

// Incidents: the CrisisLexT26 events mixed into one stream and clustered back (BCubed); disasters
// unfold over weeks, so a 72 h gap instead of a strike's 24 h.
const incidents = evaluateIncidents(events, loadGazetteer(), { maxGapHours: 72 });

if (values.json) {
  const figures = {
    task: 'language identification',
    identifier: 'identifyLanguage, src/analyze/language.ts',
    dataset: { name: 'CrisisLexT26', citation: CRISISLEX_CITATION, folder: crisisFolder, events: events.length, tweets: events.reduce((sum, event) => sum + event.tweets.length, 0) },
    gold: 'event language (proxy)',
    notes: [GOLD_NOTE, AGREEMENT_NOTE, SEPARATE_NOTE],
    eventLanguage: EVENT_LANGUAGE,
    views,
    classify: { task: 'source role and relatedness', classifier: 'classifyReport, src/analyze/classify', ...classification },
    dedup,
    places: places.figures,
    incidents,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const lines = ['corroborate eval — language identification (identifyLanguage) on CrisisLexT26, gold = the event\'s language (proxy)', ''];
  for (const [name, view] of Object.entries(VIEWS)) {
    const figures = views[name as keyof typeof VIEWS];
    lines.push(view.title);
    lines.push(
      ...table(
        ['event language', 'events', 'tweets', ...PREDICTED, 'agreement'],
        [
          ...SCORED.map((group) => groupRow(group, figures.byEventLanguage[group])),
          ['macro-average (es, en)', '', '', '', '', '', '', percent(figures.macroAgreement)],
          ...SEPARATE.map((group) => groupRow(`${group} (kept apart)`, figures.byEventLanguage[group])),
        ],
      ),
      '',
    );
  }
  lines.push('Related and informative tweets, by event');
  lines.push(
    ...table(
      ['event', 'language', 'tweets', ...PREDICTED, 'agreement'],
      Object.entries(views.relatedAndInformative.byEvent).map(([event, row]) => [event, EVENT_LANGUAGE[event] ?? '', ...figureCells(row)]),
    ),
    '',
  );
  lines.push(GOLD_NOTE, AGREEMENT_NOTE, SEPARATE_NOTE, '');
  lines.push('corroborate eval — source role and relatedness (classifyReport) on CrisisLexT26', '', ...classifyTables(classification), ...classification.notes);
  lines.push('', ...dedupLines(dedup), '', ...incidentLines(incidents), '', `Source: ${CRISISLEX_CITATION}.`, `Read from ${crisisFolder}.`, '', ...places.lines);
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface Figures {
  tweets: number;
  predicted: Record<(typeof PREDICTED)[number], number>;
  share: Record<(typeof PREDICTED)[number], number | null>;
  /** Tweets not called too-short: the denominator of agreement. */
  identified: number;
  /** Share of identified tweets whose answer is the event's language; null where there is no single gold. */
  agreement: number | null;
}

interface ViewFigures {
  byEventLanguage: Record<EventLanguage, Figures & { events: string[] }>;
  macroAgreement: number | null;
  byEvent: Record<string, Figures>;
}

function evaluateView(keep: (tweet: CrisisTweet) => boolean): ViewFigures {
  const byEvent: Record<string, Figures> = {};
  const tallies = new Map<EventLanguage, { events: string[]; answers: Language[] }>();
  for (const event of events) {
    const group = eventLanguage(event);
    const answers = (predictions.get(event) ?? []).filter((_answer, index) => {
      const tweet = event.tweets[index];
      return tweet !== undefined && keep(tweet);
    });
    byEvent[event.name] = summarise(answers, group);
    const tally = tallies.get(group) ?? { events: [], answers: [] };
    tally.events.push(event.name);
    tally.answers.push(...answers);
    tallies.set(group, tally);
  }
  const byEventLanguage = Object.fromEntries(
    [...SCORED, ...SEPARATE].map((group) => {
      const tally = tallies.get(group) ?? { events: [], answers: [] };
      return [group, { events: tally.events, ...summarise(tally.answers, group) }];
    }),
  ) as ViewFigures['byEventLanguage'];
  // Averaged before rounding, so the macro figure does not carry the groups' rounding.
  const agreements = SCORED.map((group) => {
    const { predicted, identified } = byEventLanguage[group];
    return identified === 0 ? null : predicted[group] / identified;
  });
  const macroAgreement = agreements.every((value) => value !== null) ? round(agreements.reduce((sum, value) => sum + value, 0) / agreements.length, 4) : null;
  return { byEventLanguage, macroAgreement, byEvent };
}

function summarise(answers: readonly Language[], group: EventLanguage): Figures {
  const predicted = Object.fromEntries(PREDICTED.map((language) => [language, answers.filter((answer) => answer === language).length])) as Figures['predicted'];
  const share = Object.fromEntries(PREDICTED.map((language) => [language, answers.length === 0 ? null : round(predicted[language] / answers.length, 4)])) as Figures['share'];
  const identified = answers.length - predicted['too-short'];
  const gold = group === 'es' || group === 'en' ? group : null;
  const agreement = gold === null || identified === 0 ? null : round(predicted[gold] / identified, 4);
  return { tweets: answers.length, predicted, share, identified, agreement };
}

function eventLanguage(event: CrisisEvent): EventLanguage {
  const language = EVENT_LANGUAGE[event.name];
  if (language === undefined) throw new Error(`no language is set for ${event.name}`);
  return language;
}

function groupRow(label: string, figures: Figures & { events: string[] }): string[] {
  return [label, String(figures.events.length), ...figureCells(figures)];
}

function figureCells(figures: Figures): string[] {
  return [figures.tweets.toLocaleString('en-US'), ...PREDICTED.map((language) => percent(figures.share[language])), percent(figures.agreement)];
}

/** The first column left-aligned, the figures right-aligned, as bench/main.ts pads its table. */

