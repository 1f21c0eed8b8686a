import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadOrCreateInstallationKey } from '../../audit/index.js';
import { signingKeyId, type MediaRef, type RawItem, type Signer } from '../../model/index.js';
import {
  BrowserMissingError,
  CaptureError,
  DEFAULT_TIMEOUT_MS,
  articleItem,
  capturePage,
  launchChromium,
  pngSize,
  type Browser,
  type CaptureResult,
  type CaptureTarget,
} from '../../ingest/index.js';
import { mirrorCustody } from '../../pipeline/index.js';
import type { StoredDiagnostic } from '../../store/index.js';
import type { Capture } from '../../vault/index.js';
import type { Config } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { printJson, table } from '../output.js';
import { formatBytes } from '../progress.js';
import { openAuditLog } from '../audit-trail.js';
import { TOOL_VERSION, installationKeysDir, loadCase, openWorkspace, type LoadedCase, type Workspace } from '../workspace.js';

export interface CaptureCommandOptions {
  timeout?: string;
  json?: boolean;
  quiet?: boolean;
  db?: string;
}

export interface CaptureEnvironment {
  launchBrowser: () => Promise<Browser>;
  /** Where the installation's Ed25519 key lives (`$CORROBORATE_HOME/keys`). */
  keysDir: string;
  newId: () => string;
  timeoutMs: number;
  /** Progress lines (stderr), or nothing with --quiet/--json. */
  progress: (line: string) => void;
}

export interface StoredArtifact {
  kind: 'html' | 'screenshot' | 'headers' | 'wacz';
  sha256: string;
  bytes: number;
  mediaType: string;
}

export interface CaptureSummary {
  case: string;
  sourceId: string;
  runId: string;
  target: string;
  finalUrl: string;
  status: number | null;
  capturedAt: string;
  browser: string;
  title: string | null;
  titleSource: string | null;
  published: { time: string; written: string; source: string; precision: string } | null;
  modified: { time: string; source: string } | null;
  authors: readonly string[];
  language: string | null;
  mainTextChars: number;
  stored: StoredArtifact[];
  signingKey: { algorithm: string; fingerprint: string };
  resources: number;
  skipped: number;
  screenshot: { width: number | null; height: number | null; cut: boolean; pageHeight: number };
  notes: readonly string[];
  itemId: string | null;
  itemAdded: boolean;
  diagnostics: { ruleId: string; severity: string; message: string }[];
}

/**
 * Capture a page into a case: render it, keep the HTML, screenshot, headers and signed WACZ in the
 * vault (each with a custody entry), and store the article as one RawItem of the run.
 */
export async function runCapture(workspace: Workspace, loaded: LoadedCase, targetArg: string, env: CaptureEnvironment): Promise<CaptureSummary> {
  const { store, vault, clock } = workspace;
  const caseId = loaded.caseFile.id;
  const now = (): string => clock().toISOString();
  const target = await resolveTarget(targetArg);
  const shown = 'url' in target ? target.url : relative(loaded.dir, target.file) || target.file;
  const sourceId = `capture-${slug('url' in target ? target.url : basename(target.file))}`;
  await store.upsertSource({ caseId, id: sourceId, kind: 'webpage', path: 'file' in target ? target.file : null, url: 'url' in target ? target.url : null, label: null }, now());
  await store.markInterrupted(caseId, sourceId, now());
  const runId = randomUUID();
  await store.startRun({ id: runId, caseId, sourceId, startedAt: now(), toolVersion: TOOL_VERSION });
  await store.updateRun(runId, { format: 'webpage' });

  let signer: Signer;
  let result: CaptureResult;
  try {
    signer = await loadOrCreateInstallationKey(env.keysDir);
    env.progress(`capturing ${shown} with headless Chromium…`);
    result = await capturePage(target, {
      launchBrowser: env.launchBrowser,
      clock,
      signer,
      toolVersion: TOOL_VERSION,
      newId: env.newId,
      timezone: loaded.caseFile.claim.timezone,
    }, { timeoutMs: env.timeoutMs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await store.updateRun(runId, { status: 'failed', finishedAt: now(), error: message });
    if (error instanceof CaptureError) throw new CliError(message, EXIT.input);
    if (error instanceof BrowserMissingError) throw new CliError(message, EXIT.infrastructure);
    throw error;
  }

  const fromUrl = 'url' in target;
  const request = (mediaType: string, note: string): Parameters<typeof vault.captureStream>[1] => ({
    caseId,
    sourcePath: fromUrl ? null : shown,
    sourceUrl: fromUrl ? result.finalUrl : null,
    mediaType,
    note,
  });
  const browser = `Chromium ${result.browserVersion}`;
  const fingerprint = `sha256:${signingKeyId(signer.publicKeySpki)}`;
  const when = `captured ${result.capturedAt} with ${browser} by corroborate ${TOOL_VERSION}`;
  const http = result.status === null ? 'local file, no HTTP response' : `HTTP ${result.status}`;
  const redirected = fromUrl && result.finalUrl !== target.url ? ` (requested ${target.url})` : '';
  const size = pngSize(result.screenshot);
  const stored: StoredArtifact[] = [];
  const keep = async (kind: StoredArtifact['kind'], bytes: Uint8Array, mediaType: string, note: string): Promise<Capture> => {
    const capture = await vault.captureStream(once(bytes), request(mediaType, note));
    stored.push({ kind, sha256: capture.sha256, bytes: capture.bytes, mediaType });
    return capture;
  };
  await keep('html', Buffer.from(result.html, 'utf8'), 'text/html', `rendered HTML (DOM after load) of ${result.finalUrl}${redirected}; ${http}; ${when}`);
  const screenshot = await keep(
    'screenshot',
    result.screenshot,
    'image/png',
    `full-page screenshot of ${result.finalUrl}, ${size.width ?? '?'}×${size.height ?? '?'} px${result.screenshotCut ? `, cut from ${result.pageHeight} px` : ''}; ${when}`,
  );
  const headersJson = JSON.stringify({ url: 'url' in target ? target.url : shown, finalUrl: result.finalUrl, status: result.status, capturedAt: result.capturedAt, headers: result.headers }, null, 2);
  await keep('headers', Buffer.from(`${headersJson}\n`, 'utf8'), 'application/json', `response headers of ${result.finalUrl}; ${http}; ${when}`);
  const wacz = await keep(
    'wacz',
    result.wacz,
    'application/wacz',
    `WACZ 1.1.1 of ${result.finalUrl}: ${result.resources.length} responses, ${result.skipped.length} skipped; signed ${signer.algorithm} key ${fingerprint}; ${when}`,
  );

  const media: MediaRef[] = [
    { kind: 'screenshot', ref: `urn:fullPage:${result.finalUrl}`, status: 'captured', sha256: screenshot.sha256, mediaType: 'image/png', bytes: screenshot.bytes, width: size.width, height: size.height },
    { kind: 'wacz', ref: `${sourceId}.wacz`, status: 'captured', sha256: wacz.sha256, mediaType: 'application/wacz', bytes: wacz.bytes, width: null, height: null },
  ];
  const item: RawItem | null = articleItem(result.metadata, {
    file: fromUrl ? result.finalUrl : shown,
    sha256: wacz.sha256,
    location: 'archive/data.warc.gz',
    offset: null,
    length: null,
    fetchedUrl: fromUrl ? result.finalUrl : null,
    media,
    extra: {
      captured: { at: result.capturedAt, finalUrl: result.finalUrl, status: result.status, software: `corroborate ${TOOL_VERSION}` },
      signatureValid: true,
      signature: { status: 'valid', algorithm: signer.algorithm, publicKey: signer.publicKeySpki.toString('base64') },
      integrityVerified: true,
    },
  });

  const file = fromUrl ? result.finalUrl : shown;
  const diagnostics: StoredDiagnostic[] = result.metadata.problems.map((p) => ({ ...p, file, sourceId }));
  if (result.metadata.published === null) diagnostics.push({ ruleId: 'webpage/no-publication-time', severity: 'info', message: 'the page states no publication time; the item has no time', file, location: '', sourceId });
  if (item === null) diagnostics.push({ ruleId: 'webpage/empty', severity: 'error', message: 'the page has neither a title nor any text', file, location: '', sourceId });
  else if (item.text === '') diagnostics.push({ ruleId: 'webpage/no-text', severity: 'warning', message: 'no main text was found on the page; only its title and metadata were kept', file, location: '', sourceId });

  let itemsAdded = 0;
  let diagnosticsAdded = 0;
  await store.transaction(async (tx) => {
    if (item !== null) itemsAdded = await tx.insertRawItems(caseId, sourceId, [item], now());
    diagnosticsAdded = await tx.insertDiagnostics(caseId, runId, diagnostics, now());
  });
  await mirrorCustody(store, vault, caseId);
  await store.updateRun(runId, {
    status: 'completed',
    finishedAt: now(),
    inputSha256: wacz.sha256,
    inputBytes: wacz.bytes,
    itemsSeen: item === null ? 0 : 1,
    itemsAdded,
    diagnosticsSeen: diagnostics.length,
    diagnosticsAdded,
  });

  const { metadata } = result;
  return {
    case: caseId,
    sourceId,
    runId,
    target: shown,
    finalUrl: result.finalUrl,
    status: result.status,
    capturedAt: result.capturedAt,
    browser,
    title: metadata.title,
    titleSource: metadata.titleSource,
    published: metadata.published === null ? null : { time: metadata.published.iso, written: metadata.published.written, source: metadata.published.source, precision: metadata.published.precision },
    modified: metadata.modified === null ? null : { time: metadata.modified.iso, source: metadata.modified.source },
    authors: metadata.authors,
    language: metadata.language,
    mainTextChars: metadata.mainText.length,
    stored,
    signingKey: { algorithm: signer.algorithm, fingerprint },
    resources: result.resources.length,
    skipped: result.skipped.length,
    screenshot: { ...size, cut: result.screenshotCut, pageHeight: result.pageHeight },
    notes: result.notes,
    itemId: item?.id ?? null,
    itemAdded: itemsAdded > 0,
    diagnostics: diagnostics.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })),
  };
}

async function resolveTarget(arg: string): Promise<CaptureTarget> {
  if (/^https?:\/\//i.test(arg)) return { url: arg };
  if (/^[a-z][a-z0-9+.-]*:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg)) throw new CliError(`only http(s) URLs and local .html files can be captured, not ${arg}`);
  const path = resolve(arg);
  const info = await stat(path).catch(() => null);
  if (info?.isFile() !== true) throw new CliError(`no such file: ${arg} (give an http(s) URL or a saved .html file)`);
  return { file: path };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield await Promise.resolve(bytes);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/^https?:\/\//, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'page';
}

export function describeCapture(s: CaptureSummary): string {
  const rows: string[][] = [
    ['title', s.title === null ? '(none)' : `${s.title}${s.titleSource === null ? '' : `  [${s.titleSource}]`}`],
    ['published', s.published === null ? '(the page states none)' : `${s.published.time}  [${s.published.source}: ${JSON.stringify(s.published.written)}, ${s.published.precision}]`],
  ];
  if (s.modified !== null) rows.push(['modified', `${s.modified.time}  [${s.modified.source}]`]);
  rows.push(['author', s.authors.length === 0 ? '(none)' : s.authors.join(', ')], ['language', s.language ?? '(not declared)'], ['main text', `${s.mainTextChars.toLocaleString('en-US')} characters`]);
  const stored = s.stored.map((a) => [a.kind, a.sha256, formatBytes(a.bytes), a.mediaType]);
  const lines = [
    `✓ ${s.target}${s.finalUrl === s.target ? '' : ` → ${s.finalUrl}`} (${s.status === null ? 'local file' : `HTTP ${s.status}`}) captured ${s.capturedAt} with ${s.browser}`,
    table(rows),
    '  stored in the vault:',
    table(stored, { indent: 4 }),
    `  WACZ signed with ${s.signingKey.algorithm} key ${s.signingKey.fingerprint}; ${s.resources} responses recorded, ${s.skipped} skipped`,
    `  screenshot ${s.screenshot.width ?? '?'}×${s.screenshot.height ?? '?'} px${s.screenshot.cut ? ` (cut; the page is ${s.screenshot.pageHeight} px tall)` : ''}`,
    s.itemId === null ? '  no item stored (the page has neither title nor text)' : `  item ${s.itemId.slice(0, 12)}… ${s.itemAdded ? 'added' : 'already stored'} (source ${s.sourceId})`,
  ];
  for (const note of s.notes) lines.push(`  note: ${note}`);
  for (const d of s.diagnostics) if (d.severity !== 'info') lines.push(`  ${d.severity}: ${d.message}  ${d.ruleId}`);
  return lines.join('\n');
}

export function registerCapture(program: Command, config: () => Config): void {
  program
    .command('capture')
    .description('render a web page (URL or saved .html) in headless Chromium and keep its HTML, screenshot, headers and a signed WACZ as evidence')
    .argument('<case>', 'case file (or its folder)')
    .argument('<target>', 'an http(s) URL, or a saved .html file')
    .option('--timeout <seconds>', `give up on the page after this long (default ${DEFAULT_TIMEOUT_MS / 1000})`)
    .option('--db <url>', 'SQLite file or postgres:// URL (default: CORROBORATE_DB, else .corroborate/corroborate.db beside the case)')
    .option('--json', 'print one JSON object instead of text')
    .option('--quiet', 'no progress on stderr')
    .action(async (casePath: string, targetArg: string, options: CaptureCommandOptions) => {
      const timeoutMs = parseTimeout(options.timeout);
      const loaded = await loadCase(casePath);
      const settings = config();
      const workspace = await openWorkspace(loaded, settings, options.db);
      try {
        const quiet = options.quiet === true || options.json === true;
        const summary = await runCapture(workspace, loaded, targetArg, {
          launchBrowser: () => launchChromium({ timeoutMs }),
          keysDir: installationKeysDir(settings),
          newId: randomUUID,
          timeoutMs,
          progress: (line) => {
            if (!quiet) process.stderr.write(`${line}\n`);
          },
        });
        const audit = await openAuditLog(loaded, settings);
        await audit.append({
          actor: settings.actor,
          action: 'capture',
          caseId: summary.case,
          summary: `capture ${summary.finalUrl}: ${summary.status === null ? 'local file' : `HTTP ${summary.status}`}, ${summary.itemAdded ? 'article added' : 'no new article'}`.slice(0, 1000),
          payload: {
            sourceId: summary.sourceId,
            runId: summary.runId,
            target: summary.target,
            finalUrl: summary.finalUrl,
            status: summary.status,
            capturedAt: summary.capturedAt,
            browser: summary.browser,
            stored: summary.stored,
            signingKey: summary.signingKey,
            itemId: summary.itemId,
            itemAdded: summary.itemAdded,
            diagnostics: summary.diagnostics.length,
          },
        });
        if (options.json === true) printJson(summary);
        else process.stdout.write(`${describeCapture(summary)}\n`);
      } finally {
        await workspace.close();
      }
    });
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new CliError('--timeout must be a number of seconds between 0 and 3600');
  return Math.round(seconds * 1000);
}
