export { identifyLanguage } from './language.js';
export type { LanguageGuess } from './language.js';
export { reportFromItem } from './report.js';
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
