/**
 * BullMQ wiring: one Worker per lane, so retries and deferrals never take a
 * slot that first attempts need; both lanes feed the same dispatcher (and
 * therefore share the per-endpoint breakers and gates). A job's outcome is
 * only about infrastructure: failed deliveries are not failed jobs, they are
 * pending deliveries with a new `next_attempt_at` and a delayed retry-lane job.
 * @module
 */
import { Worker } from "bullmq"
import type { ConnectionOptions, Job } from "bullmq"
import type { BreakerRegistry } from "../core/breaker-registry"
import { createDispatcher } from "./dispatcher"
import type { Dispatcher, DispatcherOptions, DispatchSummary } from "./dispatcher"
import { createWebhookProducer, DEFAULT_QUEUE_PREFIX, LANES } from "./queues"
import type { DeliveryJobData, Lane, WebhookProducer } from "./queues"
import type { Sender } from "./sender"
import type { DeliveryStore } from "./store"

export interface WebhookWorkersOptions {
  connection: ConnectionOptions
  /** Must match the producer's prefix. Default "webhooks". */
  prefix?: string
  store: DeliveryStore
  sender: Sender
  breakers: BreakerRegistry
  /** Batch jobs processed at once, per lane. Defaults: first 8, retry 4. */
  concurrency?: Partial<Record<Lane, number>>
  /** Ids per retry-lane job the dispatcher schedules. Default 100. */
  batchSize?: number
  /**
   * When a batch job completes. `claimed` (default): once its deliveries are
   * claimed and started, so a hanging endpoint never holds a job slot (the
   * dispatcher's `maxInFlight` provides backpressure; the store's lease
   * guards the deliveries). `settled`: once every result is persisted.
   */
  completeJobsOn?: "claimed" | "settled"
  /** Dispatcher tuning (lease, default endpoint concurrency, disable window, …). */
  dispatcher?: Omit<DispatcherOptions, "store" | "sender" | "breakers" | "scheduleRetries">
  /** Worker-level errors (Redis connection trouble, a failed batch job). */
  onError?: (error: Error, lane: Lane) => void
}

export interface WebhookWorkers {
  producer: WebhookProducer
  dispatcher: Dispatcher
  workers: Readonly<Record<Lane, Worker<DeliveryJobData, DeliveryJobResult>>>
  /**
   * Stops taking jobs, waits for running batches, flushes results and closes
   * the queues. The sender and breaker registry belong to the caller.
   */
  close(): Promise<void>
}

/** A job's return value: the full summary when jobs complete on `settled`. */
export type DeliveryJobResult = DispatchSummary | { requested: number; claimed: number }

const DEFAULT_CONCURRENCY: Readonly<Record<Lane, number>> = { first: 8, retry: 4 }

export async function startWebhookWorkers(options: WebhookWorkersOptions): Promise<WebhookWorkers> {
  const { connection, prefix = DEFAULT_QUEUE_PREFIX, store, sender, breakers, onError } = options
  const producer = createWebhookProducer({ connection, prefix, batchSize: options.batchSize })
  const dispatcher = createDispatcher({
    ...options.dispatcher,
    store,
    sender,
    breakers,
    scheduleRetries: async (retries) => {
      await producer.scheduleRetries(retries)
    },
  })
  const completeOnSettled = options.completeJobsOn === "settled"
  const processBatch = async (job: Job<DeliveryJobData, DeliveryJobResult>): Promise<DeliveryJobResult> => {
    if (completeOnSettled) return dispatcher.dispatch(job.data.ids)
    const { requested, claimed, settled } = await dispatcher.admit(job.data.ids)
    // Results are persisted (or the leases expire and the reconciler takes over).
    settled.catch((err: Error) => onError?.(err, job.queueName as Lane))
    return { requested, claimed }
  }

  const makeWorker = (lane: Lane) => {
    const worker = new Worker<DeliveryJobData, DeliveryJobResult>(lane, processBatch, {
      connection,
      prefix,
      concurrency: options.concurrency?.[lane] ?? DEFAULT_CONCURRENCY[lane],
    })
    // Without an 'error' listener an EventEmitter error would crash the process.
    worker.on("error", (err) => onError?.(err, lane))
    worker.on("failed", (_job, err) => onError?.(err, lane))
    return worker
  }
  const workers = { first: makeWorker("first"), retry: makeWorker("retry") }
  await Promise.all(LANES.map((lane) => workers[lane].waitUntilReady()))

  return {
    producer,
    dispatcher,
    workers,
    async close() {
      await Promise.all(LANES.map((lane) => workers[lane].close()))
      await dispatcher.close()
      await producer.close()
    },
  }
}
