import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Store} from '../../src/store/index.js';
import { RawItemRows, openIngestWriter as openFromSources, type IngestBatch, type IngestBatchResult } from '../../src/store/index.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { testCase, testItem } from '../helpers/items.js';

/**
 * The ingest writer: batches handed over in order are committed in order, each in one
 * transaction, and a batch that fails stops the writer with its reason. On a SQLite file the
 * built package writes on a thread of its own (the sources, run by the tests, write inline);
 * both are run here, and PostgreSQL inline.
 */

const AT = '2026-11-25T10:00:00.000Z';
const BUILT = join(import.meta.dirname, '..', '..', 'dist', 'store', 'index.js');

type Open = typeof openFromSources;

async function writers(): Promise<{ name: string; open: Open; threaded: boolean }[]> {
  const list: { name: string; open: Open; threaded: boolean }[] = [{ name: 'inline', open: openFromSources, threaded: false }];
  // `npm test` builds first; run alone, the tests say so instead of skipping in silence.
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first`);
  const built = (await import(BUILT)) as { openIngestWriter: Open };
  list.push({ name: 'thread (built package)', open: built.openIngestWriter, threaded: true });
  return list;
}

function batchOf(runId: string, from: number, to: number, seen: number): IngestBatch {
  const rows = new RawItemRows('test-case', 'tg');
  for (let n = from; n < to; n++) rows.add(testItem(n));
  return { runId, at: AT, rows: rows.take(), facts: [], diagnostics: [], itemsSeen: seen, diagnosticsSeen: 0 };
}

for (const dialect of DIALECTS) {
  describe(`ingest writer on ${dialect}`, async () => {
    let database: TestDatabase;
    let store: Store;
    const kinds = (await writers()).filter((w) => dialect === 'sqlite' || !w.threaded);

    beforeAll(async () => {
      database = await freshDatabase(dialect);
      store = await database.open();
      await store.upsertCase(testCase(), null, AT);
      await store.upsertSource({ caseId: 'test-case', id: 'tg', kind: 'telegram', path: 'result.json', url: null, label: null }, AT);
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    for (const kind of kinds) {
      it(`${kind.name}: commits batches in order, adds to the run's counters, and stores each item once`, async () => {
        const runId = `run-${kind.name}`;
        await store.startRun({ id: runId, caseId: 'test-case', sourceId: 'tg', startedAt: AT, toolVersion: 'test' });
        const writer = await kind.open(store, { inFlight: 2 });
        expect(writer.threaded).toBe(kind.threaded);
        const results: IngestBatchResult[] = [];
        try {
          // Items 0–59 may already be there from the other writer: every item goes in once per case.
          const before = await store.countRawItems('test-case');
          await writer.write(batchOf(runId, 0, 20, 20), (r) => results.push(r));
          await writer.write(batchOf(runId, 20, 40, 40), (r) => results.push(r));
          await writer.write(batchOf(runId, 30, 60, 70), (r) => results.push(r));
          await writer.finish();
          expect(results).toHaveLength(3);
          const added = results.reduce((sum, r) => sum + r.itemsAdded, 0);
          expect(await store.countRawItems('test-case')).toBe(Math.max(before, 60));
          expect(added).toBe(Math.max(0, 60 - before));
          // The third batch repeated items 30–39: they were not added twice.
          if (before === 0) expect(results.map((r) => r.itemsAdded)).toEqual([20, 20, 20]);
          const run = (await store.listRuns('test-case')).find((r) => r.id === runId);
          expect(run).toMatchObject({ itemsSeen: 70, itemsAdded: added });
        } finally {
          await writer.close();
        }
      });

      it(`${kind.name}: a batch that cannot be stored stops the writer with its reason, and nothing of it lands`, async () => {
        const runId = `bad-${kind.name}`;
        await store.startRun({ id: runId, caseId: 'test-case', sourceId: 'tg', startedAt: AT, toolVersion: 'test' });
        const writer = await kind.open(store, { inFlight: 1 });
        try {
          const bad = batchOf(runId, 100, 110, 10);
          // An item without text, as a broken adapter might hand over: the column is NOT NULL.
          (bad.rows.rows[5] as unknown[])[14] = null;
          const before = await store.countRawItems('test-case');
          const failed = (async () => {
            await writer.write(bad, () => undefined);
            await writer.finish();
          })();
          await expect(failed).rejects.toThrow(/null/i);
          await expect(writer.write(batchOf(runId, 110, 111, 11), () => undefined)).rejects.toThrow();
          expect(await store.countRawItems('test-case')).toBe(before);
        } finally {
          await writer.close();
        }
      });
    }
  });
}
