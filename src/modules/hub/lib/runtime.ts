import Redis from "ioredis"
import { Queue } from "bullmq"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  createBreakerRegistry,
  createSender,
  createWebhookProducer,
  startWebhookWorkers,
  type SsrfPolicy,
  type WebhookProducer,
  type WebhookWorkers,
} from "../../../../webhooks"
import { loadHubConfig } from "../../../lib/config/env"
import { hubQueuePrefix } from "./queue-names"
import { WebhookDeliveryStore } from "./webhook-delivery-store"

export const ERP_QUEUE = "erp-sync"

/** A long-lived piece of the runtime that can be stopped. */
type Closable = { close(): Promise<void> }

/**
 * The hub's queues and workers in this process. Producers exist in every
 * process (the server records events and enqueues); workers only where
 * WORKER_MODE is shared or worker. Postgres stays the truth throughout.
 */
class HubRuntime {
  private redis?: Redis
  private webhookProducer?: WebhookProducer
  private erpQueue?: Queue
  private running: Closable[] = []

  private connection(): Redis {
    this.redis ??= new Redis(loadHubConfig().redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false })
    this.redis.on("error", () => undefined)
    return this.redis
  }

  webhooks(): WebhookProducer {
    this.webhookProducer ??= createWebhookProducer({ connection: this.connection(), prefix: `${hubQueuePrefix()}-webhooks` })
    return this.webhookProducer
  }

  erp(): Queue {
    this.erpQueue ??= new Queue(ERP_QUEUE, {
      connection: this.connection(),
      prefix: `${hubQueuePrefix()}-erp`,
      defaultJobOptions: { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 86400, count: 5000 } },
    })
    return this.erpQueue
  }

  async enqueueWebhookDeliveries(ids: string[], lane: "first" | "retry" = "first"): Promise<void> {
    if (ids.length) await this.webhooks().enqueue(ids, lane)
  }

  async enqueueErpDeliveries(ids: string[], delayMs = 0): Promise<void> {
    if (!ids.length) return
    const jobs = []
    for (let i = 0; i < ids.length; i += 50) jobs.push({ name: "sync", data: { ids: ids.slice(i, i + 50) }, opts: { delay: delayMs } })
    await this.erp().addBulk(jobs)
  }

  /** Starts the webhook lanes' workers on `pg` (the hub module's connection). */
  async startWebhookWorkers(pg: Knex): Promise<WebhookWorkers> {
    const config = loadHubConfig()
    const policy: SsrfPolicy = { allowHttp: config.webhooks.allowHttp, allowlist: config.webhooks.allowlist }
    const sender = createSender({ policy })
    const breakers = createBreakerRegistry({})
    const store = new WebhookDeliveryStore(pg, config.encryptionKey, (ids) => this.enqueueWebhookDeliveries(ids))
    const workers = await startWebhookWorkers({
      connection: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null },
      prefix: `${hubQueuePrefix()}-webhooks`,
      store,
      sender,
      breakers,
    })
    this.running.push(workers, { close: async () => sender.close() }, { close: async () => breakers.close() })
    return workers
  }

  track(closable: Closable): void {
    this.running.push(closable)
  }

  async close(): Promise<void> {
    const running = this.running.reverse()
    this.running = []
    for (const c of running) await c.close().catch(() => undefined)
    await this.webhookProducer?.close().catch(() => undefined)
    await this.erpQueue?.close().catch(() => undefined)
    this.redis?.disconnect()
    this.webhookProducer = undefined
    this.erpQueue = undefined
    this.redis = undefined
  }
}

export function redisOptions(url: string) {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === "rediss:" ? {} : undefined,
  }
}

export const hubRuntime = new HubRuntime()
