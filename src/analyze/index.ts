export { identifyLanguage } from './language.js';
export type { LanguageGuess } from './language.js';
export { reportFromItem } from './report.js';
export type { AttachedFacts, ReportAnalysisContext } from './report.js';
export { foldForMatching, normalizeText } from './normalize.js';
export { clusterReportOf, contentWords, incidentTerms } from './terms.js';
export type { NormalizeOptions, NormalizedText, TextPiece } from './normalize.js';
export { PARTS_OF_DAY, eventTimeOf, readPostTime, readTimes, readTimesNormalized } from './time/index.js';
export type { EventTime, TimeReadingOptions } from './time/index.js';
export { NUMBER_PATTERN, numberValue, readCounts, readCountsNormalized, summariseCounts } from './numbers/index.js';
export type { CountReadingOptions, CountSummary } from './numbers/index.js';
export { CLASSIFY_LEXICON, Classifier, ClassifyLexicon, classifyReport, lexiconModule, parseClassifyLexicon } from './classify/index.js';
export type { ClassifiedReport, ClassifyContext } from './classify/index.js';
export {
  MAX_PROVENANCE_ITEMS,
  MediaSighting,
  NEAR_DUPLICATE_PARAMETERS,
  ProvenanceIndex,
  checkRecycledMedia,
  foldForResemblance,
  provenanceEntryFromItem,
  readReferenceSet,
} from './dedup/index.js';
export type { CopyLink, FamilyPlacement, FoldedText, NearDuplicateParameters, ProvenanceEntry, RecycledMediaCheck, ReferenceSetProblem } from './dedup/index.js';
export {
  Gazetteer,
  SHIPPED_GAZETTEER,
  chooseReportPlace,
  distanceKm,
  foldName,
  geoparse,
  loadGazetteer,
  mergeGeoNamesDump,
  placesOfReport,
  readGazetteer,
  readGeoNamesDump,
  recogniseToponyms,
  resolveToponyms,
  shippedGazetteer,
  timeZoneAt,
} from './geo/index.js';
export type {
  CaseArea,
  Coordinates,
  GazetteerPlace,
  GeoNamesDumpOptions,
  MergeCounts,
  MergeReport,
  NameMatch,
  PlaceContext,
  PlaceEvidence,
  PlaceRecord,
  PlacesOfReport,
  RecognisedToponym,
  RecogniseOptions,
  ToponymSpan,
} from './geo/index.js';
