import type { Clock, Report } from '../model/index.js';
import { reportFromItem } from '../analyze/index.js';
import type { Store } from '../store/index.js';

export interface ReportProgress {
  reports: number;
  total: number;
}

/**
 * Make (or remake) the Report for every raw item of a case. Reports are keyed by their item,
 * so running this again rewrites the same rows — nothing is duplicated.
 */
export async function buildReports(store: Store, caseId: string, clock: Clock, onProgress?: (progress: ReportProgress) => void): Promise<number> {
  const total = await store.countRawItems(caseId);
  let done = 0;
  let batch: Report[] = [];
  const flush = async (): Promise<void> => {
    const reports = batch;
    batch = [];
    await store.transaction((tx) => tx.upsertReports(reports, clock().toISOString()));
    onProgress?.({ reports: done, total });
  };
  for await (const item of store.iterateRawItems(caseId, 2000)) {
    batch.push(reportFromItem(caseId, item));
    done++;
    if (batch.length >= 2000) await flush();
  }
  await flush();
  return done;
}
