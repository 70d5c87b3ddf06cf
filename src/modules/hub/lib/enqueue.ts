import { Queue } from "bullmq"
import { getHubRedis } from "./redis"
import { hubQueuePrefix, QUEUES } from "./queue-names"

let queues: { first: Queue; retry: Queue } | undefined

export function getDeliveryQueues(): { first: Queue; retry: Queue } {
  if (!queues) {
    const connection = getHubRedis()
    const prefix = hubQueuePrefix()
    const defaultJobOptions = { removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } }
    queues = {
      first: new Queue(QUEUES.first, { connection, prefix, defaultJobOptions }),
      retry: new Queue(QUEUES.retry, { connection, prefix, defaultJobOptions }),
    }
  }
  return queues
}

/** Delivery ids per job: workers load and record whole batches at once. */
export const DELIVERY_BATCH_SIZE = 50

/**
 * Hands delivery ids to the queue. Best effort by design: if Redis is down the
 * rows are still pending in Postgres and the reconciler enqueues them later.
 */
export async function enqueueDeliveries(
  _container: unknown,
  ids: string[],
  options: { lane?: "first" | "retry"; delayMs?: number } = {}
): Promise<void> {
  if (!ids.length) return
  const queue = getDeliveryQueues()[options.lane ?? "first"]
  const jobs = []
  for (let i = 0; i < ids.length; i += DELIVERY_BATCH_SIZE) {
    jobs.push({ name: "deliver", data: { ids: ids.slice(i, i + DELIVERY_BATCH_SIZE) }, opts: { delay: options.delayMs ?? 0 } })
  }
  try {
    await queue.addBulk(jobs)
  } catch {
    // Postgres holds the truth; the reconciler will enqueue these ids.
  }
}
