import Redis from "ioredis"
import { Queue } from "bullmq"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  BreakerRegistry,
  type BreakerState,
  closeBullmq,
  createSender,
  createWebhookProducer,
  startWebhookWorkers,
  type Lane,
  type SsrfPolicy,
  type WebhookProducer,
  type WebhookWorkers,
} from "../../../../webhooks"
import type { HubConfig } from "../../../lib/config/env"
import { redisOptions } from "../../../lib/config/redis-options"
import { WebhookDeliveryStore } from "./webhook-delivery-store"
import { fieldsLogger } from "../../../lib/logging/fields-logger"

export const ERP_QUEUE = "erp-sync"

/** A long-lived piece of the runtime that can be stopped. */
type Closable = { close(): Promise<void> }

type Logger = { warn(message: string): void; error(message: string): void }

/**
 * An enqueue that takes longer than this is abandoned: the delivery is safe
 * in Postgres and the reconciler enqueues it, while a producer (an HTTP
 * request, a workflow step) must not hang on a Redis outage.
 */
const ENQUEUE_TIMEOUT_MS = 2_000

/** What the runtime needs of the configuration (the outbox module's options). */
export type RuntimeSettings = Pick<
  HubConfig,
  "redisUrl" | "queuePrefix" | "encryptionKey" | "previousEncryptionKeys" | "webhooks"
>

let settings: RuntimeSettings | undefined
let policy: SsrfPolicy | undefined

/**
 * Called with the outbox module's options when the module is built (and by
 * stand-alone entry points: worker processes, benches). One configuration per
 * process, as Medusa loads one.
 */
export function configureHubRuntime(next: RuntimeSettings): void {
  settings = next
  // One object per configuration: the library caches the compiled policy by identity.
  policy = { allowHttp: next.webhooks.allowHttp, allowlist: next.webhooks.allowlist }
}

function runtimeSettings(): RuntimeSettings {
  if (!settings) throw new Error("hub runtime used before configureHubRuntime (the outbox module configures it)")
  return settings
}

/** The SSRF policy of webhook URLs (WEBHOOK_ALLOWLIST, WEBHOOK_ALLOW_HTTP / BACKY_ENV). */
export function webhookPolicy(): SsrfPolicy {
  runtimeSettings()
  return policy!
}

/** This deployment's Redis namespace for the hub's queues and counters (HUB_QUEUE_PREFIX). */
export function hubQueuePrefix(): string {
  return runtimeSettings().queuePrefix
}

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
  private logger?: Logger
  /** The webhook workers' breakers, when this process runs them. */
  private breakers?: BreakerRegistry

  useLogger(logger: Logger): void {
    this.logger = logger
  }

  private connection(): Redis {
    if (!this.redis) {
      this.redis = new Redis(runtimeSettings().redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false })
      // Outages surface as failed enqueues (which the reconciler repairs), not crashes.
      this.redis.on("error", () => undefined)
    }
    return this.redis
  }

  webhooks(): WebhookProducer {
    this.webhookProducer ??= createWebhookProducer({ connection: this.connection(), prefix: webhookQueuePrefix() })
    return this.webhookProducer
  }

  erp(): Queue {
    if (!this.erpQueue) {
      this.erpQueue = new Queue(ERP_QUEUE, {
        connection: this.connection(),
        prefix: `${hubQueuePrefix()}-erp`,
        defaultJobOptions: { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 86400, count: 5000 } },
      })
      // As the webhook producer's queues (webhooks/lib/queues.ts): a connection error must not go unhandled.
      this.erpQueue.on("error", () => undefined)
    }
    return this.erpQueue
  }

  async enqueueWebhookDeliveries(ids: string[], lane: Lane = "first"): Promise<void> {
    if (ids.length) await withTimeout(this.webhooks().enqueue(ids, lane), "enqueue webhook deliveries")
  }

  async enqueueErpDeliveries(ids: string[], delayMs = 0): Promise<void> {
    if (!ids.length) return
    const jobs = []
    for (let i = 0; i < ids.length; i += 50)
      jobs.push({ name: "sync", data: { ids: ids.slice(i, i + 50) }, opts: { delay: delayMs } })
    await withTimeout(this.erp().addBulk(jobs), "enqueue ERP deliveries")
  }

  /** Starts the webhook lanes' workers on `pg` (the hub module's connection). */
  async startWebhookWorkers(pg: Knex): Promise<WebhookWorkers> {
    const config = runtimeSettings()
    const sender = createSender({ policy: webhookPolicy() })
    const breakers = new BreakerRegistry()
    this.breakers = breakers
    const store = new WebhookDeliveryStore(pg, config, (ids) => this.enqueueWebhookDeliveries(ids))
    const workers = await startWebhookWorkers({
      connection: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null },
      prefix: webhookQueuePrefix(),
      store,
      sender,
      breakers,
      dispatcher: this.logger ? { logger: fieldsLogger(this.logger) } : undefined,
      // Every worker process of this prefix shares each endpoint's configured limits (webhooks/README.md, "Shared limits").
      onError: (error, source) =>
        this.logger?.warn(
          `hub webhooks (${source === "membership" ? "worker membership" : `${source} lane`}): ${error.message}`
        ),
    })
    this.running.push(workers, { close: async () => sender.close() }, { close: async () => breakers.close() })
    return workers
  }

  /**
   * An endpoint's breaker as this process's delivery workers see it:
   * "closed" when they hold none for it (no recent trouble), null when this
   * process runs no webhook worker (WORKER_MODE=server): breakers live in
   * the worker processes, one per process, and are not shared.
   */
  webhookBreakerState(endpointId: string): BreakerState | null {
    if (!this.breakers) return null
    return this.breakers.state(endpointId) ?? "closed"
  }

  /** How many of this process's webhook breakers are in each state; null when it runs no webhook worker. */
  webhookBreakerStates(): Record<BreakerState, number> | null {
    if (!this.breakers) return null
    const counts: Record<BreakerState, number> = { closed: 0, open: 0, "half-open": 0 }
    for (const key of this.breakers.keys()) {
      const state = this.breakers.state(key)
      if (state) counts[state] += 1
    }
    return counts
  }

  track(closable: Closable): void {
    this.running.push(closable)
  }

  async close(): Promise<void> {
    const running = this.running.reverse()
    this.running = []
    for (const c of running) await c.close().catch(() => undefined)
    await this.webhookProducer?.close().catch(() => undefined)
    if (this.erpQueue) await closeBullmq(this.erpQueue).catch(() => undefined)
    this.redis?.disconnect()
    this.webhookProducer = undefined
    this.breakers = undefined
    this.erpQueue = undefined
    this.redis = undefined
  }
}

/** Redis key namespace of the webhook lanes (`<prefix>:first:*`, `<prefix>:retry:*`). */
export function webhookQueuePrefix(): string {
  return `${hubQueuePrefix()}-webhooks`
}

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)),
      ENQUEUE_TIMEOUT_MS
    )
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

export const hubRuntime = new HubRuntime()
