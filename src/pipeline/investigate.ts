import type { Clock, ClusterReport, FamilyMembership, MediaFacts, RawItem, RecycledMedia, Report } from '../model/index.js';
import { ProvenanceIndex, checkRecycledMedia, clusterReportOf, provenanceEntryFromItem, reportFromItem, type MediaSighting, type ReportAnalysisContext } from '../analyze/index.js';
import { IncidentClusterer } from '../correlate/index.js';
import type { Store } from '../store/index.js';

export interface ReportProgress {
  stage: 'reports' | 'families' | 'incidents';
  done: number;
  total: number;
}

/** What the analysis of a case needs besides its items. */
export interface CaseAnalysis {
  readonly context: ReportAnalysisContext;
  /** When the claimed event began: a picture seen before it is recycled. */
  readonly eventStart: string;
  /** Pictures the investigator knows from before (reference sets), with when they were seen. */
  readonly reference: readonly MediaSighting[];
}

export interface ReportsBuilt {
  reports: number;
  families: number;
  /** Reports with at least one picture seen before the event began. */
  withRecycledMedia: number;
  incidents: number;
}

const REFERENCE_EVENT = 'reference-event';
const PAGE = 2000;

/**
 * Make (or remake) the Report for every raw item of a case (reference events aside), then place
 * every report in its provenance family and flag pictures seen before the event. Reports are
 * keyed by their item, so running this again rewrites the same rows. Memory holds one page of
 * items and, per item, the provenance index's fixed-size signature — never the case's texts.
 */
export async function buildReports(store: Store, caseId: string, clock: Clock, analysis: CaseAnalysis, onProgress?: (progress: ReportProgress) => void): Promise<ReportsBuilt> {
  const total = await store.countRawItems(caseId);
  const provenance = new ProvenanceIndex();
  const sightings: MediaSighting[] = [];
  let done = 0;
  let made = 0;
  let page: (RawItem & { sourceId: string })[] = [];

  const flush = async (): Promise<void> => {
    const items = page;
    page = [];
    const facts = await store.getMediaFactsMany(
      caseId,
      items.flatMap((item) => item.media.flatMap((m) => (m.sha256 === null ? [] : [m.sha256]))),
    );
    const reports: Report[] = [];
    for (const item of items) {
      const described = item.media.flatMap((m) => {
        const found = m.sha256 === null ? undefined : facts.get(m.sha256);
        return found === undefined ? [] : [found];
      });
      const hashes = described.flatMap(pictureHashes);
      provenance.add(provenanceEntryFromItem(item, hashes));
      if (item.time !== null) for (const hash of hashes) sightings.push({ hash, item: item.id, seen: item.time, source: item.sourceId });
      const gps = described.find((f) => f.exif?.gps != null)?.exif?.gps ?? null;
      reports.push(reportFromItem(item, analysis.context, { exif: gps === null ? null : { lat: gps.lat, lon: gps.lon } }));
    }
    await store.transaction((tx) => tx.upsertReports(reports, clock().toISOString()));
    made += reports.length;
    onProgress?.({ stage: 'reports', done, total });
  };

  for await (const item of store.iterateRawItems(caseId, PAGE)) {
    done++;
    // Conflict-event data sets summarise reports; they are a reference layer of their own and
    // never a report beside the primary ones (they would count the same news twice).
    if (item.kind === REFERENCE_EVENT) continue;
    page.push(item);
    if (page.length >= PAGE) await flush();
  }
  await flush();

  const families = provenance.families();
  const eventStart = Date.parse(analysis.eventStart);
  const postedAt = new Map(sightings.map((s) => [s.item, Date.parse(s.seen)]));
  const recycled = new Map<string, RecycledMedia[]>();
  for (const check of checkRecycledMedia({ eventStart: analysis.eventStart, sightings, reference: analysis.reference })) {
    // A picture is recycled when it was seen before the event began, in another report or in
    // the reference set.
    // A report made before the event is not about it, whatever its pictures show.
    if (!check.predatesEvent || (postedAt.get(check.item) ?? Infinity) < eventStart) continue;
    const list = recycled.get(check.item) ?? [];
    list.push({ hash: check.hash, earliest: { ...check.earliest }, distance: check.distance });
    recycled.set(check.item, list);
  }
  const rows: { id: string; family: FamilyMembership; recycledMedia: RecycledMedia[] }[] = [];
  let placed = 0;
  for (const [id, family] of families) {
    rows.push({ id, family, recycledMedia: recycled.get(id) ?? [] });
    if (rows.length >= PAGE) {
      placed += rows.length;
      await store.transaction((tx) => tx.setReportProvenance(caseId, rows.splice(0)));
      onProgress?.({ stage: 'families', done: placed, total: families.size });
    }
  }
  placed += rows.length;
  await store.transaction((tx) => tx.setReportProvenance(caseId, rows));
  onProgress?.({ stage: 'families', done: placed, total: families.size });
  const incidents = await buildIncidents(store, caseId, clock, onProgress);
  return { reports: made, families: new Set([...families.values()].map((f) => f.family)).size, withRecycledMedia: recycled.size, incidents };
}

/**
 * Cluster a case's reports into incidents (src/correlate) — with their families, so that copies
 * move with their originals — and store each report's incident and each incident's summary.
 * Reports that are not about a violent incident at all (not related, not an event) stay out.
 */
export async function buildIncidents(store: Store, caseId: string, clock: Clock, onProgress?: (progress: ReportProgress) => void): Promise<number> {
  const clusterer = new IncidentClusterer();
  const candidates: ClusterReport[] = [];
  const left: string[] = [];
  for await (const report of store.iterateReports(caseId)) {
    const clustered = report.classification.related ? clusterReportOf(report) : null;
    if (clustered === null) left.push(report.id);
    else candidates.push(clustered);
  }
  clusterer.add(candidates);
  const incidents = clusterer.summaries();
  const assignments = [...candidates.map((c) => ({ id: c.id, incident: clusterer.incidentIdOf(c.id) })), ...left.map((id) => ({ id, incident: null }))];
  const at = clock().toISOString();
  await store.transaction(async (tx) => {
    await tx.replaceIncidents(caseId, incidents, at);
    for (let start = 0; start < assignments.length; start += PAGE) {
      await tx.setReportIncidents(caseId, assignments.slice(start, start + PAGE));
      onProgress?.({ stage: 'incidents', done: Math.min(assignments.length, start + PAGE), total: assignments.length });
    }
  });
  return incidents.length;
}

/** A described file's perceptual hashes: the picture's, or each video keyframe's. */
function pictureHashes(facts: MediaFacts): string[] {
  return [...(facts.perceptualHash === null ? [] : [facts.perceptualHash]), ...facts.keyframes.map((k) => k.perceptualHash)];
}
