import { AuditLog, loadOrCreateInstallationKey, type AuditRecord } from '../audit/index.js';
import { systemClock } from '../model/index.js';
import type { IngestSummary, ReportsBuilt } from '../pipeline/index.js';
import type { Config } from './config.js';
import { TOOL_VERSION, auditDirOf, installationKeysDir, type LoadedCase } from './workspace.js';

/**
 * The case commands' side of the audit log: open the workspace's log with the installation's key
 * (made on first use, as `capture` makes it), and the entries each command records.
 */
export async function openAuditLog(loaded: LoadedCase, config: Config): Promise<AuditLog> {
  const signer = await loadOrCreateInstallationKey(installationKeysDir(config));
  return AuditLog.open({ dir: auditDirOf(loaded), clock: systemClock, signer, toolVersion: TOOL_VERSION });
}

/** One ingest run of one source: what was read, and what it added. */
export function ingestRecord(actor: string, caseId: string, s: IngestSummary): AuditRecord {
  const outcome =
    s.status === 'failed'
      ? `failed: ${s.error ?? 'unknown error'}`
      : s.status === 'not-modified'
        ? 'not modified since the last ingest'
        : `${s.itemsSeen} ${s.itemsSeen === 1 ? 'item' : 'items'} (${s.itemsAdded} new), ${s.bySeverity.error} errors, ${s.bySeverity.warning} warnings`;
  return {
    actor,
    action: 'ingest',
    caseId,
    summary: `ingest ${s.sourceId}: ${outcome}`.slice(0, 1000),
    payload: {
      sourceId: s.sourceId,
      runId: s.runId,
      status: s.status,
      format: s.format,
      inputSha256: s.inputSha256,
      inputBytes: s.inputBytes,
      itemsSeen: s.itemsSeen,
      itemsAdded: s.itemsAdded,
      diagnosticsSeen: s.diagnosticsSeen,
      diagnosticsAdded: s.diagnosticsAdded,
      bySeverity: s.bySeverity,
      error: s.error,
    },
  };
}

/** One analysis run over a case's stored items (`investigate`). */
export function analysisRecord(actor: string, caseId: string, built: ReportsBuilt, counts: { items: number; diagnostics: number }): AuditRecord {
  return {
    actor,
    action: 'analysis',
    caseId,
    summary: `analysis: ${built.reports} reports from ${counts.items} items, ${built.families} provenance families, ${built.withRecycledMedia} with recycled media`,
    payload: { items: counts.items, diagnostics: counts.diagnostics, reports: built.reports, families: built.families, withRecycledMedia: built.withRecycledMedia },
  };
}
