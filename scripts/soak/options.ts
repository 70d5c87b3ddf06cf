/**
 * The soak's settings, all from the environment, each with the reason for its default.
 */

export interface SoakOptions {
  /** SOAK_SECONDS: how long orders are placed and faults injected. */
  loadSeconds: number
  /**
   * SOAK_ORDERS_PER_SECOND: the steady rate orders are started at. A checkout is six store API
   * requests (cart with two contract-priced lines, address, shipping options, shipping method,
   * payment collection and session) plus the completion: 2–3 s alone on this 2-core machine, 5–10 s
   * while a worker boots after a kill or other work shares the cores. One order every 2 s keeps the
   * server busy without piling checkouts up, and leaves the worker room to catch up after faults.
   */
  ordersPerSecond: number
  /** SOAK_MAX_IN_FLIGHT: checkouts under way at once; a tick finding this many is counted as `behind`. */
  maxInFlight: number
  /**
   * SOAK_DRAIN_SECONDS: how long the hub may take, once faults stop, to bring every order everywhere.
   * An ERP sync claimed by a worker that was then killed waits for its lease (SOAK_ERP_LEASE_SECONDS)
   * before the reconciler hands it back, so the drain must outlast it: lease + reconciler + margin.
   */
  drainSeconds: number
  /** SOAK_ERP_LEASE_SECONDS: the hub's ERP_LEASE_MS, in seconds (30; the hub's default is 5 min). */
  erpLeaseSeconds: number
  /** SOAK_UPDATE_EVERY: every n-th order is changed by staff after placement (its ERP record must follow). */
  updateEvery: number
  /** SOAK_DATABASE: the database the soak drops and recreates. */
  databaseUrl: string
  /**
   * SOAK_REDIS_DB: a Redis logical database of the soak's own, because the soak empties it with
   * FLUSHDB (never FLUSHALL: other suites and engineers share this Redis server). Database 11
   * belongs to the ERP sync spec, 12 to the webhook durability spec, 13 to bench:webhooks and 14
   * to the OAuth rate-limiter spec.
   */
  redisUrl: string
  /** HUB_QUEUE_PREFIX of the soak's hub. */
  queuePrefix: string
}

const int = (name: string, fallback: number, min: number): number => {
  const raw = process.env[name]
  const value = raw === undefined || raw === "" ? fallback : Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}")`)
  return value
}

export function readSoakOptions(env: NodeJS.ProcessEnv = process.env): SoakOptions {
  const base = new URL(env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/backy")
  base.pathname = `/${env.SOAK_DATABASE ?? "backy_soak"}`
  const redis = new URL(env.REDIS_URL ?? "redis://127.0.0.1:6379")
  redis.pathname = `/${int("SOAK_REDIS_DB", 15, 0)}`
  return {
    loadSeconds: int("SOAK_SECONDS", 120, 5),
    ordersPerSecond: int("SOAK_ORDERS_PER_SECOND", 0.5, 0.05),
    maxInFlight: Math.floor(int("SOAK_MAX_IN_FLIGHT", 6, 1)),
    drainSeconds: int("SOAK_DRAIN_SECONDS", 180, 10),
    erpLeaseSeconds: int("SOAK_ERP_LEASE_SECONDS", 30, 10),
    updateEvery: Math.floor(int("SOAK_UPDATE_EVERY", 3, 0)),
    databaseUrl: base.toString(),
    redisUrl: redis.toString(),
    queuePrefix: env.SOAK_QUEUE_PREFIX ?? "backy-soak",
  }
}

/** Progress goes to stderr: stdout carries only the final JSON line. */
export function progress(what: string, text: string): void {
  const seconds = (process.uptime() | 0).toString().padStart(4)
  process.stderr.write(`${seconds}s ${`[${what}]`.padEnd(10)} ${text}\n`)
}
