import { hash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import { Incident, MediaFacts, hamming, hashBands, type CaseFile, type CustodyEntry, type DiagnosticRecord, type HashAlgorithm, type FamilyMembership, type RawItem, type RecycledMedia, type Report } from '../model/index.js';
import { FOLD_FROM, FOLD_TO, type DialectName } from './migrations.js';
import { openDatabase, type CachedSqlite, type StoreLocation } from './open.js';
import type { Database, IngestRunsTable, RawItemsTable, ReportsTable } from './schema.js';

export interface CaseRecord {
  id: string;
  title: string;
  synthetic: boolean;
  claim: CaseFile['claim'];
  caseFile: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SourceRecord {
  caseId: string;
  id: string;
  kind: string;
  path: string | null;
  url: string | null;
  label: string | null;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
}

export type RunStatus = 'running' | 'completed' | 'failed' | 'not-modified' | 'interrupted';

export interface IngestRun {
  id: string;
  caseId: string;
  sourceId: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  format: string | null;
  inputSha256: string | null;
  inputBytes: number | null;
  itemsSeen: number;
  itemsAdded: number;
  diagnosticsSeen: number;
  diagnosticsAdded: number;
  error: string | null;
  toolVersion: string;
}

/** A diagnostic as stored: tied to a case, a source and the run that first saw it. */
export interface StoredDiagnostic extends DiagnosticRecord {
  sourceId: string;
}

/** One transaction's worth of an ingest: see `Store.writeIngestBatch`. */
export interface IngestBatch {
  runId: string;
  /** When the batch was stored (diagnostics' and media facts' `created_at`). */
  at: string;
  rows: RawItemBatch;
  facts: MediaFacts[];
  diagnostics: StoredDiagnostic[];
  /** The run's counters so far, this batch included. */
  itemsSeen: number;
  diagnosticsSeen: number;
}

export interface IngestBatchResult {
  itemsAdded: number;
  diagnosticsAdded: number;
}

export interface Count {
  key: string | null;
  count: number;
}

/** Rows per multi-row INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 500;

/** The widest near-copy look-up the band index answers exactly (bits); hashBands makes 11 bands. */
const BAND_WITHIN = 10;

/**
 * The one store, over Kysely, for SQLite and PostgreSQL alike. Writes are idempotent: every
 * record has a content-derived key and inserts skip what is already there, so a re-run or a
 * retry after a crash adds nothing twice.
 */
export class Store {
  private constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    readonly description: string,
    /** Where it was opened: another thread opens its own connection here (the ingest writer). */
    readonly location: StoreLocation,
    private readonly owner: boolean,
    /** SQLite: the connection under `db`, for inserts that bypass Kysely. */
    private readonly native: CachedSqlite | null,
    /** Origins' numbers by their key, shared with this store's transactions (see `originSeq`). */
    private readonly origins: Map<string, number>,
  ) {}

  static async open(location: StoreLocation): Promise<Store> {
    const opened = await openDatabase(location);
    return new Store(opened.db, opened.dialect, opened.description, location, true, opened.sqlite, new Map());
  }

  async close(): Promise<void> {
    if (this.owner) await this.db.destroy();
  }

  /** Run `work` in one transaction: all of its writes land, or none. */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute((trx: Transaction<Database>) => work(new Store(trx, this.dialect, this.description, this.location, false, this.native, this.origins)));
    } catch (error) {
      // An origin numbered in a transaction that rolled back does not exist: forget them all.
      this.origins.clear();
      throw error;
    }
  }

  // Cases

  async upsertCase(caseFile: CaseFile, caseFilePath: string | null, at: string): Promise<void> {
    await this.db
      .insertInto('cases')
      .values({
        id: caseFile.id,
        title: caseFile.title,
        synthetic: caseFile.synthetic ? 1 : 0,
        claim_json: JSON.stringify(caseFile.claim),
        case_file: caseFilePath,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          title: caseFile.title,
          synthetic: caseFile.synthetic ? 1 : 0,
          claim_json: JSON.stringify(caseFile.claim),
          case_file: caseFilePath,
          updated_at: at,
        }),
      )
      .execute();
  }

  async getCase(id: string): Promise<CaseRecord | null> {
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    return {
      id: row.id,
      title: row.title,
      synthetic: row.synthetic === 1,
      claim: JSON.parse(row.claim_json) as CaseFile['claim'],
      caseFile: row.case_file,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async listCases(): Promise<{ id: string; title: string; synthetic: boolean; updatedAt: string }[]> {
    const rows = await this.db.selectFrom('cases').select(['id', 'title', 'synthetic', 'updated_at']).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, title: r.title, synthetic: r.synthetic === 1, updatedAt: r.updated_at }));
  }

  // Sources

  async upsertSource(source: Omit<SourceRecord, 'etag' | 'lastModified' | 'lastFetchedAt'>, at: string): Promise<void> {
    await this.db
      .insertInto('sources')
      .values({
        case_id: source.caseId,
        id: source.id,
        kind: source.kind,
        path: source.path,
        url: source.url,
        label: source.label,
        etag: null,
        last_modified: null,
        last_fetched_at: null,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['case_id', 'id']).doUpdateSet({ kind: source.kind, path: source.path, url: source.url, label: source.label }))
      .execute();
  }

  async getSource(caseId: string, id: string): Promise<SourceRecord | null> {
    const row = await this.db.selectFrom('sources').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    return {
      caseId: row.case_id,
      id: row.id,
      kind: row.kind,
      path: row.path,
      url: row.url,
      label: row.label,
      etag: row.etag,
      lastModified: row.last_modified,
      lastFetchedAt: row.last_fetched_at,
    };
  }

  async listSources(caseId: string): Promise<SourceRecord[]> {
    const rows = await this.db.selectFrom('sources').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
    return rows.map((row) => ({
      caseId: row.case_id,
      id: row.id,
      kind: row.kind,
      path: row.path,
      url: row.url,
      label: row.label,
      etag: row.etag,
      lastModified: row.last_modified,
      lastFetchedAt: row.last_fetched_at,
    }));
  }

  /** Remember the validators of a fetched URL for the next conditional GET. */
  async setFetchState(caseId: string, id: string, state: { etag: string | null; lastModified: string | null; fetchedAt: string }): Promise<void> {
    await this.db
      .updateTable('sources')
      .set({ etag: state.etag, last_modified: state.lastModified, last_fetched_at: state.fetchedAt })
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .execute();
  }

  // Ingest runs

  async startRun(run: Pick<IngestRun, 'id' | 'caseId' | 'sourceId' | 'startedAt' | 'toolVersion'>): Promise<void> {
    await this.db
      .insertInto('ingest_runs')
      .values({
        id: run.id,
        case_id: run.caseId,
        source_id: run.sourceId,
        status: 'running',
        started_at: run.startedAt,
        finished_at: null,
        format: null,
        input_sha256: null,
        input_bytes: null,
        items_seen: 0,
        items_added: 0,
        diagnostics_seen: 0,
        diagnostics_added: 0,
        error: null,
        tool_version: run.toolVersion,
      })
      .execute();
  }

  async updateRun(id: string, changes: Partial<Omit<IngestRun, 'id' | 'caseId' | 'sourceId' | 'startedAt' | 'toolVersion'>>): Promise<void> {
    const set: Partial<IngestRunsTable> = {};
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.finishedAt !== undefined) set.finished_at = changes.finishedAt;
    if (changes.format !== undefined) set.format = changes.format;
    if (changes.inputSha256 !== undefined) set.input_sha256 = changes.inputSha256;
    if (changes.inputBytes !== undefined) set.input_bytes = changes.inputBytes;
    if (changes.itemsSeen !== undefined) set.items_seen = changes.itemsSeen;
    if (changes.itemsAdded !== undefined) set.items_added = changes.itemsAdded;
    if (changes.diagnosticsSeen !== undefined) set.diagnostics_seen = changes.diagnosticsSeen;
    if (changes.diagnosticsAdded !== undefined) set.diagnostics_added = changes.diagnosticsAdded;
    if (changes.error !== undefined) set.error = changes.error;
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable('ingest_runs').set(set).where('id', '=', id).execute();
  }

  /** Runs of a source left `running` by a process that died: say so, do not pretend they finished. */
  async markInterrupted(caseId: string, sourceId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('ingest_runs')
      .set({ status: 'interrupted', finished_at: at, error: 'the process stopped before the run finished; a later run picked up from the start' })
      .where('case_id', '=', caseId)
      .where('source_id', '=', sourceId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listRuns(caseId: string): Promise<IngestRun[]> {
    const rows = await this.db.selectFrom('ingest_runs').selectAll().where('case_id', '=', caseId).orderBy('started_at').orderBy('id').execute();
    return rows.map(runFromRow);
  }

  /** The newest run of a source that stored everything it read, if any. */
  async lastCompletedRun(caseId: string, sourceId: string): Promise<IngestRun | null> {
    const row = await this.db
      .selectFrom('ingest_runs')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('source_id', '=', sourceId)
      .where('status', '=', 'completed')
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row === undefined ? null : runFromRow(row);
  }

  // Raw items

  /** Insert items not already stored; returns how many were new. */
  async insertRawItems(caseId: string, sourceId: string, items: readonly RawItem[], at: string, runId: string | null = null): Promise<number> {
    const rows = new RawItemRows(caseId, sourceId);
    for (const item of items) rows.add(item);
    return this.insertRawItemRows(rows.take(), runId, at);
  }

  /**
   * Insert rows laid out by `RawItemRows` (an ingest lays them out where it parses, and may hand
   * them to another thread); returns how many were new.
   */
  async insertRawItemRows(batch: RawItemBatch, runId: string | null, at: string): Promise<number> {
    const seqs: number[] = [];
    for (const origin of batch.origins) seqs.push(await this.originSeq(batch.caseId, origin, runId, at));
    const { rows } = batch;
    for (const row of rows) row[ORIGIN_COLUMN] = seqs[row[ORIGIN_COLUMN] as number];
    if (this.native !== null) {
      // SQLite: one prepared single-row INSERT run per row, on the connection Kysely's
      // transaction holds — no SQL text or parameter array as large as the batch to build.
      const insert = this.native.prepare(rawItemInsertSql('sqlite', 1));
      let added = 0;
      for (const row of rows) added += insert.run(row).changes;
      return added;
    }
    const width = RAW_ITEM_COLUMNS.length;
    let added = 0;
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const part = rows.slice(start, start + BATCH_ROWS);
      const values = new Array<unknown>(part.length * width);
      let k = 0;
      for (const row of part) for (const value of row) values[k++] = value;
      const result = await this.db.executeQuery(CompiledQuery.raw(rawItemInsertSql(this.dialect, part.length), values));
      added += Number(result.numAffectedRows ?? 0n);
    }
    return added;
  }

  /**
   * The number of an origin (a source file with its content) in a case, made on first use.
   * Numbers come from max + 1; a writer that loses a race to another reads the winner's row.
   */
  private async originSeq(caseId: string, origin: RawItemOrigin, runId: string | null, at: string): Promise<number> {
    const sha256 = origin.sha256 ?? '';
    const key = [caseId, origin.sourceId, origin.format, origin.file, sha256].join('\u0000');
    const known = this.origins.get(key);
    if (known !== undefined) return known;
    for (let attempt = 0; attempt < 10; attempt++) {
      const row = await this.db
        .selectFrom('raw_item_origins')
        .select('seq')
        .where('case_id', '=', caseId)
        .where('source_id', '=', origin.sourceId)
        .where('format', '=', origin.format)
        .where('file', '=', origin.file)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      if (row !== undefined) {
        this.origins.set(key, row.seq);
        return row.seq;
      }
      await sql`INSERT INTO raw_item_origins (case_id, seq, source_id, format, file, sha256, first_run_id, first_at)
        SELECT ${caseId}, coalesce(max(seq), 0) + 1, ${origin.sourceId}, ${origin.format}, ${origin.file}, ${sha256}, ${runId}, ${at}
        FROM raw_item_origins WHERE case_id = ${caseId}
        ON CONFLICT DO NOTHING`.execute(this.db);
    }
    throw new Error(`could not number the origin ${origin.file} of case ${caseId}: other writers kept taking the next number`);
  }

  /**
   * One batch of an ingest in one transaction: its items, what its media say, its diagnostics,
   * and the run's counters (added to, so that batches may be written by another thread).
   */
  async writeIngestBatch(batch: IngestBatch): Promise<IngestBatchResult> {
    return this.transaction(async (tx) => {
      const itemsAdded = await tx.insertRawItemRows(batch.rows, batch.runId, batch.at);
      await tx.upsertMediaFacts(batch.rows.caseId, batch.facts, batch.at);
      const diagnosticsAdded = await tx.insertDiagnostics(batch.rows.caseId, batch.runId, batch.diagnostics, batch.at);
      await tx.db
        .updateTable('ingest_runs')
        .set((eb) => ({
          items_seen: batch.itemsSeen,
          diagnostics_seen: batch.diagnosticsSeen,
          items_added: eb('items_added', '+', itemsAdded),
          diagnostics_added: eb('diagnostics_added', '+', diagnosticsAdded),
        }))
        .where('id', '=', batch.runId)
        .execute();
      return { itemsAdded, diagnosticsAdded };
    });
  }

  async countRawItems(caseId: string): Promise<number> {
    const row = await this.db.selectFrom('raw_items').select((eb) => eb.fn.countAll<string | number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countRawItemsBy(caseId: string, column: 'source_id' | 'format' | 'channel_name' | 'kind'): Promise<Count[]> {
    if (column === 'source_id' || column === 'format') {
      // Counted per origin first (an index), then summed over the origins' sources or formats.
      const rows = await this.db
        .selectFrom('raw_items as r')
        .innerJoin('raw_item_origins as o', (join) => join.onRef('o.case_id', '=', 'r.case_id').onRef('o.seq', '=', 'r.origin'))
        .select([`o.${column} as key`, (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('r.case_id', '=', caseId)
        .groupBy(`o.${column}`)
        .orderBy(`o.${column}`)
        .execute();
      return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
    }
    const rows = await this.db
      .selectFrom('raw_items')
      .select([column, (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('case_id', '=', caseId)
      .groupBy(column)
      .orderBy(column)
      .execute();
    return rows.map((r) => ({ key: r[column], count: Number(r.n) }));
  }

  /** raw_items with what their origin says, as items are read back. */
  private rawItemsWithOrigins(caseId: string) {
    return this.db
      .selectFrom('raw_items as r')
      .innerJoin('raw_item_origins as o', (join) => join.onRef('o.case_id', '=', 'r.case_id').onRef('o.seq', '=', 'r.origin'))
      .selectAll('r')
      .select(['o.source_id', 'o.format', 'o.file as origin_file', 'o.sha256 as origin_sha256'])
      .where('r.case_id', '=', caseId);
  }

  /** Page through a case's items in a stable order (by time, then id; untimed first), `limit` at a time. */
  async *iterateRawItems(caseId: string, limit = 1000): AsyncIterable<RawItem & { sourceId: string }> {
    let after: { timeKey: string; id: string } | null = null;
    for (;;) {
      let query = this.rawItemsWithOrigins(caseId);
      if (after !== null) {
        const { timeKey, id } = after;
        query = query.where((eb) => eb(eb.refTuple('r.time_key', 'r.id'), '>', eb.tuple(timeKey, id)));
      }
      const rows = await query.orderBy('r.time_key').orderBy('r.id').limit(limit).execute();
      for (const row of rows) yield rawItemFromRow(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < limit) return;
      after = { timeKey: last.time_key, id: last.id };
    }
  }

  /**
   * One item by id. The key leads with time (see migration 0003), so without the time this
   * reads the case's items; give the item's time when it is known.
   */
  async getRawItem(caseId: string, id: string, time?: string | null): Promise<(RawItem & { sourceId: string }) | null> {
    let query = this.rawItemsWithOrigins(caseId);
    if (time !== undefined) query = query.where('r.time_key', '=', time ?? '');
    const row = await query.where('r.id', '=', id).executeTakeFirst();
    return row === undefined ? null : rawItemFromRow(row);
  }

  // Diagnostics

  async insertDiagnostics(caseId: string, runId: string, diagnostics: readonly StoredDiagnostic[], at: string): Promise<number> {
    let added = 0;
    for (let start = 0; start < diagnostics.length; start += BATCH_ROWS) {
      const rows = diagnostics.slice(start, start + BATCH_ROWS).map((d) => ({
        case_id: caseId,
        id: diagnosticId(d),
        source_id: d.sourceId,
        rule_id: d.ruleId,
        severity: d.severity,
        message: d.message,
        file: d.file,
        location: d.location,
        first_run_id: runId,
        created_at: at,
      }));
      // One diagnostic twice in a batch (a file listed twice) must not break the insert.
      const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
      const result = await this.db
        .insertInto('diagnostics')
        .values(unique)
        .onConflict((oc) => oc.columns(['case_id', 'id']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
  }

  async listDiagnostics(caseId: string, options: { sourceId?: string; limit?: number } = {}): Promise<StoredDiagnostic[]> {
    let query = this.db.selectFrom('diagnostics').selectAll().where('case_id', '=', caseId);
    if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
    const rows = await query.orderBy('source_id').orderBy('file').orderBy('created_at').orderBy('id').limit(options.limit ?? 1_000_000).execute();
    return rows.map((r) => ({
      sourceId: r.source_id,
      ruleId: r.rule_id,
      severity: r.severity as StoredDiagnostic['severity'],
      message: r.message,
      file: r.file,
      location: r.location,
    }));
  }

  async countDiagnosticsByRule(caseId: string): Promise<(Count & { severity: string })[]> {
    const rows = await this.db
      .selectFrom('diagnostics')
      .select(['rule_id', 'severity', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('case_id', '=', caseId)
      .groupBy(['rule_id', 'severity'])
      .orderBy('rule_id')
      .execute();
    return rows.map((r) => ({ key: r.rule_id, severity: r.severity, count: Number(r.n) }));
  }

  // Custody (a queryable mirror of the vault's log)

  async insertCustodyEntries(vault: string, entries: readonly CustodyEntry[]): Promise<number> {
    let added = 0;
    for (let start = 0; start < entries.length; start += BATCH_ROWS) {
      const rows = entries.slice(start, start + BATCH_ROWS).map((e) => ({
        hash: e.hash,
        case_id: e.caseId,
        vault,
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        action: e.action,
        sha256: e.sha256,
        bytes: e.bytes,
        media_type: e.mediaType,
        source_path: e.source.path,
        source_url: e.source.url,
        tool_version: e.toolVersion,
        note: e.note,
        prev: e.prev,
      }));
      const result = await this.db.insertInto('custody_entries').values(rows).onConflict((oc) => oc.column('hash').doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
  }

  /** The highest custody sequence number mirrored from a vault (0 when none). */
  async lastCustodySeq(vault: string): Promise<number> {
    const row = await this.db.selectFrom('custody_entries').select((eb) => eb.fn.max('seq').as('seq')).where('vault', '=', vault).executeTakeFirst();
    return row?.seq ?? 0;
  }

  async listCustody(caseId: string): Promise<{ seq: number; at: string; action: string; sha256: string; bytes: number; mediaType: string; sourcePath: string | null; sourceUrl: string | null }[]> {
    const rows = await this.db.selectFrom('custody_entries').selectAll().where('case_id', '=', caseId).orderBy('vault').orderBy('seq').execute();
    return rows.map((r) => ({ seq: r.seq, at: r.at, action: r.action, sha256: r.sha256, bytes: r.bytes, mediaType: r.media_type, sourcePath: r.source_path, sourceUrl: r.source_url }));
  }

  // Media

  /** Keep what photos, videos and sound files say about themselves (once per content hash). */
  async upsertMediaFacts(caseId: string, facts: readonly MediaFacts[], at: string): Promise<number> {
    let added = 0;
    for (const f of facts) {
      const result = await this.db
        .insertInto('media_facts')
        .values({
          case_id: caseId,
          sha256: f.sha256,
          media_type: f.mediaType,
          kind: f.kind,
          bytes: f.bytes,
          width: f.width,
          height: f.height,
          duration_seconds: f.durationSeconds,
          taken_at: f.exif?.takenAt ?? null,
          taken_at_has_offset: f.exif?.takenAtHasOffset === true ? 1 : 0,
          lat: f.exif?.gps?.lat ?? null,
          lon: f.exif?.gps?.lon ?? null,
          hash_algorithm: f.hashAlgorithm,
          perceptual_hash: f.perceptualHash,
          facts_json: JSON.stringify(f),
          created_at: at,
        })
        .onConflict((oc) => oc.columns(['case_id', 'sha256']).doNothing())
        .executeTakeFirst();
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n);
      added += inserted;
      if (inserted === 0 || f.hashAlgorithm === null) continue;
      const frames = [
        ...(f.perceptualHash === null ? [] : [{ frameMs: -1, hash: f.perceptualHash }]),
        ...f.keyframes.map((k) => ({ frameMs: Math.round(k.timeSeconds * 1000), hash: k.perceptualHash })),
      ];
      // Two keyframes at one millisecond (a rounding) keep the first.
      const unique = [...new Map(frames.map((frame) => [frame.frameMs, frame])).values()];
      if (unique.length === 0) continue;
      await this.db
        .insertInto('media_hashes')
        .values(unique.map((frame) => ({ case_id: caseId, sha256: f.sha256, frame_ms: frame.frameMs, hash_algorithm: f.hashAlgorithm ?? '', hash: frame.hash })))
        .onConflict((oc) => oc.columns(['case_id', 'sha256', 'frame_ms']).doNothing())
        .execute();
      await this.db
        .insertInto('media_hash_bands')
        .values(unique.flatMap((frame) => hashBands(frame.hash, BAND_WITHIN).map((band) => ({ case_id: caseId, band: `${f.hashAlgorithm ?? ''}/${band}`, sha256: f.sha256, frame_ms: frame.frameMs }))))
        .onConflict((oc) => oc.columns(['case_id', 'band', 'sha256', 'frame_ms']).doNothing())
        .execute();
    }
    return added;
  }

  /** How many media files a case describes, and how many of them carry a capture time, a place, a hash. */
  async countMedia(caseId: string): Promise<{ total: number; withTime: number; withPlace: number; hashed: number; byKind: Record<string, number> }> {
    const rows = await this.db
      .selectFrom('media_facts')
      .select((eb) => [
        'kind',
        eb.fn.countAll<string | number>().as('n'),
        eb.fn.count<string | number>('taken_at').as('with_time'),
        eb.fn.count<string | number>('lat').as('with_place'),
        eb.fn.count<string | number>('perceptual_hash').as('hashed'),
      ])
      .where('case_id', '=', caseId)
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    const sum = (pick: (r: (typeof rows)[number]) => string | number): number => rows.reduce((total, r) => total + Number(pick(r)), 0);
    return {
      total: sum((r) => r.n),
      withTime: sum((r) => r.with_time),
      withPlace: sum((r) => r.with_place),
      hashed: sum((r) => r.hashed),
      byKind: Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])),
    };
  }

  /** Which of these content hashes already have their facts. */
  async knownMedia(caseId: string, sha256s: readonly string[]): Promise<Set<string>> {
    if (sha256s.length === 0) return new Set();
    const rows = await this.db.selectFrom('media_facts').select('sha256').where('case_id', '=', caseId).where('sha256', 'in', [...sha256s]).execute();
    return new Set(rows.map((r) => r.sha256));
  }

  async getMediaFacts(caseId: string, sha256: string): Promise<MediaFacts | null> {
    const row = await this.db.selectFrom('media_facts').select('facts_json').where('case_id', '=', caseId).where('sha256', '=', sha256).executeTakeFirst();
    return row === undefined ? null : MediaFacts.parse(JSON.parse(row.facts_json));
  }

  /** The facts of each of these files that the media stage has described (others are left out). */
  async getMediaFactsMany(caseId: string, sha256s: readonly string[]): Promise<Map<string, MediaFacts>> {
    const found = new Map<string, MediaFacts>();
    const unique = [...new Set(sha256s)];
    for (let start = 0; start < unique.length; start += BATCH_ROWS) {
      const rows = await this.db
        .selectFrom('media_facts')
        .select(['sha256', 'facts_json'])
        .where('case_id', '=', caseId)
        .where('sha256', 'in', unique.slice(start, start + BATCH_ROWS))
        .execute();
      for (const row of rows) found.set(row.sha256, MediaFacts.parse(JSON.parse(row.facts_json)));
    }
    return found;
  }

  /**
   * Pictures and keyframes whose perceptual hash is at most `maxDistance` bits from `hash` (made
   * with `algorithm`), nearest first: candidates come from the band index, the distance decides.
   */
  async findSimilarMedia(caseId: string, hash: string, algorithm: HashAlgorithm, maxDistance: number): Promise<{ sha256: string; frameMs: number; hash: string; distance: number }[]> {
    if (maxDistance > BAND_WITHIN) throw new RangeError(`near-copy look-ups reach ${BAND_WITHIN} bits at most, asked for ${maxDistance}`);
    const bands = hashBands(hash, BAND_WITHIN).map((band) => `${algorithm}/${band}`);
    const candidates = await this.db
      .selectFrom('media_hash_bands as b')
      .innerJoin('media_hashes as h', (join) => join.onRef('h.case_id', '=', 'b.case_id').onRef('h.sha256', '=', 'b.sha256').onRef('h.frame_ms', '=', 'b.frame_ms'))
      .select(['h.sha256', 'h.frame_ms', 'h.hash'])
      .distinct()
      .where('b.case_id', '=', caseId)
      .where('b.band', 'in', bands)
      .execute();
    return candidates
      .map((c) => ({ sha256: c.sha256, frameMs: c.frame_ms, hash: c.hash, distance: hamming(c.hash, hash) }))
      .filter((c) => c.distance <= maxDistance)
      .sort((a, b) => a.distance - b.distance || (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : a.frameMs - b.frameMs));
  }

  // Reports

  async upsertReports(reports: readonly Report[], at: string): Promise<number> {
    let written = 0;
    for (let start = 0; start < reports.length; start += BATCH_ROWS) {
      const rows = reports.slice(start, start + BATCH_ROWS).map((r) => reportRow(r, at));
      const result = await this.db
        .insertInto('reports')
        .values(rows)
        .onConflict((oc) =>
          // A report remade by a newer analysis replaces what the analysis said; its family is
          // the families stage's to set, once it has seen the whole case.
          oc.columns(['case_id', 'id']).doUpdateSet((eb) => Object.fromEntries(REPORT_ANALYSIS_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))),
        )
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return written;
  }

  /** Every report of a case, in id order, a page at a time. */
  async *iterateReports(caseId: string, limit = 1000): AsyncIterable<Report> {
    let after = '';
    for (;;) {
      const rows = await this.db.selectFrom('reports').selectAll().where('case_id', '=', caseId).where('id', '>', after).orderBy('id').limit(limit).execute();
      for (const row of rows) yield reportFromRow(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < limit) return;
      after = last.id;
    }
  }

  async getReport(caseId: string, id: string): Promise<Report | null> {
    const row = await this.db.selectFrom('reports').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : reportFromRow(row);
  }

  /** Records each report's provenance family and recycled pictures (the families stage, over the whole case). */
  async setReportProvenance(caseId: string, reports: readonly { id: string; family: FamilyMembership; recycledMedia: readonly RecycledMedia[] }[]): Promise<void> {
    for (const { id, family, recycledMedia } of reports) {
      await this.db
        .updateTable('reports')
        .set({ family: family.family, family_root: family.root, family_parent: family.parent, family_link: family.link, recycled_media_json: JSON.stringify(recycledMedia) })
        .where('case_id', '=', caseId)
        .where('id', '=', id)
        .execute();
    }
  }

  // Incidents

  /** The case's incidents, as the incidents stage made them last: the old ones go. */
  async replaceIncidents(caseId: string, incidents: readonly Incident[], at: string): Promise<void> {
    await this.db.deleteFrom('incidents').where('case_id', '=', caseId).execute();
    for (let start = 0; start < incidents.length; start += BATCH_ROWS / 5) {
      const rows = incidents.slice(start, start + BATCH_ROWS / 5).map((incident) => ({
        case_id: caseId,
        id: incident.id,
        reports: incident.reports,
        families: incident.families,
        window_from: incident.window.from,
        window_to: incident.window.to,
        lat: incident.centroid?.lat ?? null,
        lon: incident.centroid?.lon ?? null,
        uncertainty_km: incident.uncertaintyKm,
        summary_json: JSON.stringify(incident),
        created_at: at,
      }));
      await this.db.insertInto('incidents').values(rows).execute();
    }
  }

  /** Say which incident each report is in. */
  async setReportIncidents(caseId: string, assignments: readonly { id: string; incident: string | null }[]): Promise<void> {
    for (const { id, incident } of assignments) {
      await this.db.updateTable('reports').set({ incident }).where('case_id', '=', caseId).where('id', '=', id).execute();
    }
  }

  /** The case's incidents, largest first (then by first report). */
  async listIncidents(caseId: string, limit = 1000): Promise<Incident[]> {
    const rows = await this.db.selectFrom('incidents').select('summary_json').where('case_id', '=', caseId).orderBy('reports', 'desc').orderBy('window_from').orderBy('id').limit(limit).execute();
    return rows.map((row) => Incident.parse(JSON.parse(row.summary_json)));
  }

  async countIncidents(caseId: string): Promise<{ incidents: number; withSeveralReports: number }> {
    const row = await this.db
      .selectFrom('incidents')
      .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.sum<string | number | null>(eb.case().when('reports', '>', 1).then(1).else(0).end()).as('several')])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    return { incidents: Number(row.n), withSeveralReports: Number(row.several ?? 0) };
  }

  /** The incident a report is in, or null. */
  async reportIncident(caseId: string, reportId: string): Promise<string | null> {
    const row = await this.db.selectFrom('reports').select('incident').where('case_id', '=', caseId).where('id', '=', reportId).executeTakeFirst();
    return row?.incident ?? null;
  }

  /** How many reports carry a picture seen before the claimed event began. */
  async countReportsWithRecycledMedia(caseId: string): Promise<number> {
    const row = await this.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('case_id', '=', caseId)
      .where('recycled_media_json', 'is not', null)
      .where('recycled_media_json', '!=', '[]')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** How many provenance families, how many of them hold copies, and the largest. */
  async countFamilies(caseId: string): Promise<{ families: number; withCopies: number; reportsInCopies: number; largest: number }> {
    const rows = await this.db
      .selectFrom('reports')
      .select(['family', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('case_id', '=', caseId)
      .where('family', 'is not', null)
      .groupBy('family')
      .execute();
    const sizes = rows.map((r) => Number(r.n));
    const copies = sizes.filter((n) => n > 1);
    return { families: sizes.length, withCopies: copies.length, reportsInCopies: copies.reduce((a, b) => a + b, 0), largest: Math.max(0, ...sizes) };
  }

  async countReports(caseId: string): Promise<number> {
    const row = await this.db.selectFrom('reports').select((eb) => eb.fn.countAll<string | number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countReportsBy(caseId: string, column: 'language' | 'source_id' | 'channel_name' | 'event_type' | 'source_role' | 'urgency' | 'place_precision' | 'attributed_to'): Promise<Count[]> {
    const rows = await this.db
      .selectFrom('reports')
      .select([column, (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('case_id', '=', caseId)
      .groupBy(column)
      .orderBy(column)
      .execute();
    return rows.map((r) => ({ key: r[column], count: Number(r.n) }));
  }

  /**
   * Full-text search over report text (FTS5 on SQLite, tsvector on PostgreSQL), accents folded
   * on both; every word must match. Newest first.
   */
  async searchReports(caseId: string, query: string, limit = 50): Promise<{ id: string; time: string | null; text: string }[]> {
    const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return [];
    if (this.dialect === 'sqlite') {
      const match = words.map((w) => `"${w}"`).join(' ');
      const result = await sql<{ id: string; time: string | null; text: string }>`
        SELECT r.id, r.time, r.text FROM reports_fts f JOIN reports r ON r.rowid = f.rowid
        WHERE reports_fts MATCH ${match} AND r.case_id = ${caseId}
        ORDER BY r.time DESC, r.id LIMIT ${limit}`.execute(this.db);
      return result.rows;
    }
    const result = await sql<{ id: string; time: string | null; text: string }>`
      SELECT id, time, text FROM reports
      WHERE case_id = ${caseId} AND search @@ plainto_tsquery('simple', translate(${words.join(' ')}, ${FOLD_FROM}, ${FOLD_TO}))
      ORDER BY time DESC NULLS LAST, id LIMIT ${limit}`.execute(this.db);
    return result.rows;
  }
}

export function diagnosticId(d: StoredDiagnostic): string {
  return hash('sha256', JSON.stringify([d.sourceId, d.file, d.location, d.ruleId, d.message]), 'hex');
}

/** The columns a newer analysis rewrites (everything but identity, creation and family). */
const REPORT_ANALYSIS_COLUMNS = [
  'time',
  'text',
  'language',
  'language_confidence',
  'event_type',
  'negated',
  'hedged',
  'source_role',
  'attributed_to',
  'related',
  'urgency',
  'event_time_from',
  'event_time_to',
  'event_time_precision',
  'place_lat',
  'place_lon',
  'place_precision',
  'place_confidence',
  'place_name',
  'place_from',
  'analysis_json',
] as const satisfies readonly (keyof ReportsTable)[];

interface ReportSpans {
  cues: Report['classification']['cues'];
  times: Report['times'];
  counts: Report['counts'];
  toponyms: Report['toponyms'];
}

function reportRow(r: Report, at: string): ReportsTable {
  const c = r.classification;
  const spans: ReportSpans = { cues: c.cues, times: r.times, counts: r.counts, toponyms: r.toponyms };
  return {
    case_id: r.caseId,
    id: r.id,
    raw_item_id: r.rawItemId,
    source_id: r.sourceId,
    channel_id: r.channelId,
    channel_name: r.channelName,
    time: r.time,
    text: r.text,
    language: r.language,
    language_confidence: r.languageConfidence,
    created_at: at,
    event_type: c.eventType,
    negated: c.negated ? 1 : 0,
    hedged: c.hedged ? 1 : 0,
    source_role: c.sourceRole,
    attributed_to: c.attributedTo,
    related: c.related ? 1 : 0,
    urgency: c.urgency,
    event_time_from: r.eventTime?.from ?? null,
    event_time_to: r.eventTime?.to ?? null,
    event_time_precision: r.eventTime?.precision ?? null,
    place_lat: r.place?.lat ?? null,
    place_lon: r.place?.lon ?? null,
    place_precision: r.place?.precision ?? null,
    place_confidence: r.place?.confidence ?? null,
    place_name: r.place?.name ?? null,
    place_from: r.place?.from ?? null,
    family: r.family?.family ?? null,
    family_root: r.family?.root ?? null,
    family_parent: r.family?.parent ?? null,
    family_link: r.family?.link ?? null,
    recycled_media_json: JSON.stringify(r.recycledMedia),
    analysis_json: JSON.stringify(spans),
    incident: null,
  };
}

/**
 * A stored report back as a Report. A row written before the analysis stages existed reads as
 * "not analysed": unknown role, no spans, not an event report.
 */
function reportFromRow(row: ReportsTable): Report {
  const spans: ReportSpans = row.analysis_json === null ? { cues: [], times: [], counts: [], toponyms: [] } : (JSON.parse(row.analysis_json) as ReportSpans);
  return {
    id: row.id,
    caseId: row.case_id,
    rawItemId: row.raw_item_id,
    sourceId: row.source_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    time: row.time,
    text: row.text,
    language: row.language as Report['language'],
    languageConfidence: row.language_confidence,
    classification: {
      eventType: (row.event_type ?? 'not-an-event') as Report['classification']['eventType'],
      negated: row.negated === 1,
      hedged: row.hedged === 1,
      sourceRole: (row.source_role ?? 'unknown') as Report['classification']['sourceRole'],
      attributedTo: row.attributed_to,
      related: row.related === 1,
      urgency: (row.urgency ?? 'developing') as Report['classification']['urgency'],
      cues: spans.cues,
    },
    times: spans.times,
    eventTime:
      row.event_time_from === null || row.event_time_to === null || row.event_time_precision === null
        ? null
        : { from: row.event_time_from, to: row.event_time_to, precision: row.event_time_precision as NonNullable<Report['eventTime']>['precision'] },
    counts: spans.counts,
    toponyms: spans.toponyms,
    place:
      row.place_lat === null || row.place_lon === null || row.place_precision === null || row.place_from === null
        ? null
        : {
            lat: row.place_lat,
            lon: row.place_lon,
            precision: row.place_precision as NonNullable<Report['place']>['precision'],
            confidence: row.place_confidence ?? 0,
            name: row.place_name,
            from: row.place_from as NonNullable<Report['place']>['from'],
          },
    family:
      row.family === null || row.family_root === null || row.family_link === null
        ? null
        : { family: row.family, root: row.family_root, parent: row.family_parent, link: row.family_link as NonNullable<Report['family']>['link'] },
    recycledMedia: row.recycled_media_json === null ? [] : (JSON.parse(row.recycled_media_json) as RecycledMedia[]),
  };
}

/** The columns of raw_items in the order `RawItemRows` lays a row out. */
const RAW_ITEM_COLUMNS = [
  'case_id',
  'time_key',
  'id',
  'origin',
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
] as const satisfies readonly (keyof RawItemsTable)[];

/** Where `origin` sits in a row: rows name their origin by its index in the batch's list. */
const ORIGIN_COLUMN = RAW_ITEM_COLUMNS.indexOf('origin');

/** A file items came from, as a batch names it. */
export interface RawItemOrigin {
  sourceId: string;
  format: string;
  file: string;
  sha256: string | null;
}

/** Rows of raw items (RAW_ITEM_COLUMNS order), with the origins they name. */
export interface RawItemBatch {
  caseId: string;
  rows: unknown[][];
  origins: RawItemOrigin[];
}

/**
 * Lays items out as rows of raw_items as they come — arrays of plain values, cheap to build and
 * cheap to hand to another thread — and keeps the list of origins the rows point into.
 */
export class RawItemRows {
  private rows: unknown[][] = [];
  private readonly origins: RawItemOrigin[] = [];
  private readonly originIndex = new Map<string, number>();
  private last: { format: string; file: string; sha256: string | null; index: number } | null = null;

  constructor(
    private readonly caseId: string,
    private readonly sourceId: string,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  add(item: RawItem): void {
    // One small array per row: V8 builds an array literal at once, while one flat array for the
    // batch grows in the large-object space and costs ten times more (bench: 1.7 s vs 0.1 s per million).
    this.rows.push([
      this.caseId,
      item.time ?? '',
      item.id,
      this.originOf(item),
      item.externalId,
      item.kind,
      item.channel.id,
      item.channel.name,
      item.channel.type,
      item.author?.id ?? null,
      item.author?.name ?? null,
      item.author?.pseudonymous === true ? 1 : 0,
      item.editedTime,
      item.title,
      item.text,
      item.url,
      item.declaredLanguage,
      item.forwardedFrom,
      item.replyTo,
      item.geo?.lat ?? null,
      item.geo?.lon ?? null,
      item.media.length === 0 ? '[]' : JSON.stringify(item.media),
      isEmpty(item.extra) ? '{}' : JSON.stringify(item.extra),
      item.origin.location,
      item.origin.offset,
      item.origin.length,
    ]);
  }

  /** The rows so far, and start afresh (the origins list carries on: later rows may name them). */
  take(): RawItemBatch {
    const batch = { caseId: this.caseId, rows: this.rows, origins: [...this.origins] };
    this.rows = [];
    return batch;
  }

  private originOf(item: RawItem): number {
    const { file, sha256 } = item.origin;
    // Runs of items share an origin: compare with the last one before building a key.
    const last = this.last;
    if (last !== null && last.file === file && last.sha256 === sha256 && last.format === item.format) return last.index;
    const key = `${item.format}\u0000${file}\u0000${sha256 ?? ''}`;
    let index = this.originIndex.get(key);
    if (index === undefined) {
      index = this.origins.length;
      this.origins.push({ sourceId: this.sourceId, format: item.format, file, sha256 });
      this.originIndex.set(key, index);
    }
    this.last = { format: item.format, file, sha256, index };
    return index;
  }
}

function isEmpty(record: Readonly<Record<string, unknown>>): boolean {
  for (const _ in record) return false;
  return true;
}

const rawItemInserts = new Map<string, string>();

/**
 * `INSERT … ON CONFLICT DO NOTHING` of `rows` rows of raw items, with the dialect's
 * placeholders; made once per shape, and the same text lets SQLite reuse its prepared statement.
 */
function rawItemInsertSql(dialect: DialectName, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = rawItemInserts.get(key);
  if (text === undefined) {
    text = buildRawItemInsert(dialect, rows);
    rawItemInserts.set(key, text);
  }
  return text;
}

function buildRawItemInsert(dialect: DialectName, rows: number): string {
  const width = RAW_ITEM_COLUMNS.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const marks = dialect === 'postgres' ? Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`) : Array.from({ length: width }, () => '?');
    tuples.push(`(${marks.join(', ')})`);
  }
  const columns = RAW_ITEM_COLUMNS.map((c) => `"${c}"`).join(', ');
  return `insert into "raw_items" (${columns}) values ${tuples.join(', ')} on conflict ("case_id", "time_key", "id") do nothing`;
}

function rawItemFromRow(row: RawItemsTable & { source_id: string; format: string; origin_file: string; origin_sha256: string }): RawItem & { sourceId: string } {
  return {
    id: row.id,
    sourceId: row.source_id,
    format: row.format as RawItem['format'],
    externalId: row.external_id,
    kind: row.kind,
    channel: { id: row.channel_id, name: row.channel_name, type: row.channel_type },
    author: row.author_id === null && row.author_name === null ? null : { id: row.author_id, name: row.author_name, pseudonymous: row.author_pseudonymous === 1 },
    time: row.time_key === '' ? null : row.time_key,
    editedTime: row.edited_time,
    title: row.title,
    text: row.text,
    url: row.url,
    declaredLanguage: row.declared_language,
    forwardedFrom: row.forwarded_from,
    replyTo: row.reply_to,
    media: JSON.parse(row.media_json) as RawItem['media'],
    geo: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
    extra: JSON.parse(row.extra_json) as RawItem['extra'],
    origin: { file: row.origin_file, sha256: row.origin_sha256 === '' ? null : row.origin_sha256, location: row.origin_location, offset: row.origin_offset, length: row.origin_length },
  };
}

function runFromRow(r: IngestRunsTable): IngestRun {
  return {
    id: r.id,
    caseId: r.case_id,
    sourceId: r.source_id,
    status: r.status as RunStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    format: r.format,
    inputSha256: r.input_sha256,
    inputBytes: r.input_bytes,
    itemsSeen: r.items_seen,
    itemsAdded: r.items_added,
    diagnosticsSeen: r.diagnostics_seen,
    diagnosticsAdded: r.diagnostics_added,
    error: r.error,
    toolVersion: r.tool_version,
  };
}
