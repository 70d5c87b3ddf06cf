import Redis from "ioredis"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * What `GET /health/ready` asks of the outbox besides the delivery backlog
 * (./delivery-backlog.ts): is Postgres answering, is Redis answering, which
 * migrations are applied.
 */

export async function pingDatabase(pg: Knex): Promise<void> {
  await pg.raw("select 1")
}

/**
 * The names Medusa recorded as applied: one `mikro_orm_migrations` table
 * holds every module's (the modules share the database and schema). No
 * table, nothing applied.
 */
export async function appliedMigrationNames(pg: Knex): Promise<string[]> {
  try {
    const { rows } = await pg.raw<{ rows: { name: string }[] }>("select name from mikro_orm_migrations")
    return rows.map((r) => r.name)
  } catch (e) {
    if ((e as { code?: string }).code === "42P01") return []
    throw e
  }
}

/**
 * A Redis connection of its own for PING, so a probe sees what a new command
 * would: no offline queue (a command while disconnected fails at once), no
 * retries, a command timeout. A failed probe drops the connection and the
 * next one connects afresh: a connection stuck on a Redis that stopped
 * answering is never reused.
 */
export class RedisProbe {
  private client?: Redis

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number
  ) {}

  async ping(): Promise<void> {
    try {
      await this.attempt()
    } catch (e) {
      // The connection broke under the command (Redis went away since the
      // last probe): ask again on a new one, which says why it cannot connect.
      if (!/Stream isn't writeable|Connection is closed/.test((e as Error).message)) throw e
      await this.attempt()
    }
  }

  private async attempt(): Promise<void> {
    const client = this.connection()
    try {
      if (client.status !== "ready") await this.ready(client)
      const answer = await client.ping()
      if (answer !== "PONG") throw new Error(`Redis answered ${String(answer).slice(0, 40)} to PING`)
    } catch (e) {
      if (this.client === client) this.close()
      throw e
    }
  }

  close(): void {
    this.client?.disconnect()
    this.client = undefined
  }

  private connection(): Redis {
    if (!this.client) {
      this.client = new Redis(this.url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: this.timeoutMs,
        commandTimeout: this.timeoutMs,
      })
      // Failures surface through ping(); without a listener ioredis would log each one.
      this.client.on("error", () => undefined)
    }
    return this.client
  }

  /** Waits for the connection to be ready; fails with its first error, or after the timeout. */
  private ready(client: Redis): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer)
        client.off("ready", onReady)
        client.off("error", onError)
        if (error) reject(error)
        else resolve()
      }
      const onReady = () => done()
      const onError = (e: Error) => done(e)
      const timer = setTimeout(() => done(new Error(`not ready within ${this.timeoutMs} ms`)), this.timeoutMs)
      client.on("ready", onReady)
      client.on("error", onError)
    })
  }
}
