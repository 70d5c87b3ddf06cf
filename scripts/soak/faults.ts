/**
 * The faults, on a schedule spread over the load phase from the first order on: each kind in
 * turn, evenly spaced, as many rounds as fit (one round per 40 s of load, at least one).
 *
 * - `worker_kill`: SIGKILL the worker process group, then start a new worker;
 * - `redis_flush`: FLUSHDB on the hub's own Redis database (queues, the event bus, the workflow
 *   engine, locks, scheduled jobs: everything the hub keeps in Redis);
 * - `erp_5xx`: the ERP answers its next order writes with 500, 502 or 503;
 * - `erp_429`: the ERP throttles its next order writes (429 with Retry-After);
 * - `partner_hang`: the partner takes requests and never answers them, for a while.
 */
import Redis from "ioredis"
import type { ErpSandbox } from "../../integration-tests/sandboxes/erp"
import type { PartnerReceiver } from "../../integration-tests/sandboxes/partner"
import type { HubProcesses } from "./hub"
import { progress } from "./options"

/**
 * In firing order. The flush follows the kill: events the server published while no worker ran
 * wait in Redis, and the flush takes them (and, with the worker up again, its scheduled jobs).
 */
export const FAULT_KINDS = ["erp_5xx", "worker_kill", "redis_flush", "partner_hang", "erp_429"] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/** Order writes (NetSuite salesOrder upserts) in one ERP burst. */
const ERP_BURST = 8
const ERP_5XX_STATUSES = [500, 502, 503]
const RETRY_AFTER_SECONDS = 2
/**
 * How long the partner hangs: at least long enough to time requests out, and on until a delivery
 * has been left hanging (at a slow order rate none may come in the first seconds), within a bound.
 */
const PARTNER_HANG_MS = 8_000
const PARTNER_HANG_MAX_MS = 30_000
/** Load seconds per round of every fault kind. */
const SECONDS_PER_ROUND = 40

export interface FaultTargets {
  hub: HubProcesses
  erp: ErpSandbox
  partner: PartnerReceiver
  redisUrl: string
  /** Orders placed so far: the flush waits for one placed while the worker is down. */
  placed(): number
}

/** The longest the flush waits for an order placed since the kill. */
const FLUSH_WAIT_MS = 10_000

/** When each fault fires, in ms from the start of the load. */
export function faultSchedule(loadMs: number): Array<{ atMs: number; kind: FaultKind }> {
  const rounds = Math.max(1, Math.floor(loadMs / 1000 / SECONDS_PER_ROUND))
  const count = rounds * FAULT_KINDS.length
  const spacing = loadMs / (count + 1)
  return Array.from({ length: count }, (_, i) => ({
    atMs: Math.round(spacing * (i + 1)),
    kind: FAULT_KINDS[i % FAULT_KINDS.length],
  }))
}

/** Fires the schedule; `stop()` cancels what is left and takes every fault back. */
export class FaultInjector {
  readonly injected: Record<FaultKind, number> = {
    erp_5xx: 0,
    partner_hang: 0,
    worker_kill: 0,
    erp_429: 0,
    redis_flush: 0,
  }
  private readonly timers: NodeJS.Timeout[] = []
  private readonly redis: Redis
  private pending = new Set<Promise<void>>()
  private placedAtKill = 0

  constructor(private readonly targets: FaultTargets) {
    this.redis = new Redis(targets.redisUrl, { maxRetriesPerRequest: 3 })
  }

  start(loadMs: number): void {
    for (const { atMs, kind } of faultSchedule(loadMs)) {
      this.timers.push(
        setTimeout(() => {
          const fired = this.inject(kind).catch((e) => progress("fault", `${kind} failed: ${String(e)}`))
          this.pending.add(fired)
          void fired.finally(() => this.pending.delete(fired))
        }, atMs)
      )
    }
  }

  /** Cancels the rest of the schedule, lets the faults under way finish and undoes the standing ones. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    await Promise.allSettled([...this.pending])
    this.targets.erp.failNext(0, 500)
    this.targets.erp.throttleNext(0, RETRY_AFTER_SECONDS)
    this.targets.partner.resetBehaviours()
    this.redis.disconnect()
  }

  private async inject(kind: FaultKind): Promise<void> {
    const { hub, erp, partner } = this.targets
    const round = this.injected[kind]
    switch (kind) {
      case "worker_kill":
        await hub.killWorker()
        this.placedAtKill = this.targets.placed()
        progress("fault", "worker killed with SIGKILL; a new one is starting")
        break
      case "redis_flush": {
        // Aimed at an order.placed event waiting in Redis for the restarting worker, the one
        // thing of an order that lives only in Redis (bounded: the flush comes anyway).
        const deadline = Date.now() + FLUSH_WAIT_MS
        while (this.targets.placed() === this.placedAtKill && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 200))
        await this.redis.flushdb()
        progress(
          "fault",
          `FLUSHDB on ${this.targets.redisUrl} (${this.targets.placed() - this.placedAtKill} orders placed since the kill)`
        )
        break
      }
      case "erp_5xx": {
        const status = ERP_5XX_STATUSES[round % ERP_5XX_STATUSES.length]
        erp.failNext(ERP_BURST, status, undefined, { method: "PUT", pathIncludes: "/salesOrder/" })
        progress("fault", `the ERP answers its next ${ERP_BURST} order writes with ${status}`)
        break
      }
      case "erp_429":
        erp.throttleNext(ERP_BURST, RETRY_AFTER_SECONDS, { method: "PUT", pathIncludes: "/salesOrder/" })
        progress(
          "fault",
          `the ERP throttles its next ${ERP_BURST} order writes (429, Retry-After ${RETRY_AFTER_SECONDS})`
        )
        break
      case "partner_hang": {
        const hungBefore = hungDeliveries(partner)
        const started = Date.now()
        partner.respond("*", "hang")
        progress("fault", `the partner hangs (${PARTNER_HANG_MS / 1000}–${PARTNER_HANG_MAX_MS / 1000} s)`)
        await new Promise((r) => setTimeout(r, PARTNER_HANG_MS))
        while (hungDeliveries(partner) === hungBefore && Date.now() - started < PARTNER_HANG_MAX_MS)
          await new Promise((r) => setTimeout(r, 250))
        partner.resetBehaviours()
        progress("fault", `the partner answers again (${hungDeliveries(partner) - hungBefore} deliveries left hanging)`)
        break
      }
    }
    this.injected[kind] += 1
  }
}

function hungDeliveries(partner: PartnerReceiver): number {
  return partner.deliveries().filter((d) => d.answer === "hang").length
}
