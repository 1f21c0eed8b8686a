export { FrozenPipeline, Pipeline } from './pipeline.js';
export type { DiagnosticSink, Stage, StageContext } from './pipeline.js';
export { ingestSource, mirrorCustody } from './ingest.js';
export type { CaseContext, IngestEnvironment, IngestProgress, IngestSummary, SourceToIngest } from './ingest.js';
export { displayPath, mediaCaptureStage } from './media-stage.js';
export { mediaFactsStage } from './media-facts-stage.js';
export type { DescribeStoredMedia, MediaFactsStageOptions } from './media-facts-stage.js';
export { buildReports } from './investigate.js';
export type { CaseAnalysis, ReportProgress, ReportsBuilt } from './investigate.js';
