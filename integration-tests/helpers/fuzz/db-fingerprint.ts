/**
 * What a refused request must not change: per table of the database, its row
 * count and the sum of its rows' xmin (every insert, update and delete moves
 * one of them). One statement for the whole schema.
 */
export type Fingerprint = Map<string, string>

type Knex = { raw(sql: string, bindings?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> }

export async function fingerprint(db: Knex): Promise<Fingerprint> {
  const { rows: built } = await db.raw(
    `select string_agg(format('select %L as t, count(*)::text || '':'' || coalesce(sum(xmin::text::bigint), 0)::text as f from %I.%I', tablename, schemaname, tablename), ' union all ') as sql
       from pg_tables where schemaname = 'public'`
  )
  const { rows } = await db.raw(String(built[0].sql))
  return new Map(rows.map((row) => [String(row.t), String(row.f)]))
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const tables = new Set([...before.keys(), ...after.keys()])
  return [...tables].filter((table) => before.get(table) !== after.get(table)).sort()
}
