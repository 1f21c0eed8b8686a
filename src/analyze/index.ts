export { identifyLanguage } from './language.js';
export type { LanguageGuess } from './language.js';
export { reportFromItem } from './report.js';
export { Gazetteer, SHIPPED_GAZETTEER, distanceKm, foldName, geoparse, loadGazetteer, readGazetteer, recogniseToponyms, resolveToponyms, shippedGazetteer } from './geo/index.js';
export type { CaseArea, GazetteerPlace, MergeCounts, NameMatch, PlaceContext, PlaceRecord, RecognisedToponym, RecogniseOptions, ToponymSpan } from './geo/index.js';
