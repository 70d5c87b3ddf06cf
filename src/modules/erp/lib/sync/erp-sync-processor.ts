import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { isErpError, type ErpConnector, type HubOrder } from "../../../../../connectors"
import { createBatcher, type Batcher } from "../../../../../webhooks/core"
import { describeError } from "../../../../lib/errors/describe-error"
import { withLogContext } from "../../../../lib/logging/context"
import { attemptOutcomeOf } from "./attempt-outcome"
import { claimSyncs, type ClaimedSync } from "./claim-syncs"
import type { ConnectionSlots } from "./connection-slots"
import { connectorFor } from "./connector-cache"
import type { EncryptionKeys } from "../../../../lib/crypto/secret-box"
import { recordSyncOutcomes, type CompletedSync, type SyncOutcome } from "./record-sync-outcomes"
import { erpRetryDelayMs } from "./retry-policy"
import { toHubCustomer, toHubOrder } from "./to-hub-order"

/** A delivery whose order is being synced by another worker waits this long. */
export const DEFERRAL_MS = 1_000
/** A disabled connection's deliveries wait (without spending attempts) this long. */
export const PAUSE_MS = 300_000
/** Retry delay when the worker itself could not run the sync (Redis slot trouble). */
const INFRA_RETRY_MS = 5_000

type Logger = { info(message: string): void; warn(message: string): void }

export type ErpSyncProcessorOptions = {
  pg: Knex
  /** Open the connections' credentials (ENCRYPTION_KEY, ENCRYPTION_KEYS_PREVIOUS). */
  keys: EncryptionKeys
  slots: ConnectionSlots
  /** Hands deliveries back to the ERP queue after `delayMs`. */
  enqueueErp(ids: string[], delayMs: number): Promise<void>
  /** Hands new webhook deliveries (of `erp.sync_failed` events) to their queue. */
  enqueueWebhooks(ids: string[]): Promise<void>
  logger?: Logger
  /** How long a claim holds (HubConfig.erpLeaseMs). */
  leaseMs?: number
}

export type ErpSyncSummary = { delivered: number; retried: number; failed: number; deferred: number; paused: number }

export type ErpSyncProcessor = {
  /** Syncs these deliveries (ids a queue job carried); returns what happened to them. */
  process(ids: string[]): Promise<ErpSyncSummary>
  /** Waits for pending outcome writes. */
  drain(): Promise<void>
}

/**
 * The ERP sync lane's "act" step on the durability core, in stages:
 *
 *   claimSyncs → (per delivery, holding a connection slot) syncDelivery
 *   → recordSyncOutcomes → re-enqueue retries
 *
 * Claims and outcomes go through the core's batcher across the jobs running
 * at once (one job per order is what producers enqueue), so Postgres sees a
 * few statements per batch; both use the outbox's shared claim-with-lease and
 * result writer, as webhook deliveries do.
 *
 * Every sync sends the order's latest document (an upsert keyed by our order
 * id, or a cancel when the order is canceled), and only one sync per
 * (connection, order) runs at a time, so however events interleave the ERP
 * ends on the order's latest state. An `order.returned` sync then books the
 * return as the ERP's own document, keyed by the return id, where the
 * connector has one (`upsertReturn`); elsewhere the upsert is the return.
 * Permanent failures and exhausted retries become `failed` and emit
 * `erp.sync_failed`.
 */
export function createErpSyncProcessor(options: ErpSyncProcessorOptions): ErpSyncProcessor {
  const { pg, slots } = options
  const customers = new Map<string, string>()
  const claims: Batcher<string, ClaimedSync | "deferred" | null> = createBatcher(
    async (ids) => {
      const { claimed, deferred } = await claimSyncs(pg, [...new Set(ids)], options.leaseMs)
      const byId = new Map<string, ClaimedSync | "deferred">(claimed.map((c) => [c.id, c]))
      for (const id of deferred) byId.set(id, "deferred")
      // Two jobs carrying one delivery (a reconciled duplicate): only the first syncs it.
      const given = new Set<string>()
      return ids.map((id) => (given.has(id) ? null : (given.add(id), byId.get(id) ?? null)))
    },
    { maxBatch: 100, flushIntervalMs: 2 }
  )
  const outcomes: Batcher<CompletedSync, boolean> = createBatcher(
    (items) => recordSyncOutcomes(pg, items, options.enqueueWebhooks),
    { maxBatch: 100, flushIntervalMs: 5 }
  )

  async function processOne(claimed: ClaimedSync): Promise<SyncOutcome> {
    const connection = claimed.connection
    if (!connection || connection.deleted) return { kind: "canceled", error: "the ERP connection was deleted" }
    if (!connection.enabled) return { kind: "paused", delayMs: PAUSE_MS, error: "the ERP connection is disabled" }
    try {
      return await slots.run(connection.id, connection.concurrency, () =>
        syncDelivery(options.keys, customers, claimed)
      )
    } catch (e) {
      options.logger?.warn(`erp sync ${claimed.id}: could not take a connection slot: ${describe(e)}`)
      return { kind: "retry", delayMs: INFRA_RETRY_MS, error: `worker: ${describe(e)}` }
    }
  }

  return {
    async process(ids) {
      const summary: ErpSyncSummary = { delivered: 0, retried: 0, failed: 0, deferred: 0, paused: 0 }
      const unique = [...new Set(ids)]
      const results = await Promise.all(unique.map((id) => claims.add(id)))
      const claimed = results.filter((r): r is ClaimedSync => r !== null && r !== "deferred")
      const deferred = unique.filter((_, i) => results[i] === "deferred")
      if (deferred.length) {
        summary.deferred = deferred.length
        // A lost enqueue is repaired by the reconciler; it must not stop this job's own syncs.
        await options.enqueueErp(deferred, DEFERRAL_MS).catch(() => undefined)
      }
      await Promise.all(
        claimed.map(async (c) => {
          // Every line of this sync, the connector's included, names it.
          const outcome = await withLogContext(syncLogFields(c), async () => {
            const result = await processOne(c)
            logOutcome(options.logger, result)
            return result
          })
          const recorded = await outcomes.add({ claimed: c, outcome })
          if (!recorded) return
          if (outcome.kind === "delivered") summary.delivered++
          else if (outcome.kind === "failed") summary.failed++
          else if (outcome.kind === "retry" || outcome.kind === "paused") {
            if (outcome.kind === "retry") summary.retried++
            else summary.paused++
            // Persisted first, then enqueued: a lost enqueue is repaired by the reconciler.
            await options.enqueueErp([c.id], outcome.delayMs).catch(() => undefined)
          }
        })
      )
      return summary
    },
    drain: async () => {
      await claims.drain()
      await outcomes.drain()
    },
  }
}

/**
 * Pushes the order's latest document to the ERP and classifies the result.
 * Runs while holding one of the connection's slots; never throws.
 */
async function syncDelivery(
  keys: EncryptionKeys,
  customers: Map<string, string>,
  claimed: ClaimedSync
): Promise<SyncOutcome> {
  const connection = claimed.connection!
  const startedAt = Date.now()
  // Position in the current retry schedule (an operator's retry starts a fresh one).
  const scheduled = claimed.attempts + 1 - claimed.schedule_base
  try {
    const connector = connectorFor(connection, keys)
    const pushed = await pushLatestState(connector, customers, claimed)
    return { kind: "delivered", ...pushed, startedAt, durationMs: Date.now() - startedAt }
  } catch (e) {
    const durationMs = Date.now() - startedAt
    const error = describe(e)
    const status = isErpError(e) ? e.status : undefined
    const outcome = attemptOutcomeOf(e)
    const failed = { kind: "failed", outcome, error, status, startedAt, durationMs } as const
    const retryable = isErpError(e) ? e.retryable : true
    if (!retryable) return { ...failed, reason: "permanent" }
    if (scheduled >= connection.max_attempts) return { ...failed, reason: "exhausted" }
    const delayMs = erpRetryDelayMs(scheduled, isErpError(e) ? e.retryAfterMs : undefined, {
      baseMs: connection.retry_base_ms,
    })
    return { kind: "retry", delayMs, error, status, attempt: { outcome, startedAt, durationMs } }
  }
}

/**
 * The ERP's id for the order (null when the ERP never had it: a cancel of an
 * unsynced order) and, for a return booked as its own document, that document's.
 */
async function pushLatestState(
  connector: ErpConnector,
  customers: Map<string, string>,
  claimed: ClaimedSync
): Promise<{ erpId: string | null; documentId?: string }> {
  const doc = claimed.document
  // The feed is written before the event that caused this delivery, so this
  // only happens if the feed row was removed; worth retrying, not guessing.
  if (!doc) throw new Error(`order ${claimed.order_id} has no published document`)
  if (doc.status === "canceled") {
    const cancel = await connector.cancelSalesOrder(doc.id)
    return { erpId: cancel.erpId ?? null }
  }
  const order: HubOrder = { ...toHubOrder(doc), revision: claimed.document_revision ?? undefined }
  if (!order.customer.erp_account_number && doc.company) {
    // The ERP customer is referenced by our company id until the ERP has
    // one; make sure it exists (an idempotent upsert, once per process).
    const key = `${connector.key}|${doc.company.id}`
    let account = customers.get(key)
    if (!account) {
      account = (await connector.upsertCustomer(toHubCustomer(doc))).accountNumber
      customers.set(key, account)
    }
    order.customer.erp_account_number = account
  }
  const erpId = (await connector.upsertSalesOrder(order)).erpId
  if (!claimed.return_id || !connector.upsertReturn) return { erpId }
  const ret = order.returns?.find((r) => r.id === claimed.return_id)
  // The feed is written before the return's event; a document without it is
  // an older one (not expected), so try again rather than book nothing.
  if (!ret) throw new Error(`order ${doc.id}: the published document has no return ${claimed.return_id}`)
  return { erpId, documentId: (await connector.upsertReturn(order, ret)).erpId }
}

/** The ids an ERP sync's log lines carry. */
function syncLogFields(c: ClaimedSync) {
  return { erp_sync_id: c.id, order_id: c.order_id, erp_connection_id: c.connection?.id, event_type: c.event_type }
}

/** One line per sync: delivered or paused (info); a retry or an end (warn) with the reason. */
function logOutcome(logger: Logger | undefined, outcome: SyncOutcome): void {
  if (!logger) return
  if (outcome.kind === "delivered") logger.info(`erp sync delivered${outcome.erpId ? ` as ${outcome.erpId}` : ""}`)
  else if (outcome.kind === "paused") logger.info(`erp sync paused: ${outcome.error}`)
  else if (outcome.kind === "retry") logger.warn(`erp sync will be retried in ${outcome.delayMs} ms: ${outcome.error}`)
  else logger.warn(`erp sync ${outcome.kind}: ${outcome.error}`)
}

/** Connector errors are already redacted; anything else is reduced to its message. */
function describe(e: unknown): string {
  if (isErpError(e)) return `${e.code}${e.status ? ` (HTTP ${e.status})` : ""}: ${e.message}`.slice(0, 1000)
  return describeError(e)
}
