/**
 * Keeps endpoint limits whole across worker processes. Each worker
 * heartbeats into Redis about once a second (one Lua call: register, drop the
 * expired, acknowledge, read the membership) and enforces its share of each
 * endpoint's configured limits locally, in its gate: the delivery path never
 * talks to Redis. The protocol (when shares may be lowered, acknowledged and
 * raised) is `membership-ledger.ts`; the split is `fair-share.ts`.
 *
 * Redis unreachable: the worker keeps its last shares (its part of the limits
 * among the last known N workers) and keeps delivering; without Redis no new
 * job reaches any worker, and the others cannot reclaim its share either,
 * unless they still reach Redis and it does not (see webhooks/README.md,
 * "Shared limits", for what is and is not guaranteed).
 *
 * A delivery this worker holds no part of (a limit smaller than the number
 * of workers) is handed to a worker that does, through that worker's inbox,
 * which its next heartbeat drains: a plain deferral would come back to this
 * very worker (BullMQ hands a delayed job to the worker that scheduled it,
 * nearly always, in the shared-limits tests).
 * @module
 */
import { randomUUID } from "node:crypto"
import { hostname } from "node:os"
import IORedis from "ioredis"
import type { Cluster, Redis, RedisOptions } from "ioredis"
import type { ConnectionOptions } from "bullmq"
import { RATE_WINDOW_MS } from "./endpoint-gate"
import type { GateLimits, ShareOf } from "./endpoint-gate"
import { InvalidArgumentError } from "./errors"
import { MembershipLedger } from "./membership-ledger"
import { membershipScripts } from "./membership-script"
import type { MembershipScripts } from "./membership-script"

export interface WorkerMembershipOptions {
  /** Heartbeat period; membership changes are seen within it. Default 1 s. */
  heartbeatMs?: number
  /**
   * A worker missing heartbeats for this long is dropped and its share
   * reclaimed. Default 5 s; at least 5 heartbeats, so a short Redis hiccup
   * or a late timer never drops a live worker.
   */
  ttlMs?: number
  /** `startWebhookWorkers` waits this long at most for this worker's first shares before starting its lanes. Default 5 s. */
  joinTimeoutMs?: number
}

/** What the membership needs of the gate. */
export interface SharedGate {
  reshare(): void
  withinShares(): boolean
  readonly lastSpacedStartAt: number
}

export interface WorkerMembership {
  /** `host:pid:random`; workers rank by it. */
  readonly id: string
  /** This worker's part of an endpoint's limits; pass to the gate. No I/O. */
  readonly share: ShareOf
  /** When this worker holds no part of the endpoint's limits: the worker to hand its deliveries to. No I/O. */
  readonly holderFor: (endpointId: string, limits: GateLimits) => string | undefined
  /** Hands deliveries to other workers (`to` → delivery ids), once per result flush; trouble is not thrown (fallbacks exist). */
  handOver(byWorker: ReadonlyMap<string, readonly string[]>): Promise<void>
  /** Live workers in the last membership this worker saw. */
  readonly workers: number
  /**
   * Starts heartbeating for `gate`. Resolves true once this worker holds its
   * shares, false if that takes longer than `joinTimeoutMs` (it keeps trying;
   * meanwhile it hands deliveries to endpoints with configured limits over).
   */
  start(gate: SharedGate): Promise<boolean>
  /** Hands the shares back. Call once the gate has nothing in flight; stops the heartbeat. */
  leave(): Promise<void>
}

export interface CreateWorkerMembershipOptions extends WorkerMembershipOptions {
  connection: ConnectionOptions
  /** The lanes' prefix: workers of one prefix share the limits. */
  prefix: string
  /** Heartbeat trouble, reported once per outage. */
  onError?: (error: Error) => void
  /** Deliveries other workers handed to this one (to claim and send). */
  onHandedOver?: (deliveryIds: string[]) => void
  now?: () => number
}

/** While a change is under way the worker heartbeats this many times faster, so joins and leaves settle in a fraction of a second. */
const SETTLING_SPEEDUP = 5

export function createWorkerMembership(options: CreateWorkerMembershipOptions): WorkerMembership {
  const { prefix, onError, onHandedOver, heartbeatMs = 1_000, joinTimeoutMs = 5_000, now = Date.now } = options
  const ttlMs = options.ttlMs ?? 5 * heartbeatMs
  if (!(heartbeatMs > 0)) throw new InvalidArgumentError("heartbeatMs must be > 0")
  if (!(ttlMs >= 5 * heartbeatMs)) throw new InvalidArgumentError("ttlMs must be at least 5 × heartbeatMs")

  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const ledger = new MembershipLedger(id)
  let redis: Redis | Cluster | undefined
  let scripts: MembershipScripts | undefined
  let gate: SharedGate | undefined
  let timer: NodeJS.Timeout | undefined
  let beating: Promise<void> | undefined
  let stopped = false
  let failing = false
  let joined: (() => void) | undefined

  const beat = async () => {
    const ack = ledger.ackToSend(now(), gate!.withinShares())
    try {
      const { snapshot, handedOver } = await withTimeout(
        scripts!.heartbeat({ id, ttlMs, ack, heartbeatMs }),
        heartbeatMs,
        "membership heartbeat"
      )
      if (stopped) return
      if (ledger.apply(snapshot, gate!.lastSpacedStartAt)) gate!.reshare()
      if (handedOver.length > 0) onHandedOver?.(handedOver)
      failing = false
      if (ledger.holdsShares) joined?.()
    } catch (err) {
      if (!failing) {
        failing = true
        const message = (err as Error).message
        onError?.(
          new Error(`${message}; keeping this worker's shares among ${ledger.workers} worker(s) until it answers`)
        )
      }
    }
  }

  const schedule = () => {
    if (stopped) return
    const delay = ledger.settling ? heartbeatMs / SETTLING_SPEEDUP : heartbeatMs
    timer = setTimeout(() => {
      beating = beat().finally(() => {
        beating = undefined
        schedule()
      })
    }, delay)
    timer.unref()
  }

  return {
    id,
    share: (endpointId, limits) => ledger.share(endpointId, limits),
    holderFor(endpointId, limits) {
      const part = ledger.share(endpointId, limits)
      return part.maxConcurrency === 0 || part.ratePerSecond === 0 ? ledger.holderOf(endpointId) : undefined
    },
    async handOver(byWorker) {
      await scripts?.handOver(byWorker).catch(() => undefined)
    },
    get workers() {
      return ledger.workers
    },
    async start(sharedGate) {
      const deadline = now() + joinTimeoutMs
      gate = sharedGate
      redis = ownClient(options.connection, heartbeatMs)
      // Commands fail at once while disconnected (no queue of stale heartbeats): wait for the first connection.
      redis.on("error", () => undefined)
      await untilReady(redis, joinTimeoutMs)
      scripts = membershipScripts(redis, prefix)
      const holding = new Promise<boolean>((resolve) => {
        joined = () => resolve(true)
        setTimeout(() => resolve(false), Math.max(0, deadline - now())).unref()
      })
      beating = beat().finally(() => {
        beating = undefined
        schedule()
      })
      return holding
    },
    async leave() {
      if (stopped) return
      stopped = true
      clearTimeout(timer)
      await beating
      try {
        // Its rate-limited starts stay counted for a rate window.
        const lingerMs = gate ? gate.lastSpacedStartAt + RATE_WINDOW_MS - now() : 0
        if (scripts) await withTimeout(scripts.leave(id, lingerMs), heartbeatMs, "membership leave")
      } catch {
        // Not handed back: the others reclaim the share when this worker's heartbeat expires.
      } finally {
        redis?.disconnect()
      }
    },
  }
}

/**
 * A client of the membership's own: heartbeats must not queue behind BullMQ's
 * blocking commands, nor queue while offline. It reconnects every half
 * heartbeat (not ioredis's backoff up to 2 s): after an outage every worker
 * must heartbeat again well within the TTL, or it would be dropped alive.
 */
function ownClient(connection: ConnectionOptions, heartbeatMs: number): Redis | Cluster {
  const settings = {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => Math.max(10, Math.round(heartbeatMs / 2)),
  }
  if (connection instanceof IORedis) return connection.duplicate(settings)
  if (connection instanceof IORedis.Cluster) return connection.duplicate(undefined, { redisOptions: settings })
  return new IORedis({ ...(connection as RedisOptions), ...settings })
}

function untilReady(redis: Redis | Cluster, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs)
    timer.unref()
    redis.once("ready", done)
    function done() {
      clearTimeout(timer)
      redis.off("ready", done)
      resolve()
    }
  })
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
