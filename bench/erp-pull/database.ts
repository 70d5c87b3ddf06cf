/**
 * A throwaway database for the ERP benchmarks: created empty, migrated with
 * Medusa's own `db:migrate` (so the tables are exactly production's), dropped
 * at the end. Shared by bench/erp-pull and bench/erp-sync.
 */
import { Client } from "pg"
import { run } from "../../scripts/demo/processes"

export function benchDatabaseUrl(name: string): string {
  const base = new URL(
    process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@localhost:5432/backy"
  )
  base.pathname = `/${name}`
  return base.toString()
}

async function admin<T>(databaseUrl: string, fn: (client: Client, name: string) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bench database name must be [a-z0-9_]+, got ${name}`)
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    return await fn(client, name)
  } finally {
    await client.end()
  }
}

/** Drops (if left over) and creates the database, then runs every migration into it. */
export async function createBenchDatabase(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<void> {
  await admin(databaseUrl, async (client, name) => {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.query(`create database ${name}`)
  })
  await run("npx", ["medusa", "db:migrate"], { ...env, DATABASE_URL: databaseUrl })
}

export async function dropBenchDatabase(databaseUrl: string): Promise<void> {
  await admin(databaseUrl, (client, name) => client.query(`drop database if exists ${name} with (force)`))
}

export const round = (ms: number, digits = 2): number => Number(ms.toFixed(digits))
