export { Store, diagnosticId } from './store.js';
export type { CaseRecord, Count, IngestRun, RunStatus, SourceRecord, StoredDiagnostic } from './store.js';
export { isPostgresUrl } from './open.js';
export type { StoreLocation } from './open.js';
export type { DialectName } from './migrations.js';
