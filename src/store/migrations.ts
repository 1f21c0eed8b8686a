import { sql, type Kysely, type Migration } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Accent folding for PostgreSQL full-text search without the unaccent extension (which is not
 * immutable, so cannot feed a generated column). Matches SQLite's `remove_diacritics 2` for
 * Spanish and Portuguese letters.
 */
export const FOLD_FROM = 'ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç';
export const FOLD_TO = 'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc';

/** Versioned migrations, one code path with the few dialect differences spelled out. */
export function migrations(dialect: DialectName): Record<string, Migration> {
  const float = sql`double precision`;
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('synthetic', 'integer', (c) => c.notNull())
          .addColumn('claim_json', 'text', (c) => c.notNull())
          .addColumn('case_file', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sources')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('path', 'text')
          .addColumn('url', 'text')
          .addColumn('label', 'text')
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('last_fetched_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('sources_pk', ['case_id', 'id'])
          .execute();

        await db.schema
          .createTable('ingest_runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('format', 'text')
          .addColumn('input_sha256', 'text')
          .addColumn('input_bytes', 'bigint')
          .addColumn('items_seen', 'bigint', (c) => c.notNull())
          .addColumn('items_added', 'bigint', (c) => c.notNull())
          .addColumn('diagnostics_seen', 'bigint', (c) => c.notNull())
          .addColumn('diagnostics_added', 'bigint', (c) => c.notNull())
          .addColumn('error', 'text')
          .addColumn('tool_version', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('ingest_runs_case').on('ingest_runs').columns(['case_id', 'source_id', 'started_at']).execute();

        await db.schema
          .createTable('raw_items')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('channel_name', 'text')
          .addColumn('channel_type', 'text')
          .addColumn('author_id', 'text')
          .addColumn('author_name', 'text')
          .addColumn('author_pseudonymous', 'integer', (c) => c.notNull())
          .addColumn('time', 'text')
          .addColumn('edited_time', 'text')
          .addColumn('title', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('declared_language', 'text')
          .addColumn('forwarded_from', 'text')
          .addColumn('reply_to', 'text')
          .addColumn('lat', float)
          .addColumn('lon', float)
          .addColumn('media_json', 'text', (c) => c.notNull())
          .addColumn('extra_json', 'text', (c) => c.notNull())
          .addColumn('origin_file', 'text', (c) => c.notNull())
          .addColumn('origin_sha256', 'text')
          .addColumn('origin_location', 'text', (c) => c.notNull())
          .addColumn('origin_offset', 'bigint')
          .addColumn('origin_length', 'bigint')
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('raw_items_pk', ['case_id', 'id'])
          .execute();
        // One index beside the key: every further one is written on each of millions of inserts.
        // Reading by time, channel or place is the reports' job, which carry their own indexes.
        await db.schema.createIndex('raw_items_source').on('raw_items').columns(['case_id', 'source_id']).execute();

        await db.schema
          .createTable('diagnostics')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('rule_id', 'text', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('file', 'text', (c) => c.notNull())
          .addColumn('location', 'text', (c) => c.notNull())
          .addColumn('first_run_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('diagnostics_pk', ['case_id', 'id'])
          .execute();
        await db.schema.createIndex('diagnostics_rule').on('diagnostics').columns(['case_id', 'rule_id']).execute();

        await db.schema
          .createTable('custody_entries')
          .addColumn('hash', 'text', (c) => c.primaryKey())
          .addColumn('case_id', 'text')
          .addColumn('vault', 'text', (c) => c.notNull())
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('bytes', 'bigint', (c) => c.notNull())
          .addColumn('media_type', 'text', (c) => c.notNull())
          .addColumn('source_path', 'text')
          .addColumn('source_url', 'text')
          .addColumn('tool_version', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('prev', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('custody_entries_object').on('custody_entries').columns(['sha256']).execute();
        await db.schema.createIndex('custody_entries_case').on('custody_entries').columns(['case_id', 'seq']).execute();

        await db.schema
          .createTable('reports')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('raw_item_id', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('channel_name', 'text')
          .addColumn('time', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('language_confidence', float, (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('reports_pk', ['case_id', 'id'])
          .execute();
        await db.schema.createIndex('reports_time').on('reports').columns(['case_id', 'time']).execute();

        if (dialect === 'sqlite') {
          // External-content FTS5 index over report text, kept in step by triggers.
          await sql`CREATE VIRTUAL TABLE reports_fts USING fts5(text, content='reports', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(db);
          await sql`CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN INSERT INTO reports_fts(rowid, text) VALUES (new.rowid, new.text); END`.execute(db);
          await sql`CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN INSERT INTO reports_fts(reports_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END`.execute(db);
          await sql`CREATE TRIGGER reports_fts_update AFTER UPDATE OF text ON reports BEGIN INSERT INTO reports_fts(reports_fts, rowid, text) VALUES ('delete', old.rowid, old.text); INSERT INTO reports_fts(rowid, text) VALUES (new.rowid, new.text); END`.execute(db);
        } else {
          await sql`ALTER TABLE reports ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', translate(text, ${sql.lit(FOLD_FROM)}, ${sql.lit(FOLD_TO)}))) STORED`.execute(db);
          await sql`CREATE INDEX reports_search ON reports USING gin (search)`.execute(db);
        }
      },
    },
    '0002_media': {
      async up(db: Kysely<unknown>): Promise<void> {
        // What each photo, video or sound file of a case is and says about itself, by content.
        await db.schema
          .createTable('media_facts')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('media_type', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('bytes', 'bigint', (c) => c.notNull())
          .addColumn('width', 'integer')
          .addColumn('height', 'integer')
          .addColumn('duration_seconds', float)
          .addColumn('taken_at', 'text')
          .addColumn('taken_at_has_offset', 'integer', (c) => c.notNull())
          .addColumn('lat', float)
          .addColumn('lon', float)
          .addColumn('hash_algorithm', 'text')
          .addColumn('perceptual_hash', 'text')
          .addColumn('facts_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('media_facts_pk', ['case_id', 'sha256'])
          .execute();
        // Every perceptual hash (a picture's, each keyframe's), and its bands for near-copy look-ups.
        await db.schema
          .createTable('media_hashes')
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('frame_ms', 'integer', (c) => c.notNull())
          .addColumn('hash_algorithm', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('media_hashes_pk', ['case_id', 'sha256', 'frame_ms'])
          .execute();
        await db.schema
          .createTable('media_hash_bands')
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('band', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('frame_ms', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('media_hash_bands_pk', ['case_id', 'band', 'sha256', 'frame_ms'])
          .execute();
      },
    },
    '0003_raw_item_keys': {
      async up(db: Kysely<unknown>): Promise<void> {
        // Raw items keyed by (case, time, id) instead of (case, id): ids are SHA-256 hashes, so
        // under the old key every insert landed at a random place of a B-tree larger than the
        // cache, and each commit rewrote thousands of pages. Exports run in time order, so under
        // the new key an ingest appends. Items without a time sort first (time_key '').
        await db.schema
          .createTable('raw_items_keyed')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('time_key', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('channel_name', 'text')
          .addColumn('channel_type', 'text')
          .addColumn('author_id', 'text')
          .addColumn('author_name', 'text')
          .addColumn('author_pseudonymous', 'integer', (c) => c.notNull())
          .addColumn('time', 'text')
          .addColumn('edited_time', 'text')
          .addColumn('title', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('declared_language', 'text')
          .addColumn('forwarded_from', 'text')
          .addColumn('reply_to', 'text')
          .addColumn('lat', float)
          .addColumn('lon', float)
          .addColumn('media_json', 'text', (c) => c.notNull())
          .addColumn('extra_json', 'text', (c) => c.notNull())
          .addColumn('origin_file', 'text', (c) => c.notNull())
          .addColumn('origin_sha256', 'text')
          .addColumn('origin_location', 'text', (c) => c.notNull())
          .addColumn('origin_offset', 'bigint')
          .addColumn('origin_length', 'bigint')
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('raw_items_keyed_pk', ['case_id', 'time_key', 'id'])
          .execute();
        const copied = sql.join(RAW_ITEM_COLUMNS.map((column) => sql.ref(column)));
        await sql`INSERT INTO raw_items_keyed (time_key, ${copied}) SELECT coalesce(time, ''), ${copied} FROM raw_items ORDER BY case_id, coalesce(time, ''), id`.execute(db);
        await db.schema.dropTable('raw_items').execute();
        await db.schema.alterTable('raw_items_keyed').renameTo('raw_items').execute();
        await db.schema.createIndex('raw_items_source').on('raw_items').columns(['case_id', 'source_id']).execute();
      },
    },
    '0004_analysis': {
      async up(db: Kysely<unknown>): Promise<void> {
        // What the analysis stages say about each report: the figures a reader filters and
        // counts by get columns; the spans behind them (cues, times, counts, toponyms) stay JSON.
        const columns: [string, 'text' | 'integer' | typeof float][] = [
          ['event_type', 'text'],
          ['negated', 'integer'],
          ['hedged', 'integer'],
          ['source_role', 'text'],
          ['attributed_to', 'text'],
          ['related', 'integer'],
          ['urgency', 'text'],
          ['event_time_from', 'text'],
          ['event_time_to', 'text'],
          ['event_time_precision', 'text'],
          ['place_lat', float],
          ['place_lon', float],
          ['place_precision', 'text'],
          ['place_confidence', float],
          ['place_name', 'text'],
          ['place_from', 'text'],
          ['family', 'text'],
          ['family_root', 'text'],
          ['family_parent', 'text'],
          ['family_link', 'text'],
          ['recycled_media_json', 'text'],
          ['analysis_json', 'text'],
        ];
        for (const [name, type] of columns) await db.schema.alterTable('reports').addColumn(name, type).execute();
        await db.schema.createIndex('reports_family').on('reports').columns(['case_id', 'family']).execute();
        await db.schema.createIndex('reports_event_type').on('reports').columns(['case_id', 'event_type']).execute();
      },
    },
    '0005_raw_item_origins': {
      async up(db: Kysely<unknown>): Promise<void> {
        // What every item of one file repeated — its source, format, file name, the file's
        // SHA-256 and the time of storing, ~170 of a row's ~600 bytes — is kept once per origin
        // (a source file with its content), and each item names its origin by number. An item's
        // time is its time_key ('' when it has none). SQLite's cost per item is its bytes.
        await db.schema
          .createTable('raw_item_origins')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('file', 'text', (c) => c.notNull())
          // '' when there was no evidentiary copy: not null, so that it can be part of the unique key.
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('first_run_id', 'text')
          .addColumn('first_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('raw_item_origins_pk', ['case_id', 'seq'])
          .addUniqueConstraint('raw_item_origins_key', ['case_id', 'source_id', 'format', 'file', 'sha256'])
          .execute();
        await sql`INSERT INTO raw_item_origins (case_id, seq, source_id, format, file, sha256, first_run_id, first_at)
          SELECT case_id, row_number() OVER (PARTITION BY case_id ORDER BY min(ingested_at), source_id, format, origin_file, coalesce(origin_sha256, '')),
                 source_id, format, origin_file, coalesce(origin_sha256, ''), NULL, min(ingested_at)
          FROM raw_items GROUP BY case_id, source_id, format, origin_file, coalesce(origin_sha256, '')`.execute(db);
        await db.schema
          .createTable('raw_items_v5')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('time_key', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('origin', 'integer', (c) => c.notNull())
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('channel_name', 'text')
          .addColumn('channel_type', 'text')
          .addColumn('author_id', 'text')
          .addColumn('author_name', 'text')
          .addColumn('author_pseudonymous', 'integer', (c) => c.notNull())
          .addColumn('edited_time', 'text')
          .addColumn('title', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('declared_language', 'text')
          .addColumn('forwarded_from', 'text')
          .addColumn('reply_to', 'text')
          .addColumn('lat', float)
          .addColumn('lon', float)
          .addColumn('media_json', 'text', (c) => c.notNull())
          .addColumn('extra_json', 'text', (c) => c.notNull())
          .addColumn('origin_location', 'text', (c) => c.notNull())
          .addColumn('origin_offset', 'bigint')
          .addColumn('origin_length', 'bigint')
          .addPrimaryKeyConstraint('raw_items_v5_pk', ['case_id', 'time_key', 'id'])
          .execute();
        const kept = sql.join(V5_KEPT_COLUMNS.map((column) => sql.ref(`r.${column}`)));
        const keptNames = sql.join(V5_KEPT_COLUMNS.map((column) => sql.ref(column)));
        await sql`INSERT INTO raw_items_v5 (origin, ${keptNames})
          SELECT o.seq, ${kept} FROM raw_items r JOIN raw_item_origins o
            ON o.case_id = r.case_id AND o.source_id = r.source_id AND o.format = r.format AND o.file = r.origin_file AND o.sha256 = coalesce(r.origin_sha256, '')
          ORDER BY r.case_id, r.time_key, r.id`.execute(db);
        await db.schema.dropTable('raw_items').execute();
        await db.schema.alterTable('raw_items_v5').renameTo('raw_items').execute();
        await db.schema.createIndex('raw_items_origin').on('raw_items').columns(['case_id', 'origin']).execute();
      },
    },
    '0006_incidents': {
      async up(db: Kysely<unknown>): Promise<void> {
        // Incidents from src/correlate: each report names its incident; each incident keeps its
        // summary (centroid, window, counts) with the figures one sorts and maps by as columns.
        await db.schema.alterTable('reports').addColumn('incident', 'text').execute();
        await db.schema.createIndex('reports_incident').on('reports').columns(['case_id', 'incident']).execute();
        await db.schema
          .createTable('incidents')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('reports', 'integer', (c) => c.notNull())
          .addColumn('families', 'integer', (c) => c.notNull())
          .addColumn('window_from', 'text', (c) => c.notNull())
          .addColumn('window_to', 'text', (c) => c.notNull())
          .addColumn('lat', float)
          .addColumn('lon', float)
          .addColumn('uncertainty_km', float)
          .addColumn('summary_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('incidents_pk', ['case_id', 'id'])
          .execute();
      },
    },
  };
}

/** The columns of raw_items that 0005 copies as they are. */
const V5_KEPT_COLUMNS = [
  'case_id',
  'time_key',
  'id',
  'external_id',
  'kind',
  'channel_id',
  'channel_name',
  'channel_type',
  'author_id',
  'author_name',
  'author_pseudonymous',
  'edited_time',
  'title',
  'text',
  'url',
  'declared_language',
  'forwarded_from',
  'reply_to',
  'lat',
  'lon',
  'media_json',
  'extra_json',
  'origin_location',
  'origin_offset',
  'origin_length',
] as const;

/** The columns of raw_items as 0001 made them: what 0003 copies over. */
const RAW_ITEM_COLUMNS = [
  'case_id',
  'id',
  'source_id',
  'format',
  'external_id',
  'kind',
  'channel_id',
  'channel_name',
  'channel_type',
  'author_id',
  'author_name',
  'author_pseudonymous',
  'time',
  'edited_time',
  'title',
  'text',
  'url',
  'declared_language',
  'forwarded_from',
  'reply_to',
  'lat',
  'lon',
  'media_json',
  'extra_json',
  'origin_file',
  'origin_sha256',
  'origin_location',
  'origin_offset',
  'origin_length',
  'ingested_at',
] as const;
