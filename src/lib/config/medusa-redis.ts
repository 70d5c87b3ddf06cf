import type { HubConfig } from "./env"

/** The workflow engine's queue of scheduled jobs (its default name, set explicitly: the schedule keeper reads it). */
export const MEDUSA_SCHEDULED_JOBS_QUEUE = "medusa-workflows-jobs"

/**
 * Where Medusa's own infrastructure keeps its data in Redis, per deployment.
 *
 * Medusa 2.21's Redis modules default to fixed names (event bus: BullMQ prefix
 * "RedisEventBusService", queue "events-queue"; workflow engine: prefix
 * "bull", queues "medusa-workflows", "medusa-workflows-jobs",
 * "workflows-cleaner"; locks "medusa_lock:"), so two deployments on one Redis
 * would run each other's events, workflow retries and scheduled jobs against
 * the wrong database. Each module takes a BullMQ `prefix` (queue and worker
 * options) or a key namespace; all are derived from HUB_QUEUE_PREFIX, next to
 * the hub's own "<prefix>-erp", "<prefix>-webhooks" and "<prefix>-oauth".
 *
 * Not covered, because 2.21 offers no option for them: the workflow engine's
 * checkpoints (`dtrx:<workflow>:<transaction>`, with `:lock`) and its
 * `orchestrator:<workflow>` pub/sub channels. They are keyed by transaction
 * ids (ULIDs), so deployments with their own databases do not meet there;
 * deployments running copies of one database must not share a Redis database
 * (README, "Configuration").
 */
export function medusaRedisNamespaces(queuePrefix: string) {
  return {
    /** BullMQ prefix of the event bus and workflow engine queues: keys `<bullPrefix>:<queue>:…`. */
    bullPrefix: `${queuePrefix}-medusa`,
    /** Prefix of Medusa's lock keys. */
    lockNamespace: `${queuePrefix}-medusa-lock:`,
    /** `projectConfig.redisPrefix`: Medusa stores sessions under `<prefix>sess:<id>`. */
    sessionPrefix: `${queuePrefix}-medusa:`,
  }
}

/**
 * The event bus, workflow engine and locking modules on Redis, or none when
 * MEDUSA_REDIS_MODULES=false (Medusa's in-process defaults, as the HTTP tests use).
 */
export function medusaRedisModules(config: Pick<HubConfig, "redisUrl" | "queuePrefix" | "medusaRedisModules">) {
  if (!config.medusaRedisModules) return []
  const { bullPrefix, lockNamespace } = medusaRedisNamespaces(config.queuePrefix)
  // Queue and worker must agree on the prefix, or the worker waits on an empty queue.
  const bullmq = { queueOptions: { prefix: bullPrefix }, workerOptions: { prefix: bullPrefix } }
  return [
    {
      resolve: "@medusajs/medusa/event-bus-redis",
      options: {
        redisUrl: config.redisUrl,
        ...bullmq,
        jobOptions: { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 86400, count: 1000 } },
      },
    },
    {
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: { redisUrl: config.redisUrl, jobQueueName: MEDUSA_SCHEDULED_JOBS_QUEUE, ...bullmq } },
    },
    {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/locking-redis",
            id: "locking-redis",
            is_default: true,
            options: { redisUrl: config.redisUrl, namespace: lockNamespace },
          },
        ],
      },
    },
  ]
}
