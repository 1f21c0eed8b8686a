import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Store, type DialectName } from '../../src/store/index.js';

/** Every store test runs on each of these, for real: a SQLite file and the running PostgreSQL. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** The PostgreSQL the tests use; CI and every development machine run one on 127.0.0.1. */
export const TEST_POSTGRES_URL = process.env['CORROBORATE_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  dialect: DialectName;
  /** The URL or path to open it again (another Store, a child process). */
  url: string;
  schema: string | null;
  open(): Promise<Store>;
  /** Environment for a child process that should use this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh, empty database: a new SQLite file, or a new PostgreSQL schema. */
export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-db-'));
    const url = join(dir, 'test.db');
    return {
      dialect,
      url,
      schema: null,
      open: () => Store.open({ url }),
      env: { CORROBORATE_DB: url },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    dialect,
    url: TEST_POSTGRES_URL,
    schema,
    open: () => Store.open({ url: TEST_POSTGRES_URL, schema }),
    env: { CORROBORATE_DB: withSchema(TEST_POSTGRES_URL, schema) },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A postgres URL that selects a schema (the store reads `?schema=`). */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('schema', schema);
  return parsed.toString();
}
