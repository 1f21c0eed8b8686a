import { z } from 'zod';
import { IsoInstant } from './raw-item.js';

/** What the incident clusterer knows of a report (src/analyze/terms.ts makes it from a Report). */
export interface ClusterReport {
  id: string;
  /** The time the report puts the event at, [from, to] in ms since the epoch (a point: from = to). */
  from: number;
  to: number;
  /** Where it puts the event, with the radius its precision allows; null when unplaced or too coarse to tell. */
  place: { lat: number; lon: number; radiusKm: number } | null;
  /** Its event type, null when it does not say (or is not an event report). */
  eventType: string | null;
  /** Content words, hashtags, places and figures (see `incidentTerms`). */
  terms: readonly string[];
  /** Its provenance family (the root's id), null when alone. */
  family: string | null;
  role: string;
  language: string;
}

/**
 * An incident: reports that agree on place, time and content, clustered by src/correlate. Its
 * id is its earliest report's id (in the clusterer's canonical order), so that it stays the same
 * however and whenever the reports arrive.
 */
export const Incident = z.object({
  id: z.string(),
  reports: z.number().int().positive(),
  /** Provenance families among its reports: forwards and copies count once. */
  families: z.number().int().positive(),
  /** Where its placed reports agree, weighted by how precise each is; null when none is placed. */
  centroid: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  /** Radius around the centroid, km, that the placed reports' own uncertainty and spread cover. */
  uncertaintyKm: z.number().nonnegative().nullable(),
  placedReports: z.number().int().nonnegative(),
  /** From the earliest to the latest time its reports put the event at. */
  window: z.object({ from: IsoInstant, to: IsoInstant }),
  eventTypes: z.array(z.object({ type: z.string(), reports: z.number().int().positive() })),
  byRole: z.record(z.string(), z.number().int().positive()),
  byLanguage: z.record(z.string(), z.number().int().positive()),
  firstReport: z.object({ id: z.string(), time: IsoInstant }),
  lastReport: z.object({ id: z.string(), time: IsoInstant }),
  /** The words and names most of its reports share, strongest first: what it is about. */
  topTerms: z.array(z.string()),
});
export type Incident = z.infer<typeof Incident>;
