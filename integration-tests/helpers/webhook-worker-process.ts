/**
 * A webhook worker in its own process: the library's BullMQ lanes and
 * dispatcher with the app's Postgres store (WebhookDeliveryStore), without
 * booting Medusa. The durability specs spawn it and SIGKILL it mid-delivery;
 * the benchmark runs one or two of it side by side.
 *
 * Environment:
 *   DATABASE_URL          Postgres with the hub tables (required)
 *   REDIS_URL             default redis://127.0.0.1:6379
 *   WORKER_QUEUE_PREFIX   Redis key prefix of the lanes (required)
 *   WORKER_LEASE_MS       claim lease (default 60000)
 *   WORKER_TIMEOUT_MS     HTTP total timeout (default 15000)
 *   WORKER_CONCURRENCY    first-lane batch jobs at once (default 8)
 *   WORKER_MAX_IN_FLIGHT  deliveries in flight (default 2000)
 *   WORKER_ENDPOINT_CONCURRENCY  default per-endpoint in-flight cap (default 32)
 *   WORKER_CONNECTIONS    sockets per origin (default 32)
 *   WEBHOOK_ALLOWLIST, ENCRYPTION_KEY, ENCRYPTION_KEYS_PREVIOUS as for the app
 *
 * Prints one JSON line `{"ready":true,"pid":…}` when the lanes are up, and on
 * SIGTERM `{"delivered":n,"attempted":m}` (what this process recorded) before exiting.
 */
import { knex } from "@medusajs/framework/mikro-orm/knex"
import { BreakerRegistry, createSender, startWebhookWorkers } from "../../webhooks"
import type { DeliveryStore, ResultBatch } from "../../webhooks"
import { loadHubConfig } from "../../src/lib/config/env"
import { WebhookDeliveryStore } from "../../src/modules/outbox/lib/webhook-delivery-store"
import { configureHubRuntime, webhookPolicy } from "../../src/modules/outbox/lib/runtime"
import { redisOptions } from "../../src/lib/config/redis-options"
import { createWebhookProducer } from "../../webhooks"

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback
  if (value === undefined) throw new Error(`${name} is required`)
  return value
}
const int = (name: string, fallback: number) => Number(env(name, String(fallback)))

async function main() {
  const config = loadHubConfig()
  configureHubRuntime(config)
  const prefix = env("WORKER_QUEUE_PREFIX")
  const pg = knex({ client: "pg", connection: env("DATABASE_URL"), pool: { min: 1, max: int("WORKER_PG_POOL", 10) } })
  const connection = { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null }
  const producer = createWebhookProducer({ connection, prefix })
  const inner = new WebhookDeliveryStore(pg, config, async (ids) => {
    await producer.enqueue(ids)
  })
  let delivered = 0
  let attempted = 0
  const store: DeliveryStore = {
    loadForDispatch: (ids, claim) => inner.loadForDispatch(ids, claim),
    async recordResults(batch: ResultBatch) {
      await inner.recordResults(batch)
      attempted += batch.attempts.length
      delivered += batch.deliveries.filter((d) => d.status === "delivered").length
    },
  }
  const sender = createSender({
    policy: webhookPolicy(),
    totalTimeoutMs: int("WORKER_TIMEOUT_MS", 15_000),
    connections: int("WORKER_CONNECTIONS", 32),
  })
  const breakers = new BreakerRegistry()
  const workers = await startWebhookWorkers({
    connection,
    prefix,
    store,
    sender,
    breakers,
    concurrency: { first: int("WORKER_CONCURRENCY", 8), retry: 4 },
    dispatcher: {
      leaseMs: int("WORKER_LEASE_MS", 60_000),
      maxInFlight: int("WORKER_MAX_IN_FLIGHT", 2_000),
      defaultMaxConcurrency: int("WORKER_ENDPOINT_CONCURRENCY", 32),
    },
    onError: (error, lane) => process.stderr.write(`worker ${process.pid} (${lane}): ${error.message}\n`),
  })
  process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + "\n")

  const stop = async () => {
    await workers.close()
    await producer.close()
    await sender.close()
    breakers.close()
    await pg.destroy()
    process.stdout.write(JSON.stringify({ delivered, attempted }) + "\n")
    process.exit(0)
  }
  process.once("SIGTERM", () => void stop())
  process.once("SIGINT", () => void stop())
}

main().catch((e) => {
  process.stderr.write(`webhook worker failed: ${(e as Error).stack ?? e}\n`)
  process.exit(1)
})
