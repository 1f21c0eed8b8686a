export { NUMBER_PATTERN, numberValue } from './words.js';
export { readCounts, readCountsNormalized, summariseCounts } from './counts.js';
export type { CountReadingOptions, CountSummary } from './counts.js';
