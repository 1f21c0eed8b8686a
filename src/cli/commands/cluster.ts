import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { clusterReportOf, loadGazetteer, reportFromItem, SHIPPED_GAZETTEER } from '../../analyze/index.js';
import { DEFAULT_CLUSTERING, IncidentClusterer } from '../../correlate/index.js';
import type { ClusterReport, RawItem } from '../../model/index.js';
import { CliError, EXIT } from '../errors.js';
import { describeIssues, openJsonLines, readJsonLines, writeWithBackPressure } from '../json-lines.js';

/** One input line: a report's text, its post time (ISO 8601 with an offset) and, when it has them, coordinates and language. */
export const ClusterInput = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  time: z.string().refine((time) => /(?:Z|[+-]\d\d:?\d\d)$/i.test(time) && DateTime.fromISO(time, { setZone: true }).isValid, 'an ISO 8601 time with an offset (Z or ±hh:mm)'),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  lang: z.string().optional(),
  /** A provenance family (from `corroborate dedup`): its reports move together. */
  family: z.string().optional(),
});
export type ClusterInput = z.infer<typeof ClusterInput>;

interface ClusterOptions {
  timezone: string;
  maxGapHours: string;
  incidents?: string;
}

export function registerCluster(program: Command): void {
  program
    .command('cluster')
    .description('group JSON lines {"id","text","time","lat"?,"lon"?,"lang"?} into incidents by place, time and content; prints {"id","incident"} per line')
    .argument('[file]', 'a JSON Lines file; stdin when absent or -')
    .option('--timezone <zone>', 'IANA timezone in which times written in the texts are read', 'UTC')
    .option('--max-gap-hours <hours>', 'a report joins an incident only within this many hours of its latest report', String(DEFAULT_CLUSTERING.maxGapHours))
    .option('--incidents <file>', 'also write each incident (centroid, window, event types, counts) as JSON Lines to this file')
    .action(async (file: string | undefined, options: ClusterOptions) => {
      if (!DateTime.local().setZone(options.timezone).isValid) throw new CliError(`--timezone: not an IANA timezone: ${options.timezone}`);
      const maxGapHours = Number(options.maxGapHours);
      if (!(maxGapHours > 0)) throw new CliError(`--max-gap-hours: not a positive number: ${options.maxGapHours}`);
      const { input, name } = await openJsonLines(file, '-');
      const gazetteer = loadGazetteer(SHIPPED_GAZETTEER);
      // Every line is read first: the incidents are a function of the whole set (see IncidentClusterer).
      const ids: (string | number | null)[] = [];
      const reports: ClusterReport[] = [];
      let bad = 0;
      for await (const entry of readJsonLines(input)) {
        const problem = (message: string): void => {
          bad++;
          ids.push(null);
          process.stderr.write(`${name}:${entry.line}: ${message}  cluster/bad-line\n`);
        };
        if ('notJson' in entry) {
          problem(`not JSON: ${entry.notJson}`);
          continue;
        }
        const parsed = ClusterInput.safeParse(entry.value);
        if (!parsed.success) {
          problem(describeIssues(parsed.error.issues));
          continue;
        }
        if ((parsed.data.lat === undefined) !== (parsed.data.lon === undefined)) {
          problem('lat and lon come together, or not at all');
          continue;
        }
        const line = parsed.data;
        // Ids are compared as text: 17 and "17" are one report, said twice.
        const report = reportFromItem(itemOf(line), { caseId: 'cluster', timeZone: options.timezone, place: {}, gazetteer, sourceRoles: new Map() });
        const clustered = clusterReportOf({ ...report, family: line.family === undefined ? null : { family: line.family, root: line.family, parent: null, link: 'near' } });
        if (clustered === null) {
          problem('time: not a time');
          continue;
        }
        ids.push(line.id);
        reports.push(clustered);
      }
      const clusterer = new IncidentClusterer({ maxGapHours });
      clusterer.add(reports);
      for (const id of ids) {
        if (id === null) continue;
        await writeWithBackPressure(process.stdout, `${JSON.stringify({ id, incident: clusterer.incidentIdOf(String(id)) })}\n`);
      }
      if (options.incidents !== undefined) {
        await writeFile(options.incidents, clusterer.summaries().map((incident) => `${JSON.stringify(incident)}\n`).join(''));
      }
      if (bad > 0) {
        process.stderr.write(`corroborate cluster: ${bad} ${bad === 1 ? 'line was' : 'lines were'} not clustered (see above)\n`);
        process.exitCode = EXIT.findings;
      }
    });
}

/** A JSON line as the item a report is read from (a geotagged post when it has coordinates). */
function itemOf(line: ClusterInput): RawItem & { sourceId: string } {
  const time = DateTime.fromISO(line.time, { setZone: true }).toUTC().toISO({ suppressMilliseconds: true }) ?? line.time;
  return {
    id: String(line.id),
    sourceId: 'cluster',
    format: 'table',
    externalId: String(line.id),
    kind: 'post',
    channel: { id: 'cluster', name: null, type: null },
    author: null,
    time,
    editedTime: null,
    title: null,
    text: line.text,
    url: null,
    declaredLanguage: line.lang ?? null,
    forwardedFrom: null,
    replyTo: null,
    media: [],
    geo: line.lat === undefined || line.lon === undefined ? null : { lat: line.lat, lon: line.lon },
    extra: {},
    origin: { file: 'cluster', sha256: null, location: String(line.id), offset: null, length: null },
  };
}
