export { foldName } from './fold.js';
export { Gazetteer, SHIPPED_GAZETTEER, distanceKm, loadGazetteer, readGazetteer, shippedGazetteer } from './gazetteer.js';
export type { GazetteerPlace, MergeCounts, NameMatch, PlaceRecord } from './gazetteer.js';
export { geoparse, recogniseToponyms } from './geoparse.js';
export type { RecognisedToponym, RecogniseOptions } from './geoparse.js';
export { resolveToponyms } from './geocode.js';
export type { CaseArea, PlaceContext, ToponymSpan } from './geocode.js';
