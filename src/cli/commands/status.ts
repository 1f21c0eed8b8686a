import type { Command } from 'commander';
import { formatDiagnostic, type Incident } from '../../model/index.js';
import type { Config } from '../config.js';
import { plural, printJson, table } from '../output.js';
import { formatBytes } from '../progress.js';
import { loadCase, openWorkspace, type LoadedCase, type Workspace } from '../workspace.js';
import type { CommonOptions } from './ingest.js';

export interface CaseStatus {
  case: { id: string; title: string; synthetic: boolean; file: string };
  database: string;
  sources: {
    id: string;
    kind: string;
    location: string | null;
    items: number;
    lastRun: { status: string; format: string | null; startedAt: string; itemsSeen: number; itemsAdded: number; error: string | null } | null;
  }[];
  items: number;
  reports: number;
  languages: Record<string, number>;
  /** What the analysis found, over the case's reports. */
  analysis: {
    eventTypes: Record<string, number>;
    sourceRoles: Record<string, number>;
    urgency: Record<string, number>;
    /** Reports placed, by precision (exact … country); `none` when neither coordinates nor a resolved name. */
    places: Record<string, number>;
    families: { families: number; withCopies: number; reportsInCopies: number; largest: number };
    /** Reports with a picture seen before the claimed event began. */
    recycledMedia: number;
    /** Reports that only relay someone's statement, by whom ("el ministro", "officials"). */
    attributedTo: Record<string, number>;
    /** Incidents the reports cluster into (src/correlate), the largest first. */
    incidents: { total: number; withSeveralReports: number; largest: Incident[] };
  };
  diagnostics: { total: number; bySeverity: Record<string, number>; byRule: { rule: string; severity: string; count: number }[] };
  vault: { objects: number; bytes: number; custodyEntries: number };
  media: { total: number; withTime: number; withPlace: number; hashed: number; byKind: Record<string, number> };
}

export async function statusOf(workspace: Workspace, loaded: LoadedCase): Promise<CaseStatus> {
  const { store } = workspace;
  const caseId = loaded.caseFile.id;
  const [sources, runs, itemsBySource, items, reports, languages, rules, custody, media, eventTypes, sourceRoles, urgency, places, families, recycledMedia, attributed] = await Promise.all([
    store.listSources(caseId),
    store.listRuns(caseId),
    store.countRawItemsBy(caseId, 'source_id'),
    store.countRawItems(caseId),
    store.countReports(caseId),
    store.countReportsBy(caseId, 'language'),
    store.countDiagnosticsByRule(caseId),
    store.listCustody(caseId),
    store.countMedia(caseId),
    store.countReportsBy(caseId, 'event_type'),
    store.countReportsBy(caseId, 'source_role'),
    store.countReportsBy(caseId, 'urgency'),
    store.countReportsBy(caseId, 'place_precision'),
    store.countFamilies(caseId),
    store.countReportsWithRecycledMedia(caseId),
    store.countReportsBy(caseId, 'attributed_to'),
  ]);
  const [incidentCounts, largestIncidents] = await Promise.all([store.countIncidents(caseId), store.listIncidents(caseId, 3)]);
  const byKey = (counts: readonly { key: string | null; count: number }[], none: string): Record<string, number> =>
    Object.fromEntries([...counts].sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key))).map((c) => [c.key ?? none, c.count]));
  const bySeverity: Record<string, number> = {};
  for (const r of rules) bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + r.count;
  const objects = new Map<string, number>();
  for (const entry of custody) if (entry.action === 'captured') objects.set(entry.sha256, entry.bytes);
  return {
    case: { id: caseId, title: loaded.caseFile.title, synthetic: loaded.caseFile.synthetic, file: loaded.path },
    database: store.description,
    sources: sources.map((s) => {
      const last = runs.filter((r) => r.sourceId === s.id).pop();
      return {
        id: s.id,
        kind: s.kind,
        location: s.path ?? s.url,
        items: itemsBySource.find((c) => c.key === s.id)?.count ?? 0,
        lastRun:
          last === undefined
            ? null
            : { status: last.status, format: last.format, startedAt: last.startedAt, itemsSeen: last.itemsSeen, itemsAdded: last.itemsAdded, error: last.error },
      };
    }),
    items,
    reports,
    languages: Object.fromEntries(languages.map((l) => [l.key ?? 'unknown', l.count])),
    analysis: {
      eventTypes: byKey(eventTypes, 'not analysed'),
      sourceRoles: byKey(sourceRoles, 'not analysed'),
      urgency: byKey(urgency, 'not analysed'),
      places: byKey(places, 'none'),
      families,
      recycledMedia,
      attributedTo: byKey(
        attributed.filter((a) => a.key !== null),
        '',
      ),
      incidents: { total: incidentCounts.incidents, withSeveralReports: incidentCounts.withSeveralReports, largest: largestIncidents },
    },
    diagnostics: { total: rules.reduce((a, r) => a + r.count, 0), bySeverity, byRule: rules.map((r) => ({ rule: r.key ?? '', severity: r.severity, count: r.count })) },
    vault: { objects: objects.size, bytes: [...objects.values()].reduce((a, b) => a + b, 0), custodyEntries: custody.length },
    media,
  };
}

export function printStatus(status: CaseStatus, withHeader = true): void {
  const out: string[] = [];
  if (withHeader) {
    out.push(`case ${status.case.id}${status.case.synthetic ? ' (SYNTHETIC demo data)' : ''}: ${status.case.title}`);
    out.push(`database: ${status.database}`);
  }
  out.push(status.sources.length === 0 ? 'sources: none yet (list them under "sources:" in the case file)' : 'sources');
  if (status.sources.length > 0) {
    out.push(
      table(
        status.sources.map((s) => [
          s.id,
          s.kind === 'auto' ? (s.lastRun?.format ?? 'auto') : s.kind,
          plural(s.items, 'item'),
          (s.lastRun === null ? 'never ingested' : s.lastRun.status === 'failed' ? `failed: ${s.lastRun.error ?? ''}` : `${s.lastRun.status} ${s.lastRun.startedAt.slice(0, 16).replace('T', ' ')}`) +
            // Items are stored once per case: one another source brought first is counted there.
            (s.lastRun !== null && s.lastRun.itemsSeen > s.items ? ` · ${s.lastRun.itemsSeen.toLocaleString('en-US')} read, ${(s.lastRun.itemsSeen - s.items).toLocaleString('en-US')} already stored from other sources` : ''),
        ]),
        { alignRight: [2] },
      ),
    );
  }
  const languages = Object.entries(status.languages)
    .sort((a, b) => b[1] - a[1])
    .map(([language, n]) => `${language} ${n.toLocaleString('en-US')}`)
    .join(', ');
  out.push(`items ${status.items.toLocaleString('en-US')} · reports ${status.reports.toLocaleString('en-US')}${languages === '' ? '' : ` (${languages})`}`);
  if (status.reports > 0) out.push(...analysisLines(status));
  const severities = ['error', 'warning', 'info']
    .filter((s) => (status.diagnostics.bySeverity[s] ?? 0) > 0)
    .map((s) => plural(status.diagnostics.bySeverity[s] ?? 0, s))
    .join(', ');
  out.push(`diagnostics ${status.diagnostics.total.toLocaleString('en-US')}${severities === '' ? '' : ` (${severities})`}`);
  if (status.diagnostics.byRule.length > 0) {
    out.push(table(status.diagnostics.byRule.map((r) => [r.rule, r.severity, String(r.count)]), { alignRight: [2] }));
  }
  if (status.media.total > 0) {
    const kinds = Object.entries(status.media.byKind)
      .map(([kind, n]) => `${kind} ${n.toLocaleString('en-US')}`)
      .join(', ');
    out.push(
      `media ${plural(status.media.total, 'file')} described (${kinds}): ${status.media.withTime.toLocaleString('en-US')} with a capture time, ${status.media.withPlace.toLocaleString('en-US')} with a place, ${status.media.hashed.toLocaleString('en-US')} with a perceptual hash`,
    );
  }
  out.push(`vault ${plural(status.vault.objects, 'object')}, ${formatBytes(status.vault.bytes)}; custody log ${plural(status.vault.custodyEntries, 'entry', 'entries')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Event types, roles, urgency, places and families, one line each, largest first. */
function analysisLines(status: CaseStatus): string[] {
  const list = (counts: Record<string, number>): string =>
    Object.entries(counts)
      .map(([key, n]) => `${key} ${n.toLocaleString('en-US')}`)
      .join(', ');
  const { eventTypes, sourceRoles, urgency, places, families, recycledMedia, attributedTo, incidents } = status.analysis;
  const relays = Object.values(attributedTo).reduce((a, b) => a + b, 0);
  const speakers = Object.entries(attributedTo).slice(0, 5);
  const placed = Object.entries(places)
    .filter(([precision]) => precision !== 'none')
    .reduce((a, [, n]) => a + n, 0);
  return [
    `event types: ${list(eventTypes)}`,
    `source roles: ${list(sourceRoles)}`,
    `attribution: ${relays === 0 ? 'no report only relays someone else' : `${plural(relays, 'report relays', 'reports relay')} someone else's statement, never independent confirmation (${speakers.map(([who, n]) => `"${who}" ${n.toLocaleString('en-US')}`).join(', ')}${Object.keys(attributedTo).length > speakers.length ? ', …' : ''})`}`,
    `urgency: ${list(urgency)}`,
    `places: ${placed.toLocaleString('en-US')} of ${status.reports.toLocaleString('en-US')} reports placed${placed > 0 ? ` (${list(Object.fromEntries(Object.entries(places).filter(([p]) => p !== 'none')))})` : ''}`,
    `families: ${plural(families.families, 'provenance family', 'provenance families')}, ${families.withCopies.toLocaleString('en-US')} with copies (${families.reportsInCopies.toLocaleString('en-US')} reports in them; the largest has ${families.largest.toLocaleString('en-US')})`,
    `recycled media: ${recycledMedia === 0 ? 'no report carries a picture seen before the claimed event' : `${plural(recycledMedia, 'report carries', 'reports carry')} a picture seen before the claimed event`}`,
    `incidents: ${plural(incidents.total, 'incident', 'incidents')}, ${incidents.withSeveralReports.toLocaleString('en-US')} with more than one report`,
    ...incidents.largest.filter((incident) => incident.reports > 1).map((incident) => `  ${incidentLine(incident)}`),
  ];
}

/** "34 reports (12 families), 2026-09-18 05:40–09:10 UTC, ±6.2 km of 7.2431, -70.7312: explosion-unspecified 20, …" */
function incidentLine(incident: Incident): string {
  const day = (iso: string): string => iso.slice(0, 10);
  const clock = (iso: string): string => iso.slice(11, 16);
  const window = day(incident.window.from) === day(incident.window.to) ? `${day(incident.window.from)} ${clock(incident.window.from)}–${clock(incident.window.to)} UTC` : `${incident.window.from.slice(0, 16)}Z – ${incident.window.to.slice(0, 16)}Z`;
  const where = incident.centroid === null ? 'not placed' : `±${incident.uncertaintyKm ?? 0} km of ${incident.centroid.lat.toFixed(4)}, ${incident.centroid.lon.toFixed(4)}`;
  const types = incident.eventTypes.slice(0, 3).map((t) => `${t.type} ${t.reports}`).join(', ');
  return `${plural(incident.reports, 'report', 'reports')} (${plural(incident.families, 'family', 'families')}), ${window}, ${where}${types === '' ? '' : `: ${types}`}`;
}

const NATURAL = new Intl.Collator('en', { numeric: true });

/** In file order: by file, then by location read naturally (`#/messages/9` before `#/messages/10`). */
function sortDiagnostics<T extends { file: string; location: string }>(list: T[]): T[] {
  return list.sort((a, b) => NATURAL.compare(a.file, b.file) || NATURAL.compare(a.location, b.location));
}

export function registerStatus(program: Command, config: () => Config): void {
  program
    .command('status')
    .description('show what a case holds: items by source, languages, diagnostics by rule, the vault')
    .argument('<case>', 'case file (or its folder)')
    .option('--diagnostics', 'list every diagnostic, compiler-style (file#location severity message rule)')
    .action(async (casePath: string, options: CommonOptions & { diagnostics?: boolean }) => {
      const loaded = await loadCase(casePath);
      const workspace = await openWorkspace(loaded, config(), options.db);
      try {
        const status = await statusOf(workspace, loaded);
        const diagnostics = options.diagnostics === true ? sortDiagnostics(await workspace.store.listDiagnostics(loaded.caseFile.id)) : null;
        if (options.json === true) {
          printJson(diagnostics === null ? status : { ...status, diagnosticList: diagnostics });
          return;
        }
        printStatus(status);
        if (diagnostics !== null) {
          process.stdout.write(diagnostics.length === 0 ? 'no diagnostics\n' : `${diagnostics.map((d) => formatDiagnostic(d)).join('\n')}\n`);
        }
      } finally {
        await workspace.close();
      }
    });
}
