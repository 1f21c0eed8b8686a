export { identifyLanguage } from './language.js';
export type { LanguageGuess } from './language.js';
export { reportFromItem } from './report.js';
export { foldForMatching, normalizeText } from './normalize.js';
export type { NormalizeOptions, NormalizedText, TextPiece } from './normalize.js';
export { PARTS_OF_DAY, eventTimeOf, readPostTime, readTimes, readTimesNormalized } from './time/index.js';
export type { EventTime, TimeReadingOptions } from './time/index.js';
export { NUMBER_PATTERN, numberValue, readCounts, readCountsNormalized, summariseCounts } from './numbers/index.js';
export type { CountReadingOptions, CountSummary } from './numbers/index.js';
