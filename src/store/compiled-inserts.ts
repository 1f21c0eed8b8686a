import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

/**
 * Multi-row INSERTs compiled by Kysely once per shape (table and row count), then run again
 * with fresh parameters. Compiling a 500-row, 31-column INSERT costs more than SQLite takes to
 * run it; the SQL text is the same every time, so only the first batch pays. The shortcut is
 * taken only after checking, on that first batch, that Kysely lays the parameters out row by
 * row in the rows' own key order — otherwise every batch is compiled as usual.
 */
export class CompiledInserts {
  private readonly templates = new Map<string, string | null>();

  /** Run the INSERT `build` makes for `rows`; returns the number of rows it inserted. */
  async run<DB>(db: Kysely<DB>, shape: string, rows: readonly object[], build: () => Compilable): Promise<number> {
    const key = `${shape}:${rows.length}`;
    const parameters = rowValues(rows);
    let sqlText = this.templates.get(key);
    if (sqlText === undefined) {
      const compiled = build().compile();
      sqlText = sameParameters(compiled.parameters, parameters) ? compiled.sql : null;
      this.templates.set(key, sqlText);
      if (sqlText === null) return affected(await db.executeQuery(compiled));
    }
    if (sqlText === null) return affected(await db.executeQuery(build().compile()));
    return affected(await db.executeQuery(CompiledQuery.raw(sqlText, parameters)));
  }
}

/** Every row's values, row after row, in the rows' own key order (as Kysely lays them out). */
function rowValues(rows: readonly object[]): unknown[] {
  // A plain loop: `flatMap(Object.values)` made an array per row and cost more than SQLite's insert.
  const values: unknown[] = [];
  for (const row of rows) {
    for (const key in row) values.push((row as Record<string, unknown>)[key]);
  }
  return values;
}

function sameParameters(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

function affected(result: { numAffectedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? 0n);
}
