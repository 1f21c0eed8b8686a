export { RawItemRows, Store, diagnosticId } from './store.js';
export { openIngestWriter } from './ingest-writer.js';
export type { IngestWriter } from './ingest-writer.js';
export type { CaseRecord, Count, IngestBatch, IngestBatchResult, IngestRun, RawItemBatch, RawItemOrigin, RunStatus, SourceRecord, StoredDiagnostic } from './store.js';
export { isPostgresUrl } from './open.js';
export type { StoreLocation } from './open.js';
export type { DialectName } from './migrations.js';
