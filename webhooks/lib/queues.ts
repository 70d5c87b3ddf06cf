/**
 * BullMQ carries work, not truth: a job holds a batch of delivery ids and
 * nothing else. Two lanes keep fresh traffic away from backlogs (Hook0's
 * priority lanes): `first` for first attempts, `retry` for retries and
 * deferrals. Redis keys are `${prefix}:first:*` and `${prefix}:retry:*`
 * (BullMQ forbids ":" in queue names, so the prefix carries the namespace).
 *
 * Duplicate batches collapse while waiting through BullMQ deduplication
 * (id = lane + due time + hash of the ids) rather than a custom jobId: a
 * jobId stays taken while a finished job is retained (`removeOnComplete`),
 * which would silently drop a legitimate re-enqueue of the same ids.
 * @module
 */
import { createHash } from "node:crypto"
import { Queue } from "bullmq"
import type { ConnectionOptions, JobsOptions } from "bullmq"
import { closeBullmq } from "./close-bullmq"
import { InvalidArgumentError } from "./errors"
import type { ScheduledRetry } from "./result-batcher"

export type Lane = "first" | "retry"
export const LANES: readonly Lane[] = ["first", "retry"]
export const DEFAULT_QUEUE_PREFIX = "webhooks"
/** Delivery ids per job: big enough to amortise a store round trip, small enough to spread over workers. */
export const DEFAULT_BATCH_SIZE = 100
export const DELIVER_JOB_NAME = "deliver"

export interface DeliveryJobData {
  ids: string[]
}

export interface WebhookQueueOptions {
  connection: ConnectionOptions
  /** Namespace of the lanes' Redis keys. Default "webhooks". */
  prefix?: string
  /** Max delivery ids per job. Default 100. */
  batchSize?: number
  /** Retry due times are rounded up to this grain so retries due together share a job. Default 1 s. */
  retryBucketMs?: number
  now?: () => number
}

export interface EnqueueOptions {
  /** Delay before the jobs become processable. */
  delayMs?: number
}

export interface WebhookProducer {
  /** Adds `ids` to `lane` (default `first`) in batch jobs; returns the number of jobs added. */
  enqueue(ids: readonly string[], lane?: Lane, options?: EnqueueOptions): Promise<number>
  /** Adds pending deliveries to the retry lane, one delayed job per due-time bucket and batch. */
  scheduleRetries(retries: readonly ScheduledRetry[]): Promise<number>
  readonly queues: Readonly<Record<Lane, Queue<DeliveryJobData>>>
  close(): Promise<void>
}

/**
 * Job-level retries cover only infrastructure trouble (store or Redis down);
 * delivery retries are scheduled by the dispatcher. Finished jobs are trimmed
 * so Redis does not grow with traffic.
 */
export const DELIVERY_JOB_OPTIONS: Readonly<JobsOptions> = Object.freeze({
  attempts: 3,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 60 * 60, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 60 * 60, count: 10_000 },
})

export function createWebhookProducer(options: WebhookQueueOptions): WebhookProducer {
  const {
    connection,
    prefix = DEFAULT_QUEUE_PREFIX,
    batchSize = DEFAULT_BATCH_SIZE,
    retryBucketMs = 1_000,
    now = Date.now,
  } = options
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidArgumentError("batchSize must be >= 1")
  const queues = {
    first: new Queue<DeliveryJobData>("first", { connection, prefix }),
    retry: new Queue<DeliveryJobData>("retry", { connection, prefix }),
  }
  // A Queue re-emits its connection's errors ("Connection is closed" when Redis drops or while it
  // closes); with no listener Node throws them and the process dies. The calls that fail reject
  // on their own, so the event itself needs no handling.
  for (const queue of Object.values(queues)) queue.on("error", () => undefined)

  const add = async (lane: Lane, batches: { ids: string[]; delayMs: number; dueKey: string }[]) => {
    if (batches.length === 0) return 0
    await queues[lane].addBulk(
      batches.map(({ ids, delayMs, dueKey }) => ({
        name: DELIVER_JOB_NAME,
        data: { ids },
        opts: {
          ...DELIVERY_JOB_OPTIONS,
          ...(delayMs > 0 ? { delay: delayMs } : {}),
          deduplication: { id: `${dueKey}-${hashIds(ids)}` },
        },
      }))
    )
    return batches.length
  }

  return {
    queues,
    enqueue(ids, lane = "first", { delayMs = 0 } = {}) {
      const dueKey = delayMs > 0 ? String(now() + delayMs) : "now"
      return add(
        lane,
        chunk([...new Set(ids)], batchSize).map((batch) => ({ ids: batch, delayMs, dueKey }))
      )
    },
    scheduleRetries(retries) {
      const byBucket = new Map<number, Set<string>>()
      for (const { deliveryId, dueAt } of retries) {
        const bucket = Math.ceil(dueAt / retryBucketMs) * retryBucketMs
        const ids = byBucket.get(bucket) ?? new Set<string>()
        ids.add(deliveryId)
        byBucket.set(bucket, ids)
      }
      const at = now()
      const batches = [...byBucket].flatMap(([bucket, ids]) =>
        chunk([...ids], batchSize).map((batch) => ({ ids: batch, delayMs: bucket - at, dueKey: String(bucket) }))
      )
      return add("retry", batches)
    },
    async close() {
      await Promise.all([closeBullmq(queues.first), closeBullmq(queues.retry)])
    },
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function hashIds(ids: readonly string[]): string {
  return createHash("sha256")
    .update([...ids].sort().join("\n"))
    .digest("base64url")
    .slice(0, 22)
}
