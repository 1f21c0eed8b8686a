import { clusterReportOf, reportFromItem, type Gazetteer } from '../../src/analyze/index.js';
import { DEFAULT_CLUSTERING, IncidentClusterer, type ClusteringParameters } from '../../src/correlate/index.js';
import type { ClusterReport, RawItem } from '../../src/model/index.js';
import type { CrisisEvent } from './crisislex.js';
import { percent, round, table } from './table.js';

/**
 * Incident clustering on CrisisLexT26: every event's tweets mixed into one stream, each at its
 * post time (from the snowflake id), clustered with no knowledge of the events, and the
 * recovered clusters scored against the events with BCubed precision, recall and F1 (Bagga &
 * Baldwin 1998; Amigó et al. 2009): per tweet, the share of its cluster that is from its event,
 * and the share of its event that is in its cluster, averaged over tweets.
 */

/** Twitter snowflake ids hold the post time: ms since 2010-11-04T01:42:54.657Z, shifted left 22 bits. */
export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + 1_288_834_974_657;
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** BCubed precision, recall and F1 of `predicted` (item → cluster) against `gold` (item → class). */
export function bcubed(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): BCubed {
  const clusterSize = new Map<string, number>();
  const classSize = new Map<string, number>();
  const both = new Map<string, number>();
  for (const [item, klass] of gold) {
    const cluster = predicted.get(item);
    if (cluster === undefined) throw new Error(`no cluster for ${item}`);
    clusterSize.set(cluster, (clusterSize.get(cluster) ?? 0) + 1);
    classSize.set(klass, (classSize.get(klass) ?? 0) + 1);
    const key = `${cluster}\u0000${klass}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const [item, klass] of gold) {
    const cluster = predicted.get(item) as string;
    const shared = both.get(`${cluster}\u0000${klass}`) ?? 0;
    precision += shared / (clusterSize.get(cluster) ?? 1);
    recall += shared / (classSize.get(klass) ?? 1);
  }
  precision /= gold.size;
  recall /= gold.size;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

interface ViewFigures extends BCubed {
  tweets: number;
  events: number;
  clusters: number;
  /** Clusters of one tweet, which BCubed scores as perfectly precise. */
  singletons: number;
  /** Tweets in a cluster whose majority event is their own. */
  majorityAgreement: number;
}

export interface IncidentFigures {
  parameters: ClusteringParameters;
  all: ViewFigures;
  related: ViewFigures;
  /** The baseline a clusterer must beat: every tweet of a day in one cluster. */
  sameDayBaseline: BCubed;
  notes: string[];
}

export function evaluateIncidents(events: readonly CrisisEvent[], gazetteer: Gazetteer, parameters: Partial<ClusteringParameters> = {}): IncidentFigures {
  const reports: ClusterReport[] = [];
  const gold = new Map<string, string>();
  const related = new Set<string>();
  for (const event of events) {
    for (const tweet of event.tweets) {
      const time = new Date(snowflakeTime(tweet.id)).toISOString();
      const item: RawItem & { sourceId: string } = {
        id: tweet.id,
        sourceId: 'crisislex',
        format: 'twitter',
        externalId: `twitter:${tweet.id}`,
        kind: 'post',
        channel: { id: 'twitter', name: null, type: null },
        author: null,
        time,
        editedTime: null,
        title: null,
        text: tweet.text,
        url: null,
        declaredLanguage: null,
        forwardedFrom: null,
        replyTo: null,
        media: [],
        geo: null,
        extra: {},
        origin: { file: `${event.name}.csv`, sha256: null, location: tweet.id, offset: null, length: null },
      };
      const report = reportFromItem(item, { caseId: 'eval', timeZone: 'UTC', place: {}, gazetteer, sourceRoles: new Map() });
      // The post time, not a time read from the text: the events' own dates are the gold's.
      const clustered = clusterReportOf({ ...report, eventTime: null });
      if (clustered === null) continue;
      reports.push(clustered);
      gold.set(tweet.id, event.name);
      if (tweet.informativeness === 'Related and informative' || tweet.informativeness === 'Related - but not informative') related.add(tweet.id);
    }
  }
  const clusterer = new IncidentClusterer(parameters);
  clusterer.add(reports);
  const predicted = new Map(reports.map((report) => [report.id, clusterer.incidentIdOf(report.id) ?? report.id]));
  const view = (keep: (id: string) => boolean): ViewFigures => {
    const kept = new Map([...gold].filter(([id]) => keep(id)));
    const keptPredicted = new Map([...predicted].filter(([id]) => keep(id)));
    const scores = bcubed(kept, keptPredicted);
    const members = new Map<string, string[]>();
    for (const [id, cluster] of keptPredicted) members.set(cluster, [...(members.get(cluster) ?? []), id]);
    let agreeing = 0;
    for (const ids of members.values()) {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(kept.get(id) as string, (counts.get(kept.get(id) as string) ?? 0) + 1);
      agreeing += Math.max(...counts.values());
    }
    return {
      ...scores,
      tweets: kept.size,
      events: new Set(kept.values()).size,
      clusters: members.size,
      singletons: [...members.values()].filter((ids) => ids.length === 1).length,
      majorityAgreement: agreeing / kept.size,
    };
  };
  const byDay = new Map(reports.map((report) => [report.id, new Date(report.from).toISOString().slice(0, 10)]));
  return {
    parameters: { ...DEFAULT_CLUSTERING, ...parameters },
    all: view(() => true),
    related: view((id) => related.has(id)),
    sameDayBaseline: bcubed(gold, byDay),
    notes: [
      'Each tweet at its post time (snowflake id); text analysed as any report (terms, places, event type); no dedup families.',
      '"related": tweets the annotators marked related to the event (informative or not); tweets marked not related are still scored in "all", as members of the event they were collected for.',
      'Baseline: every tweet of one UTC day in one cluster.',
      'The default parameters were chosen on this same stream (a small grid, no held-out split): read the figures as a fit, not as a forecast for other data.',
    ],
  };
}

export function incidentLines(figures: IncidentFigures): string[] {
  const row = (name: string, v: ViewFigures): string[] => [
    name,
    v.tweets.toLocaleString('en-US'),
    String(v.events),
    v.clusters.toLocaleString('en-US'),
    v.singletons.toLocaleString('en-US'),
    percent(v.precision),
    percent(v.recall),
    percent(v.f1),
    percent(v.majorityAgreement),
  ];
  const b = figures.sameDayBaseline;
  return [
    'corroborate eval — incident clustering (IncidentClusterer) on CrisisLexT26 mixed into one stream, BCubed',
    '',
    ...table(
      ['tweets', 'n', 'events', 'clusters', 'singletons', 'precision', 'recall', 'F1', 'majority'],
      [row('all', figures.all), row('related only', figures.related), ['baseline: one cluster per day (all)', '', '', '', '', percent(b.precision), percent(b.recall), percent(b.f1), '']],
    ),
    '',
    `Parameters: ${Object.entries(figures.parameters as unknown as Record<string, number>)
      .map(([k, v]) => `${k} ${round(v, 3)}`)
      .join(', ')}.`,
    ...figures.notes,
  ];
}
