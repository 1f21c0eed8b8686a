import { IncidentClusterer } from '../src/correlate/index.js';
import type { ClusterReport } from '../src/model/index.js';
import { seededRandom } from './telegram-export.js';

/**
 * Incremental incident clustering over a SYNTHETIC stream: incidents at random places and
 * times, each with its own words, reported by a few to a few hundred reports over hours, among
 * chatter (a third of the stream, Zipf-distributed words) that belongs to none. Reports arrive in time order in batches
 * of 1,000, as an ingest hands them over; then one batch of late reports, from the middle of
 * the stream, measures what a roll-back costs.
 */

export const INCIDENT_TARGET_PER_SECOND = 5_000;

export interface IncidentBenchFigures {
  reports: number;
  synthetic: true;
  incidentsPlanted: number;
  incidentsFound: number;
  seconds: number;
  reportsPerSecond: number;
  cpuSecondsPerMillion: number;
  lateBatch: { reports: number; retaken: number; seconds: number };
  heapMb: number;
  target: number;
  meetsTarget: boolean;
}

const HOUR = 3_600_000;
const START = Date.parse('2026-07-01T00:00:00Z');

export function benchIncidents(options: { reports: number; seed?: number }): IncidentBenchFigures {
  const random = seededRandom(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
  // Words as language uses them: a few common, most rare (Zipf: the k-th most common in
  // proportion to 1/k), drawn by inverting the cumulative 1/k curve.
  const zipf = (): string => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(random() * Math.log(vocabulary.length + 1)) - 1))] as string;
  // Ten thousand reports a day: a busy case (a region's channels over a conflict's weeks).
  const days = Math.max(30, Math.round(options.reports / 10_000));
  const planted = Math.round((options.reports * 2) / 3 / 60);
  const incidents = Array.from({ length: planted }, (_, i) => ({
    start: START + random() * days * 24 * HOUR,
    lat: 1 + random() * 10,
    lon: -75 + random() * 10,
    words: Array.from({ length: 12 }, () => pick(vocabulary)),
    place: `place:${100_000 + i}`,
  }));
  const reports: ClusterReport[] = [];
  for (let n = 0; n < options.reports; n++) {
    const id = `r${n.toString(36).padStart(6, '0')}`;
    if (random() < 1 / 3) {
      const from = Math.round(START + random() * days * 24 * HOUR);
      reports.push({ id, from, to: from, place: null, eventType: null, terms: [...new Set(Array.from({ length: 8 }, zipf))], family: null, role: 'unknown', language: 'es' });
      continue;
    }
    const incident = pick(incidents);
    const from = Math.round(incident.start + random() * random() * 12 * HOUR);
    const placed = random() < 0.3;
    const terms = new Set<string>([incident.place]);
    for (let k = 0; k < 6; k++) terms.add(random() < 0.75 ? pick(incident.words) : zipf());
    reports.push({
      id,
      from,
      to: from,
      place: placed ? { lat: incident.lat + (random() - 0.5) * 0.05, lon: incident.lon + (random() - 0.5) * 0.05, radiusKm: 5 } : null,
      eventType: random() < 0.5 ? 'explosion-unspecified' : null,
      terms: [...terms],
      family: null,
      role: 'eyewitness',
      language: 'es',
    });
  }
  reports.sort((a, b) => a.from - b.from);
  // Hold back a batch from the middle, to arrive late.
  const middle = Math.floor(reports.length / 2);
  const late = reports.splice(middle, 1_000);

  const clusterer = new IncidentClusterer();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let at = 0; at < reports.length; at += 1_000) clusterer.add(reports.slice(at, at + 1_000));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const lateStarted = performance.now();
  const { retaken } = clusterer.add(late);
  const lateSeconds = (performance.now() - lateStarted) / 1000;
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  const reportsPerSecond = Math.round(reports.length / seconds);
  return {
    reports: options.reports,
    synthetic: true,
    incidentsPlanted: planted,
    incidentsFound: clusterer.summaries().filter((incident) => incident.reports >= 5).length,
    seconds: round(seconds, 2),
    reportsPerSecond,
    cpuSecondsPerMillion: round(((used.user + used.system) / 1e6 / reports.length) * 1_000_000, 1),
    lateBatch: { reports: late.length, retaken, seconds: round(lateSeconds, 2) },
    heapMb,
    target: INCIDENT_TARGET_PER_SECOND,
    meetsTarget: reportsPerSecond >= INCIDENT_TARGET_PER_SECOND,
  };
}

export function incidentRows(f: IncidentBenchFigures): [string, string, string][] {
  return [
    [
      'incident clustering (src/correlate)',
      `${f.reportsPerSecond.toLocaleString('en-US')} reports/s on one core, ${f.reports.toLocaleString('en-US')} SYNTHETIC reports in batches of 1,000`,
      `target ≥ ${f.target.toLocaleString('en-US')}/s: ${f.meetsTarget ? 'meets target' : 'BELOW TARGET'}`,
    ],
    ['  incidents', `${f.incidentsPlanted.toLocaleString('en-US')} planted, ${f.incidentsFound.toLocaleString('en-US')} found with ≥ 5 reports`, `heap ${f.heapMb} MB`],
    ['  late batch (roll-back)', `${f.lateBatch.reports.toLocaleString('en-US')} reports from the middle: ${f.lateBatch.retaken.toLocaleString('en-US')} retaken`, `${f.lateBatch.seconds} s`],
  ];
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
