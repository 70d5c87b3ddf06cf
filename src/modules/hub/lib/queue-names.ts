/**
 * BullMQ queues carry delivery ids (work), never truth. Prefix per deployment
 * (and per test database) so two hubs never share queues on one Redis.
 */
export function hubQueuePrefix(): string {
  return process.env.HUB_QUEUE_PREFIX || "backy"
}

export const QUEUES = {
  /** First attempts of every delivery. */
  first: "deliveries-first",
  /** Retries: a slow or dead target never blocks first attempts of others. */
  retry: "deliveries-retry",
} as const
