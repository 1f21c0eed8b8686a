export { identifyLanguage } from './language.js';
export type { LanguageGuess } from './language.js';
export { reportFromItem } from './report.js';
export {
  MAX_PROVENANCE_ITEMS,
  MediaSighting,
  NEAR_DUPLICATE_PARAMETERS,
  ProvenanceIndex,
  checkRecycledMedia,
  foldForMatching,
  provenanceEntryFromItem,
  readReferenceSet,
} from './dedup/index.js';
export type { CopyLink, FamilyPlacement, FoldedText, NearDuplicateParameters, ProvenanceEntry, RecycledMediaCheck, ReferenceSetProblem } from './dedup/index.js';
