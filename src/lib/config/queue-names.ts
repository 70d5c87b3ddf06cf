/**
 * BullMQ queues carry delivery ids (work), never truth. Prefix per deployment
 * (and per test database) so two hubs never share queues on one Redis.
 */
export function hubQueuePrefix(): string {
  return process.env.HUB_QUEUE_PREFIX || "backy"
}
