import Redis from "ioredis"
import { Worker } from "bullmq"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { HubConfig } from "../../../../lib/config/env"
import { ConnectionSlots } from "./connection-slots"
import { createErpSyncProcessor, type ErpSyncSummary } from "./erp-sync-processor"
import { ERP_QUEUE, hubRuntime } from "../../../outbox/lib/runtime"
import { redisOptions } from "../../../../lib/config/redis-options"
import { closeBullmq } from "../../../../../webhooks"

/**
 * Jobs processed at once. Most wait: on the batched claim, on a connection slot
 * (which bounds the ERP calls), on the batched outcome write; enough of them
 * keep every slot of a fast ERP busy.
 */
const JOB_CONCURRENCY = 64

type Logger = { info(message: string): void; warn(message: string): void; error(message: string): void }

/**
 * The ERP sync lane: jobs carry delivery ids; a failed sync is not a failed
 * job but a pending delivery with a new `next_attempt_at` and a delayed job.
 * A job that fails (Postgres unreachable) loses nothing: its deliveries are
 * still pending and the reconciler enqueues them again.
 */
export type ErpWorkerSettings = Pick<
  HubConfig,
  "redisUrl" | "queuePrefix" | "encryptionKey" | "previousEncryptionKeys"
> &
  Partial<Pick<HubConfig, "erpLeaseMs">>

export function startErpWorker(pg: Knex, config: ErpWorkerSettings, logger?: Logger): { close(): Promise<void> } {
  const prefix = `${config.queuePrefix}-erp`
  // The slots' own connection: fail fast (the sync is retried) rather than queue commands during an outage.
  const slotsRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false })
  slotsRedis.on("error", () => undefined)
  const processor = createErpSyncProcessor({
    pg,
    keys: config,
    slots: new ConnectionSlots(slotsRedis, prefix),
    enqueueErp: (ids, delayMs) => hubRuntime.enqueueErpDeliveries(ids, delayMs),
    enqueueWebhooks: (ids) => hubRuntime.enqueueWebhookDeliveries(ids),
    logger,
    leaseMs: config.erpLeaseMs,
  })
  const worker = new Worker<{ ids: string[] }, ErpSyncSummary>(ERP_QUEUE, (job) => processor.process(job.data.ids), {
    connection: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null },
    prefix,
    concurrency: JOB_CONCURRENCY,
  })
  // Without an 'error' listener an EventEmitter error would crash the process.
  worker.on("error", (e) => logger?.error(`erp sync worker: ${e.message}`))
  worker.on("failed", (_job, e) =>
    logger?.warn(`erp sync job failed (the reconciler brings its deliveries back): ${e.message}`)
  )
  return {
    async close() {
      await closeBullmq(worker)
      await processor.drain()
      slotsRedis.disconnect()
    },
  }
}
