import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database as Tables } from './schema.js';
import { migrations, type DialectName } from './migrations.js';

export interface StoreLocation {
  /** A SQLite file path, or a `postgres://` / `postgresql://` URL. */
  url: string;
  /** PostgreSQL only: the schema to use (created if missing); else the URL's `?schema=`, else `public`. */
  schema?: string;
}

export interface OpenedDatabase {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** SQLite: the connection under Kysely, with its statement cache, for the few hot paths that bypass Kysely. */
  sqlite: CachedSqlite | null;
  /** Human-readable, without a password. */
  description: string;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Open the database and bring its schema up to date — or only up to the migration named
 * `migrateTo` (tests of a migration start from the schema before it).
 */
export async function openDatabase(location: StoreLocation, migrateTo?: string): Promise<OpenedDatabase> {
  if (isPostgresUrl(location.url)) return openPostgres(location, migrateTo);
  return openSqlite(location.url, migrateTo);
}

async function openSqlite(path: string, migrateTo?: string): Promise<OpenedDatabase> {
  const database = new Database(path);
  // 16 KiB pages for a new file (an existing one keeps its size): a raw item is ~600 bytes, and
  // bigger pages mean fewer pages, and WAL frames, per thousand of them (bench: −20 % store time).
  database.pragma('page_size = 16384');
  // WAL lets readers work while an ingest writes; NORMAL sync is durable across process
  // crashes (what the kill-and-restart test checks), and loses at most the last commits on power loss.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  // A 16 MB page cache: raw items are keyed so that an ingest appends (migration 0003), and
  // what it touches is the right edge of each B-tree. Checkpoints every 64 MB of WAL (in pages
  // of the file's size): fewer, larger checkpoints write each page fewer times.
  database.pragma('cache_size = -16384');
  const pageSize = Number(database.pragma('page_size', { simple: true }));
  database.pragma(`wal_autocheckpoint = ${Math.round((64 * 1024 * 1024) / pageSize)}`);
  const cached = withStatementCache(database);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: cached }) });
  await migrate(db, 'sqlite', undefined, migrateTo);
  return { db, dialect: 'sqlite', sqlite: cached, description: `SQLite ${path}` };
}

/**
 * better-sqlite3 with its prepared statements kept by SQL text: the same INSERT, run once per
 * batch, is parsed and planned once. A statement still being iterated is never handed out again.
 */
export interface CachedSqlite extends SqliteDatabase {
  prepare(sql: string): Database.Statement;
}

function withStatementCache(database: Database.Database): CachedSqlite {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      database.close();
    },
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached !== undefined && !cached.busy) return cached;
      const statement = database.prepare(text);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
      cache.set(text, statement);
      return statement;
    },
  };
}

const STATEMENT_CACHE_SIZE = 200;
const INT8_OID = 20;

async function openPostgres(location: StoreLocation, migrateTo?: string): Promise<OpenedDatabase> {
  const url = new URL(location.url);
  const schema = location.schema ?? url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a valid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: 4,
    options: `-c search_path=${schema}`,
    // bigint columns hold byte counts and offsets, well inside 2^53: read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
        oid === INT8_OID ? (value: string) => Number(value) : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
    await migrate(db, 'postgres', schema, migrateTo);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  url.password = '';
  return { db, dialect: 'postgres', sqlite: null, description: `PostgreSQL ${url.host}${url.pathname} (schema ${schema})` };
}

async function migrate(db: Kysely<Tables>, dialect: DialectName, schema?: string, migrateTo?: string): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve(migrations(dialect)),
  };
  // Name the schema: otherwise the migrator looks for its own tables in every schema, and a
  // lock table in another schema (another case's, a test's) makes it skip creating ours.
  const migrator = new Migrator({ db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = migrateTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(migrateTo);
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
}
