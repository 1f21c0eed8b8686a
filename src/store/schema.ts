/**
 * The tables, as Kysely sees them. Portable types on purpose: timestamps are ISO 8601 text in
 * UTC (they sort as text), JSON is text, booleans are 0/1 — so that one code path serves
 * SQLite and PostgreSQL and the store tests run unchanged on both.
 */

export interface CasesTable {
  id: string;
  title: string;
  synthetic: number;
  claim_json: string;
  case_file: string | null;
  created_at: string;
  updated_at: string;
}

export interface SourcesTable {
  case_id: string;
  id: string;
  kind: string;
  path: string | null;
  url: string | null;
  label: string | null;
  /** Conditional-GET validators from the last fetch of a URL source. */
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: string | null;
  created_at: string;
}

export interface IngestRunsTable {
  id: string;
  case_id: string;
  source_id: string;
  /** running, completed, failed, not-modified. */
  status: string;
  started_at: string;
  finished_at: string | null;
  format: string | null;
  input_sha256: string | null;
  input_bytes: number | null;
  items_seen: number;
  items_added: number;
  diagnostics_seen: number;
  diagnostics_added: number;
  error: string | null;
  tool_version: string;
}

export interface RawItemsTable {
  case_id: string;
  /** The item's time, or '' when it has none: the key leads with it, so an ingest appends. */
  time_key: string;
  id: string;
  /** The file it came from: raw_item_origins.seq (migration 0005). */
  origin: number;
  external_id: string;
  kind: string;
  channel_id: string;
  channel_name: string | null;
  channel_type: string | null;
  author_id: string | null;
  author_name: string | null;
  author_pseudonymous: number;
  edited_time: string | null;
  title: string | null;
  text: string;
  url: string | null;
  declared_language: string | null;
  forwarded_from: string | null;
  reply_to: string | null;
  lat: number | null;
  lon: number | null;
  media_json: string;
  extra_json: string;
  origin_location: string;
  origin_offset: number | null;
  origin_length: number | null;
}

/** A source file, with its content, that items came from: what they would all repeat. */
export interface RawItemOriginsTable {
  case_id: string;
  seq: number;
  source_id: string;
  format: string;
  file: string;
  /** SHA-256 of the evidentiary copy, or '' when there was none. */
  sha256: string;
  first_run_id: string | null;
  first_at: string;
}

export interface IncidentsTable {
  case_id: string;
  id: string;
  reports: number;
  families: number;
  window_from: string;
  window_to: string;
  lat: number | null;
  lon: number | null;
  uncertainty_km: number | null;
  /** The whole Incident (src/model/incident.ts) as JSON. */
  summary_json: string;
  created_at: string;
}

export interface DiagnosticsTable {
  case_id: string;
  /** Hash of source, file, location, rule and message: the same problem is stored once. */
  id: string;
  source_id: string;
  rule_id: string;
  severity: string;
  message: string;
  file: string;
  location: string;
  first_run_id: string;
  created_at: string;
}

export interface CustodyEntriesTable {
  hash: string;
  case_id: string | null;
  vault: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  sha256: string;
  bytes: number;
  media_type: string;
  source_path: string | null;
  source_url: string | null;
  tool_version: string;
  note: string | null;
  prev: string;
}

export interface ReportsTable {
  case_id: string;
  id: string;
  raw_item_id: string;
  source_id: string;
  channel_id: string;
  channel_name: string | null;
  time: string | null;
  text: string;
  language: string;
  language_confidence: number;
  created_at: string;
  /** From 0004_analysis: null on a report made before the analysis stages ran. */
  event_type: string | null;
  negated: number | null;
  hedged: number | null;
  source_role: string | null;
  attributed_to: string | null;
  related: number | null;
  urgency: string | null;
  event_time_from: string | null;
  event_time_to: string | null;
  event_time_precision: string | null;
  place_lat: number | null;
  place_lon: number | null;
  place_precision: string | null;
  place_confidence: number | null;
  place_name: string | null;
  place_from: string | null;
  family: string | null;
  family_root: string | null;
  family_parent: string | null;
  family_link: string | null;
  /** RecycledMedia[] as JSON, set with the family. */
  recycled_media_json: string | null;
  /** `{ cues, times, counts, toponyms }`: the spans behind the columns above. */
  analysis_json: string | null;
  /** Its incident's id (migration 0006); null until the incidents stage has run. */
  incident: string | null;
}

export interface MediaFactsTable {
  case_id: string;
  sha256: string;
  media_type: string;
  kind: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_seconds: number | null;
  /** As the file writes it: with an offset, or a wall-clock time (then taken_at_has_offset is 0). */
  taken_at: string | null;
  taken_at_has_offset: number;
  lat: number | null;
  lon: number | null;
  hash_algorithm: string | null;
  perceptual_hash: string | null;
  facts_json: string;
  created_at: string;
}

export interface MediaHashesTable {
  case_id: string;
  sha256: string;
  /** -1 for a still picture; a keyframe's time in milliseconds otherwise. */
  frame_ms: number;
  hash_algorithm: string;
  hash: string;
}

export interface MediaHashBandsTable {
  case_id: string;
  /** `index:bits`, see hashBands. */
  band: string;
  sha256: string;
  frame_ms: number;
}

export interface Database {
  cases: CasesTable;
  sources: SourcesTable;
  ingest_runs: IngestRunsTable;
  raw_items: RawItemsTable;
  raw_item_origins: RawItemOriginsTable;
  incidents: IncidentsTable;
  diagnostics: DiagnosticsTable;
  custody_entries: CustodyEntriesTable;
  reports: ReportsTable;
  media_facts: MediaFactsTable;
  media_hashes: MediaHashesTable;
  media_hash_bands: MediaHashBandsTable;
}
