import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { IngestFormat, formatDiagnostic, type CaseSource } from '../../model/index.js';
import { ADAPTERS, describeMedia } from '../../ingest/index.js';
import { buildReports, ingestSource, type IngestSummary, type SourceToIngest } from '../../pipeline/index.js';
import type { Config } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { plural, printJson } from '../output.js';
import { createProgress, formatBytes, type ProgressReporter } from '../progress.js';
import { TOOL_VERSION, loadCase, openWorkspace, type LoadedCase, type Workspace } from '../workspace.js';
import { analysisRecord, ingestRecord, openAuditLog } from '../audit-trail.js';
import { prepareCaseAnalysis } from '../case-analysis.js';
import { parseColumnMap } from './parse.js';
import { statusOf, printStatus } from './status.js';

const NO_SOURCES = 'the case lists no sources; add some under "sources:" or name files after the case';

export interface CommonOptions {
  db?: string;
  json?: boolean;
  quiet?: boolean;
}

interface IngestOptions extends CommonOptions {
  format?: string;
  strict?: boolean;
  map?: string;
}

/** Turn command-line source arguments into sources: a case source id, or a path to add. */
function resolveSources(loaded: LoadedCase, args: readonly string[], format: IngestFormat | null, columnMap: Record<string, string> | null = null): SourceToIngest[] {
  const mapped = columnMap === null ? {} : { columnMap };
  const fromCase = (s: CaseSource): SourceToIngest => ({
    id: s.id,
    kind: format ?? s.kind ?? null,
    path: s.path ?? null,
    url: s.url ?? null,
    label: s.label ?? null,
    ...(s.map === undefined ? {} : { columnMap: s.map }),
    ...mapped,
  });
  if (args.length === 0) return loaded.caseFile.sources.map(fromCase);
  return args.map((arg) => {
    const known = loaded.caseFile.sources.find((s) => s.id === arg);
    if (known !== undefined) return fromCase(known);
    if (/^https?:\/\//i.test(arg)) return { id: `url-${slug(arg)}`, kind: format, path: null, url: arg, label: null, ...mapped };
    return { id: `file-${slug(basename(arg))}`, kind: format, path: resolve(arg), url: null, label: null, ...mapped };
  });
}

function slug(text: string): string {
  return text.toLowerCase().replace(/^https?:\/\//, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'source';
}

/** Ingest each source in turn; `afterSource` runs as each one ends (the audit entry of its run). */
export async function runIngest(
  workspace: Workspace,
  loaded: LoadedCase,
  sources: readonly SourceToIngest[],
  progress: ProgressReporter,
  echo: boolean,
  afterSource: (summary: IngestSummary) => Promise<unknown> = () => Promise.resolve(),
): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  for (const source of sources) {
    const summary = await ingestSource(
      {
        store: workspace.store,
        vault: workspace.vault,
        vaultName: loaded.caseFile.id,
        clock: workspace.clock,
        pseudonymizer: workspace.pseudonymizer,
        toolVersion: TOOL_VERSION,
        adapters: ADAPTERS,
        fetcher: workspace.fetcher,
        describeMedia: (input) => describeMedia(input, { ffmpeg: workspace.ffmpeg, timezone: loaded.caseFile.claim.timezone }),
        newRunId: randomUUID,
        onProgress: (p) => {
          if (p.phase === 'done') return;
          progress.update(`${p.phase} ${source.id}`, p.bytes, p.totalBytes, 'bytes');
        },
      },
      { caseId: loaded.caseFile.id, timezone: loaded.caseFile.claim.timezone, caseDir: loaded.dir },
      source,
    );
    progress.done();
    await afterSource(summary);
    if (echo) process.stdout.write(`${describeSummary(summary)}\n`);
    summaries.push(summary);
  }
  progress.done();
  return summaries;
}

export function describeSummary(s: IngestSummary): string {
  if (s.status === 'failed') return `✗ ${s.sourceId}: ${s.error ?? 'failed'}  ${s.firstProblems[0]?.ruleId ?? ''}`.trimEnd();
  const diag = [s.bySeverity.error > 0 ? plural(s.bySeverity.error, 'error') : '', s.bySeverity.warning > 0 ? plural(s.bySeverity.warning, 'warning') : '']
    .filter((x) => x !== '')
    .join(', ');
  const scored = s.detection.filter((d) => d.score > 0);
  const chosen = s.detection.length > 0 ? ` (${s.format ?? '?'}; detected ${scored.length === 0 ? 'nothing' : scored.map((d) => `${d.format} ${d.score}`).join(', ')})` : '';
  if (s.status === 'not-modified') return `✓ ${s.sourceId}: ${s.file} — not modified since the last complete ingest; nothing to add`;
  const problems = s.firstProblems.map((d) => `    ${formatDiagnostic(d)}`);
  const shown = s.bySeverity.error + s.bySeverity.warning;
  if (shown > problems.length) problems.push(`    … and ${(shown - problems.length).toLocaleString('en-US')} more: corroborate status --diagnostics`);
  return [
    `✓ ${s.sourceId}: ${s.file}${chosen} — ${formatBytes(s.inputBytes ?? 0)}, ${plural(s.itemsSeen, 'item')} (${s.itemsAdded.toLocaleString('en-US')} new)${diag === '' ? '' : `, ${diag}`}`,
    ...problems,
  ].join('\n');
}

export function exitCodeFor(summaries: readonly IngestSummary[], strict: boolean): number {
  if (summaries.some((s) => s.status === 'failed')) return EXIT.input;
  if (strict && summaries.some((s) => s.bySeverity.error > 0)) return EXIT.findings;
  return EXIT.ok;
}

function parseFormat(value: string | undefined): IngestFormat | null {
  if (value === undefined) return null;
  const parsed = IngestFormat.safeParse(value);
  if (!parsed.success) throw new CliError(`--format must be one of ${IngestFormat.options.join(', ')}`);
  return parsed.data;
}

export function registerIngest(program: Command, config: () => Config): void {
  program
    .command('ingest')
    .description('copy sources into the evidence vault and store their items (all case sources, or the ones named)')
    .argument('<case>', 'case file (or its folder)')
    .argument('[sources...]', 'source ids from the case file, or extra files to add')
    .option('--format <format>', `read the sources as this format (${IngestFormat.options.join(', ')}) instead of detecting it`)
    .option('--strict', 'exit 1 when any record had an error')
    .option('--map <columns>', 'for tables: which column holds which field, e.g. text=body,time=created_at,author=user')
    .action(async (casePath: string, sourceArgs: string[], options: IngestOptions) => {
      const loaded = await loadCase(casePath);
      const sources = resolveSources(loaded, sourceArgs, parseFormat(options.format), options.map === undefined ? null : parseColumnMap(options.map));
      if (sources.length === 0) throw new CliError(NO_SOURCES);
      const settings = config();
      const workspace = await openWorkspace(loaded, settings, options.db);
      try {
        const audit = await openAuditLog(loaded, settings);
        const progress = createProgress(process.stderr, { quiet: options.quiet === true || options.json === true, now: () => performance.now() });
        const summaries = await runIngest(workspace, loaded, sources, progress, options.json !== true, (s) => audit.append(ingestRecord(settings.actor, loaded.caseFile.id, s)));
        if (options.json === true) printJson({ case: loaded.caseFile.id, sources: summaries });
        process.exitCode = exitCodeFor(summaries, options.strict === true);
      } finally {
        await workspace.close();
      }
    });

  program
    .command('investigate')
    .description('run every stage on a case: ingest all its sources, build reports, print the summary')
    .argument('<case>', 'case file (or its folder)')
    .option('--strict', 'exit 1 when any record had an error')
    .action(async (casePath: string, options: IngestOptions) => {
      const loaded = await loadCase(casePath);
      if (loaded.caseFile.sources.length === 0) throw new CliError(NO_SOURCES);
      const settings = config();
      const workspace = await openWorkspace(loaded, settings, options.db);
      try {
        const audit = await openAuditLog(loaded, settings);
        const progress = createProgress(process.stderr, { quiet: options.quiet === true || options.json === true, now: () => performance.now() });
        if (options.json !== true) {
          process.stdout.write(`corroborate ${TOOL_VERSION} · case ${loaded.caseFile.id}${loaded.caseFile.synthetic ? ' (SYNTHETIC demo data)' : ''} · ${workspace.store.description}\n`);
        }
        // Reference data first: a missing GeoNames dump or picture folder is said before a long ingest.
        const analysis = await prepareCaseAnalysis(loaded, workspace, (line) => process.stderr.write(`${line}\n`));
        const sources = resolveSources(loaded, [], null);
        const summaries = await runIngest(workspace, loaded, sources, progress, options.json !== true, (s) => audit.append(ingestRecord(settings.actor, loaded.caseFile.id, s)));
        const reports = await buildReports(workspace.store, loaded.caseFile.id, workspace.clock, analysis, (p) => {
          progress.update(p.stage, p.done, p.total, 'items');
        });
        progress.done();
        const status = await statusOf(workspace, loaded);
        await audit.append(analysisRecord(settings.actor, loaded.caseFile.id, reports, { items: status.items, diagnostics: status.diagnostics.total }));
        if (options.json === true) printJson({ ...status, ingest: summaries, reportsBuilt: reports });
        else {
          process.stdout.write('\n');
          printStatus(status, false);
        }
        process.exitCode = exitCodeFor(summaries, options.strict === true);
      } finally {
        await workspace.close();
      }
    });
}
