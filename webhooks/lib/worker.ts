/**
 * BullMQ wiring: one Worker per lane, so retries and deferrals never take a
 * slot that first attempts need; both lanes feed the same dispatcher (and
 * therefore share the per-endpoint breakers and gates). A job's outcome is
 * only about infrastructure: failed deliveries are not failed jobs, they are
 * pending deliveries with a new `next_attempt_at` and a delayed retry-lane job.
 * The workers of one prefix, in any number of processes, share each
 * endpoint's configured limits through the worker membership.
 * @module
 */
import { Worker } from "bullmq"
import type { ConnectionOptions, Job } from "bullmq"
import type { BreakerRegistry } from "../core/breaker-registry"
import { createDispatcher } from "./dispatcher"
import type { Dispatcher, DispatcherOptions, DispatchSummary } from "./dispatcher"
import { closeBullmq } from "./close-bullmq"
import { createWebhookProducer, DEFAULT_BATCH_SIZE, DEFAULT_QUEUE_PREFIX, LANES } from "./queues"
import type { DeliveryJobData, Lane, WebhookProducer } from "./queues"
import type { Sender } from "./sender"
import type { ScheduledRetry } from "./result-batcher"
import type { DeliveryStore } from "./store"
import { createWorkerMembership } from "./worker-membership"
import type { WorkerMembership, WorkerMembershipOptions } from "./worker-membership"

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
  dispatcher?: Omit<
    DispatcherOptions,
    "store" | "sender" | "breakers" | "scheduleRetries" | "gate" | "share" | "holderFor"
  >
  /**
   * How the workers of this prefix share each endpoint's configured
   * `maxConcurrency` and `rateLimitPerSecond` (heartbeat, TTL, join wait).
   * `false`: each process enforces the whole limits (N workers allow N ×).
   */
  membership?: WorkerMembershipOptions | false
  /** Worker-level errors (Redis connection trouble, a failed batch job, membership heartbeats). */
  onError?: (error: Error, source: Lane | "membership") => void
}

export interface WebhookWorkers {
  producer: WebhookProducer
  dispatcher: Dispatcher
  /** Undefined when `membership: false`. */
  membership?: WorkerMembership
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
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  const producer = createWebhookProducer({ connection, prefix, batchSize })
  let closing = false
  // Deliveries another worker handed over: claimed and sent here, like a batch job
  // (once closing, their fallback retry jobs re-offer them).
  const admitHandedOver = (ids: string[]) => {
    if (closing) return
    for (let i = 0; i < ids.length; i += batchSize) {
      dispatcher
        .admit(ids.slice(i, i + batchSize))
        .then((batch) => batch.settled)
        .catch((err: Error) => onError?.(err, "membership"))
    }
  }
  const membership =
    options.membership === false
      ? undefined
      : createWorkerMembership({
          ...options.membership,
          connection,
          prefix,
          onError: (err) => onError?.(err, "membership"),
          onHandedOver: admitHandedOver,
        })
  const dispatcher = createDispatcher({
    ...options.dispatcher,
    store,
    sender,
    breakers,
    share: membership?.share,
    holderFor: membership?.holderFor,
    scheduleRetries: async (retries) => {
      if (membership) await membership.handOver(handOversOf(retries))
      // Handed-over deliveries too: their jobs are the fallback, later.
      await producer.scheduleRetries(retries)
    },
  })
  // Lanes start once this worker holds its shares (or after the join wait):
  // jobs taken before would only be deferred.
  await membership?.start(dispatcher.gate)
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
  try {
    await Promise.all(LANES.map((lane) => workers[lane].waitUntilReady()))
  } catch (err) {
    await membership?.leave()
    throw err
  }

  return {
    producer,
    dispatcher,
    membership,
    workers,
    async close() {
      closing = true
      await Promise.all(LANES.map((lane) => closeBullmq(workers[lane])))
      try {
        await dispatcher.close()
      } finally {
        // Only now, with nothing in flight, may the others take this worker's share.
        await membership?.leave()
      }
      await producer.close()
    },
  }
}

/** Handed-over retries by target worker. */
function handOversOf(retries: readonly ScheduledRetry[]): Map<string, string[]> {
  const byWorker = new Map<string, string[]>()
  for (const { deliveryId, handOverTo } of retries) {
    if (!handOverTo) continue
    const ids = byWorker.get(handOverTo) ?? []
    ids.push(deliveryId)
    byWorker.set(handOverTo, ids)
  }
  return byWorker
}
