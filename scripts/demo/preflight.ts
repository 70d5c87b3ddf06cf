import { Client } from "pg"
import Redis from "ioredis"

/** One clear line per missing service, then exit non-zero. */
export class PreflightError extends Error {}

export async function checkPostgres(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl)
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
  } catch (e) {
    throw new PreflightError(
      `PostgreSQL is not reachable at ${url.hostname}:${url.port || 5432} (${(e as Error).message}). ` +
        `Start it (e.g. 'pg_ctlcluster 15 main start') or run 'docker compose up -d postgres redis'.`
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    retryStrategy: () => null,
  })
  redis.on("error", () => undefined)
  try {
    await redis.connect()
    await redis.ping()
  } catch (e) {
    const url = new URL(redisUrl)
    throw new PreflightError(
      `Redis is not reachable at ${url.hostname}:${url.port || 6379} (${(e as Error).message}). ` +
        `Start it (e.g. 'redis-server --daemonize yes') or run 'docker compose up -d postgres redis'.`
    )
  } finally {
    redis.disconnect()
  }
}

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.slice(1))
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
    if (rowCount) return false
    await client.query(`create database "${name.replace(/"/g, '""')}"`)
    return true
  } finally {
    await client.end()
  }
}
