import Redis from "ioredis"
import { loadHubConfig } from "../../../lib/config/env"

let shared: Redis | undefined

/**
 * One ioredis connection for producing jobs. It gives up quickly when Redis is
 * down (the rows wait in Postgres for the reconciler) instead of queueing
 * commands forever; workers get their own blocking connections.
 */
export function getHubRedis(): Redis {
  shared ??= new Redis(loadHubConfig().redisUrl, { maxRetriesPerRequest: 2, enableReadyCheck: true })
  return shared
}

export async function closeHubRedis(): Promise<void> {
  const connection = shared
  shared = undefined
  await connection?.quit().catch(() => connection.disconnect())
}
