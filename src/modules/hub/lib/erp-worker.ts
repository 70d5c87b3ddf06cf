import { Worker } from "bullmq"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { loadHubConfig } from "../../../lib/config/env"
import { processErpDeliveries } from "../../../lib/erp-sync/erp-sync-processor"
import { hubQueuePrefix } from "./queue-names"
import { ERP_QUEUE, hubRuntime, redisOptions } from "./runtime"

/**
 * The ERP sync lane: jobs carry delivery ids; retries are new delayed jobs
 * scheduled after the outcome is written (BullMQ's own retries only cover
 * infrastructure trouble such as Postgres being briefly unreachable).
 */
export function startErpWorker(pg: Knex, concurrency = 16): Worker {
  const config = loadHubConfig()
  const worker = new Worker(
    ERP_QUEUE,
    async (job) => {
      const result = await processErpDeliveries(pg, config.encryptionKey, job.data.ids as string[])
      for (const retry of result.retry) await hubRuntime.enqueueErpDeliveries([retry.id], retry.delayMs)
      return { delivered: result.delivered.length, retry: result.retry.length, failed: result.failed.length }
    },
    { connection: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null }, prefix: `${hubQueuePrefix()}-erp`, concurrency }
  )
  worker.on("error", () => undefined)
  return worker
}
