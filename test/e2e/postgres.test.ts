import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_POSTGRES_URL, freshDatabase, withSchema, type TestDatabase } from '../helpers/databases.js';
import { DEMO_CASE_ID, DEMO_ITEMS, DEMO_TOTAL_ITEMS, DEMO_TOTAL_REPORTS, STACK_FRAME, copyDemo, itemsLine, makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

let dir: string;
let casePath: string;
/** Unset until made, so that a failed start-up has nothing to drop. */
let database: TestDatabase | undefined;
let schema: string;
let url: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
  casePath = await copyDemo(dir);
  database = await freshDatabase('postgres');
  schema = database.schema ?? '';
  url = withSchema(database.url, schema);
});

afterAll(async () => {
  await database?.drop();
  await removeTempDir(dir);
});

describe('--db postgres://…?schema=', () => {
  it('investigate stores the demo case in PostgreSQL and keeps the vault on disk', async () => {
    const workspace = join(dir, '.corroborate');
    const run = await runCli(['investigate', casePath, '--quiet', '--db', url], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PostgreSQL ');
    expect(run.stdout).toContain(`(schema ${schema})`);
    for (const [source, items, added] of DEMO_ITEMS) {
      expect(run.stdout).toMatch(new RegExp(`^✓ ${source}: .* ${itemsLine(items, added)}(, .*)?$`, 'm'));
    }
    expect(run.stdout).toContain(`items ${DEMO_TOTAL_ITEMS} · reports ${DEMO_TOTAL_REPORTS}`);
    expect(existsSync(join(workspace, 'corroborate.db'))).toBe(false);
    expect(existsSync(join(workspace, DEMO_CASE_ID, 'vault', 'custody.jsonl'))).toBe(true);

    // The tables are in the schema the URL named.
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    try {
      const tables = await client.query<{ n: string }>('SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1', [schema]);
      expect(Number(tables.rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('another process finds the same case through CORROBORATE_DB', async () => {
    const run = await runCli(['status', casePath, '--json'], { cwd: dir, env: { CORROBORATE_DB: url } });
    expect(run.code).toBe(0);
    const status = z.object({ database: z.string(), items: z.number() }).parse(JSON.parse(run.stdout));
    expect(status.items).toBe(DEMO_TOTAL_ITEMS);
    expect(status.database).toContain('PostgreSQL');
  });
});

describe('a database that cannot be reached', () => {
  it('is an infrastructure failure: exit 3, one line on stderr, no stack trace', async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const run = await runCli(['status', casePath, '--db', 'postgres://postgres@127.0.0.1:1/test'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^corroborate: failed: .*ECONNREFUSED/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
