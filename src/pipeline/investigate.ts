import type { Clock, Report } from '../model/index.js';
import { reportFromItem } from '../analyze/index.js';
import type { Store } from '../store/index.js';

export interface ReportProgress {
  reports: number;
  total: number;
}

const REFERENCE_EVENT = 'reference-event';

/**
 * Make (or remake) the Report for every raw item of a case (reference events aside); returns how
 * many. Reports are keyed by their item, so running this again rewrites the same rows.
 */
export async function buildReports(store: Store, caseId: string, clock: Clock, onProgress?: (progress: ReportProgress) => void): Promise<number> {
  const total = await store.countRawItems(caseId);
  let done = 0;
  let made = 0;
  let batch: Report[] = [];
  const flush = async (): Promise<void> => {
    const reports = batch;
    batch = [];
    await store.transaction((tx) => tx.upsertReports(reports, clock().toISOString()));
    onProgress?.({ reports: done, total });
  };
  for await (const item of store.iterateRawItems(caseId, 2000)) {
    done++;
    // Conflict-event data sets summarise reports; they are a reference layer of their own and
    // never a report beside the primary ones (they would count the same news twice).
    if (item.kind === REFERENCE_EVENT) continue;
    batch.push(reportFromItem(caseId, item));
    made++;
    if (batch.length >= 2000) await flush();
  }
  await flush();
  return made;
}
