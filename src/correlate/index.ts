export { detectBurst, detectSilence, estimateBaseline, expectedPosts, hourlySeries, instantOf } from './activity.js';
export type { ActivityBaseline, ActivityCheck, BaselineOptions, HourlySeries, PostTime } from './activity.js';
export {
  gammaQuantile,
  lnGamma,
  negativeBinomialLowerTail,
  negativeBinomialUpperTail,
  poissonLowerTail,
  poissonUpperTail,
  rateRatioInterval,
  regularizedBeta,
  regularizedGamma,
} from './count-tests.js';
export type { GammaTails } from './count-tests.js';
export { DEFAULT_CLUSTERING, IncidentClusterer } from './incidents.js';
export type { ClusteringParameters } from './incidents.js';
