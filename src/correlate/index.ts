export { DEFAULT_CLUSTERING, IncidentClusterer } from './incidents.js';
export type { ClusteringParameters } from './incidents.js';
