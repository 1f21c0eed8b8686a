import { distanceKm, type ClusterReport, type Incident } from '../model/index.js';

/**
 * Incident clustering: reports that agree on place, time and content become one incident.
 *
 * Reports are taken in a canonical order — by the start of the time they put the event at, then
 * by id — and each joins the best-agreeing incident still active, or starts one. Taking them in
 * that order whatever order they arrive in makes the result a function of the set of reports:
 * the same reports give the same incidents, with the same ids (an incident's id is its first
 * report's). A batch later than everything seen is simply added on; a report that arrives late
 * (earlier than reports already taken) rolls back the reports after it and takes them again,
 * so only that tail is recomputed. Every piece of state is a sum over reports, so rolling back
 * is exact. Families from the dedup stage move together: a copy joins its original's incident.
 */

export interface ClusteringParameters {
  /** A report joins an incident only within this many hours of the incident's latest report. */
  maxGapHours: number;
  /** Share of a report's term weight (IDF) that an incident must hold for it to join, 0–1. */
  minContainment: number;
  /** And at least this much shared term weight (sum of IDF), so that one common word is not enough. */
  minSharedWeight: number;
  /** Placed reports farther apart than their radii plus this margin never join (km). */
  placeMarginKm: number;
  /** Added to the score when the places agree, scaled by how close they are. */
  placeBonus: number;
  /** Taken off the score when both say an event type and the types differ. */
  eventTypeMismatch: number;
  /**
   * A term counts fully as the incident's when at least this share of its reports has it, and in
   * proportion below that: a word one report in a thousand used says little of what the incident is.
   */
  termShare: number;
  /** Terms that more than this share of all reports carry (and at least `commonTermMinReports`) find no candidates. */
  commonTermShare: number;
  commonTermMinReports: number;
  /** Candidates found through one term, at most: the most recent incidents that took it. */
  maxCandidatesPerTerm: number;
  /** Entries of one term read, at most, to find them. */
  maxEntriesPerTerm: number;
}

/**
 * Defaults chosen on CrisisLexT26 mixed into one stream (bench/eval/incidents.ts), favouring
 * precision: two incidents wrongly merged mislead an analyst more than one split in two. The
 * gap is a strike's, not a flood's: reports of one attack come within hours; the eval, whose
 * disasters unfold over weeks, runs with 72 h.
 */
export const DEFAULT_CLUSTERING: ClusteringParameters = {
  maxGapHours: 24,
  minContainment: 0.1,
  minSharedWeight: 2.5,
  placeMarginKm: 10,
  placeBonus: 0.2,
  eventTypeMismatch: 0.15,
  termShare: 0.01,
  commonTermShare: 0.02,
  commonTermMinReports: 200,
  maxCandidatesPerTerm: 32,
  maxEntriesPerTerm: 256,
};

interface Member {
  report: ClusterReport;
}

interface TermEntry {
  incident: IncidentState;
  /** Reports of this run that carried the term. */
  reports: number;
  /** When the latest of them starts (ms). */
  from: number;
}

interface IncidentState {
  id: string;
  members: Member[];
  terms: Map<string, number>;
  lastTo: number;
  latSum: number;
  lonSum: number;
  weightSum: number;
  radiusSum: number;
  placed: number;
  families: Map<string, number>;
  eventTypes: Map<string, number>;
}


export class IncidentClusterer {
  private readonly parameters: ClusteringParameters;
  /** Every report taken, in canonical order. */
  private readonly taken: Member[] = [];
  private readonly incidentOf = new Map<string, IncidentState>();
  private readonly incidents = new Map<string, IncidentState>();
  /**
   * term → the incidents that took it, in the order taken: one entry per run of reports of one
   * incident. Appended by \`take\` and popped by \`untake\`, so a roll-back restores it exactly,
   * and read from the end, so the most recent incidents are found first.
   */
  private readonly byTerm = new Map<string, TermEntry[]>();
  /** family → incident of its first report taken. */
  private readonly familyIncident = new Map<string, { incident: IncidentState; reports: number }>();
  /** Document frequency of each term, over the reports taken. */
  private readonly documentFrequency = new Map<string, number>();

  constructor(parameters: Partial<ClusteringParameters> = {}) {
    this.parameters = { ...DEFAULT_CLUSTERING, ...parameters };
  }

  get size(): number {
    return this.taken.length;
  }

  /**
   * Take a batch of reports. Reports already taken (same id) are left as they are. Returns how
   * many reports were (re)considered: the batch, plus the tail rolled back for late arrivals.
   */
  add(batch: readonly ClusterReport[]): { taken: number; retaken: number } {
    const fresh = batch.filter((report) => !this.incidentOf.has(report.id));
    const unique = [...new Map(fresh.map((report) => [report.id, report])).values()];
    if (unique.length === 0) return { taken: 0, retaken: 0 };
    const members = unique.map((report) => ({ report })).sort(compareKeys);
    const first = members[0] as Member;
    // Late arrivals: undo everything taken after the earliest of them, newest first.
    let cut = this.taken.length;
    while (cut > 0 && compareKeys(this.taken[cut - 1] as Member, first) > 0) cut--;
    const tail = this.taken.splice(cut);
    for (let i = tail.length - 1; i >= 0; i--) this.untake(tail[i] as Member);
    const again = mergeSorted(tail, members);
    for (const member of again) this.take(member);
    return { taken: members.length, retaken: tail.length };
  }

  /** The incident a report is in (its id), or null when the report was never taken. */
  incidentIdOf(reportId: string): string | null {
    return this.incidentOf.get(reportId)?.id ?? null;
  }

  /** Every incident, in the order of their first reports. */
  summaries(): Incident[] {
    return [...this.incidents.values()].sort((a, b) => compareKeys(a.members[0] as Member, b.members[0] as Member)).map((incident) => summarise(incident));
  }

  private take(member: Member): void {
    const { report } = member;
    const chosen = this.choose(report) ?? this.open(report);
    chosen.members.push(member);
    this.taken.push(member);
    this.incidentOf.set(report.id, chosen);
    chosen.lastTo = Math.max(chosen.lastTo, report.to);
    for (const term of report.terms) {
      chosen.terms.set(term, (chosen.terms.get(term) ?? 0) + 1);
      let entries = this.byTerm.get(term);
      if (entries === undefined) this.byTerm.set(term, (entries = []));
      const last = entries[entries.length - 1];
      if (last?.incident === chosen) {
        last.reports++;
        last.from = report.from;
      } else entries.push({ incident: chosen, reports: 1, from: report.from });
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    if (report.place !== null) {
      const weight = placeWeight(report.place.radiusKm);
      chosen.latSum += report.place.lat * weight;
      chosen.lonSum += report.place.lon * weight;
      chosen.weightSum += weight;
      chosen.radiusSum += report.place.radiusKm * weight;
      chosen.placed++;
    }
    const family = report.family ?? report.id;
    chosen.families.set(family, (chosen.families.get(family) ?? 0) + 1);
    if (report.eventType !== null) chosen.eventTypes.set(report.eventType, (chosen.eventTypes.get(report.eventType) ?? 0) + 1);
    if (report.family !== null) {
      const known = this.familyIncident.get(report.family);
      if (known === undefined) this.familyIncident.set(report.family, { incident: chosen, reports: 1 });
      else known.reports++;
    }
  }

  /** The exact inverse of `take` for the last report taken into its incident. */
  private untake(member: Member): void {
    const { report } = member;
    const incident = this.incidentOf.get(report.id) as IncidentState;
    incident.members.pop();
    this.incidentOf.delete(report.id);
    for (const term of report.terms) {
      const left = (incident.terms.get(term) ?? 1) - 1;
      if (left === 0) incident.terms.delete(term);
      else incident.terms.set(term, left);
      // The term's last entry is this report's: later ones were rolled back first.
      const entries = this.byTerm.get(term) as TermEntry[];
      const last = entries[entries.length - 1] as TermEntry;
      if (--last.reports === 0) entries.pop();
      else last.from = this.lastFromOf(incident, term);
      if (entries.length === 0) this.byTerm.delete(term);
      const df = (this.documentFrequency.get(term) ?? 1) - 1;
      if (df === 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, df);
    }
    if (report.place !== null) {
      const weight = placeWeight(report.place.radiusKm);
      incident.latSum -= report.place.lat * weight;
      incident.lonSum -= report.place.lon * weight;
      incident.weightSum -= weight;
      incident.radiusSum -= report.place.radiusKm * weight;
      incident.placed--;
    }
    if (report.eventType !== null) {
      const left = (incident.eventTypes.get(report.eventType) ?? 1) - 1;
      if (left === 0) incident.eventTypes.delete(report.eventType);
      else incident.eventTypes.set(report.eventType, left);
    }
    const family = report.family ?? report.id;
    const inFamily = (incident.families.get(family) ?? 1) - 1;
    if (inFamily === 0) incident.families.delete(family);
    else incident.families.set(family, inFamily);
    if (report.family !== null) {
      const known = this.familyIncident.get(report.family);
      if (known !== undefined && --known.reports === 0) this.familyIncident.delete(report.family);
    }
    if (incident.members.length === 0) {
      this.incidents.delete(incident.id);
      return;
    }
    incident.lastTo = Math.max(...incident.members.map((m) => m.report.to));
  }

  /** When the latest report of an incident that carries `term` starts (ms). */
  private lastFromOf(incident: IncidentState, term: string): number {
    for (let i = incident.members.length - 1; i >= 0; i--) {
      const { report } = incident.members[i] as Member;
      if (report.terms.includes(term)) return report.from;
    }
    return -Infinity;
  }

  private open(report: ClusterReport): IncidentState {
    const incident: IncidentState = {
      id: report.id,
      members: [],
      terms: new Map(),
      lastTo: report.to,
      latSum: 0,
      lonSum: 0,
      weightSum: 0,
      radiusSum: 0,
      placed: 0,
      families: new Map(),
      eventTypes: new Map(),
    };
    this.incidents.set(incident.id, incident);
    return incident;
  }

  /** The best incident for a report to join, or null to start its own. */
  private choose(report: ClusterReport): IncidentState | null {
    const p = this.parameters;
    const earliest = report.from - p.maxGapHours * 3_600_000;
    if (report.family !== null) {
      const family = this.familyIncident.get(report.family);
      if (family !== undefined && family.incident.lastTo >= earliest) return family.incident;
    }
    const taken = this.taken.length;
    const idf = (term: string): number => Math.log((taken + 1) / ((this.documentFrequency.get(term) ?? 0) + 1)) + 1;
    const weights = report.terms.map(idf);
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (total === 0) return null;
    // Prefix filtering (as in set-similarity joins): an incident can reach the shared weight a
    // join needs only through one of the report's weightiest terms — those before the rest
    // weighs less than that — so only their holders are candidates. Common words look nothing up.
    const required = Math.max(p.minSharedWeight, p.minContainment * total);
    const byWeight = weights.map((weight, i) => ({ weight, term: report.terms[i] as string })).sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
    let rest = total;
    // And a word carried by more than a small share of the reports so far (at least two hundred)
    // finds no candidates by itself: it still weighs in the score of those found otherwise.
    const commonDf = Math.max(p.commonTermMinReports, p.commonTermShare * taken);
    const seen = new Set<IncidentState>();
    let best: IncidentState | null = null;
    let bestScore = -Infinity;
    for (const { term, weight } of byWeight) {
      if (rest < required) break;
      rest -= weight;
      if ((this.documentFrequency.get(term) ?? 0) > commonDf) continue;
      const entries = this.byTerm.get(term);
      if (entries === undefined) continue;
      // The most recent incidents that took the term, within reach; at most a bounded number,
      // so that a busy word costs the same at a million reports as at a thousand.
      let found = 0;
      for (let i = entries.length - 1, scanned = 0; i >= 0 && scanned < p.maxEntriesPerTerm && found < p.maxCandidatesPerTerm; i--, scanned++) {
        const entry = entries[i] as TermEntry;
        if (entry.from < earliest) break;
        const incident = entry.incident;
        if (seen.has(incident)) continue;
        seen.add(incident);
        found++;
        if (incident.lastTo < earliest) continue;
        const score = this.score(report, weights, total, incident);
        if (score === null) continue;
        if (score > bestScore || (score === bestScore && best !== null && incident.id < best.id)) {
          best = incident;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** How well a report agrees with an incident; null when it must not join. */
  private score(report: ClusterReport, weights: readonly number[], total: number, incident: IncidentState): number | null {
    const p = this.parameters;
    const full = Math.max(1, p.termShare * incident.members.length);
    let shared = 0;
    for (let i = 0; i < report.terms.length; i++) {
      const count = incident.terms.get(report.terms[i] as string) ?? 0;
      if (count > 0) shared += (weights[i] as number) * Math.min(1, count / full);
    }
    if (shared < p.minSharedWeight) return null;
    const containment = shared / total;
    if (containment < p.minContainment) return null;
    let score = containment;
    if (report.place !== null && incident.placed > 0) {
      const lat = incident.latSum / incident.weightSum;
      const lon = incident.lonSum / incident.weightSum;
      const allowed = report.place.radiusKm + incident.radiusSum / incident.weightSum + p.placeMarginKm;
      const distance = distanceKm(report.place.lat, report.place.lon, lat, lon);
      if (distance > allowed) return null;
      score += p.placeBonus * (1 - distance / allowed);
    }
    if (report.eventType !== null && incident.eventTypes.size > 0 && !incident.eventTypes.has(report.eventType)) score -= p.eventTypeMismatch;
    return score;
  }
}

/** Precise places count for more in the centroid: weight 1/r² (r at least 1 km). */
function placeWeight(radiusKm: number): number {
  return 1 / Math.max(1, radiusKm) ** 2;
}

/** Canonical order: event start, then id (code-unit order, the same in every locale). */
function compareKeys(a: Member, b: Member): number {
  if (a.report.from !== b.report.from) return a.report.from - b.report.from;
  return a.report.id < b.report.id ? -1 : a.report.id > b.report.id ? 1 : 0;
}

function mergeSorted(a: readonly Member[], b: readonly Member[]): Member[] {
  const out: Member[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && compareKeys(a[i] as Member, b[j] as Member) <= 0)) out.push(a[i++] as Member);
    else out.push(b[j++] as Member);
  }
  return out;
}

function summarise(incident: IncidentState): Incident {
  const members = incident.members;
  const first = members[0] as Member;
  const last = members[members.length - 1] as Member;
  let from = Infinity;
  let to = -Infinity;
  const eventTypes = new Map<string, number>();
  const byRole: Record<string, number> = {};
  const byLanguage: Record<string, number> = {};
  for (const { report } of members) {
    from = Math.min(from, report.from);
    to = Math.max(to, report.to);
    if (report.eventType !== null) eventTypes.set(report.eventType, (eventTypes.get(report.eventType) ?? 0) + 1);
    byRole[report.role] = (byRole[report.role] ?? 0) + 1;
    byLanguage[report.language] = (byLanguage[report.language] ?? 0) + 1;
  }
  let centroid: Incident['centroid'] = null;
  let uncertaintyKm: number | null = null;
  if (incident.placed > 0) {
    centroid = { lat: round(incident.latSum / incident.weightSum, 5), lon: round(incident.lonSum / incident.weightSum, 5) };
    // The placed reports' own radius plus their spread (weighted RMS distance from the centroid).
    let spread = 0;
    for (const { report } of members) {
      if (report.place === null) continue;
      spread += placeWeight(report.place.radiusKm) * distanceKm(report.place.lat, report.place.lon, centroid.lat, centroid.lon) ** 2;
    }
    uncertaintyKm = round(incident.radiusSum / incident.weightSum + Math.sqrt(spread / incident.weightSum), 2);
  }
  const topTerms = [...incident.terms.entries()]
    .filter(([, n]) => n >= 2 || members.length === 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 8)
    .map(([term]) => term);
  return {
    id: incident.id,
    reports: members.length,
    families: incident.families.size,
    centroid,
    uncertaintyKm,
    placedReports: incident.placed,
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    eventTypes: [...eventTypes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([type, reports]) => ({ type, reports })),
    byRole,
    byLanguage,
    firstReport: { id: first.report.id, time: new Date(first.report.from).toISOString() },
    lastReport: { id: last.report.id, time: new Date(last.report.from).toISOString() },
    topTerms,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
