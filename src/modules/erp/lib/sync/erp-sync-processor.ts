import { randomUUID } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { isErpError, type ErpConnector, type HubOrder } from "../../../../../connectors"
import { insertHubEvent } from "../../../outbox/lib/insert-event"
import type { OrderDocument } from "../../../../lib/orders/order-document"
import { createBatcher, type Batcher } from "./batcher"
import type { ConnectionSlots } from "./connection-slots"
import { connectorFor } from "./connector-cache"
import { erpRetryDelayMs } from "./retry-policy"
import { toHubCustomer, toHubOrder } from "./to-hub-order"
import { describeError } from "../../../../lib/errors/describe-error"

/** A claimed delivery is ours for this long (longer than any one sync can take). */
export const ERP_LEASE_MS = 300_000
/** A delivery whose order is being synced by another worker waits this long. */
export const DEFERRAL_MS = 1_000
/** A disabled connection's deliveries wait (without spending attempts) this long. */
export const PAUSE_MS = 300_000
/** Retry delay when the worker itself could not run the sync (Redis slot trouble). */
const INFRA_RETRY_MS = 5_000
// Advisory-lock namespace of claims: with the lease check, two workers never
// sync the same order to the same ERP at once.
const CLAIM_LOCK = "backy:erp-sync-claim:"

type Logger = { warn(message: string): void }

export type ErpSyncProcessorOptions = {
  pg: Knex
  encryptionKey: string
  slots: ConnectionSlots
  /** Hands deliveries back to the ERP queue after `delayMs`. */
  enqueueErp(ids: string[], delayMs: number): Promise<void>
  /** Hands new webhook deliveries (of `erp.sync_failed` events) to their queue. */
  enqueueWebhooks(ids: string[]): Promise<void>
  logger?: Logger
}

export type ErpSyncSummary = { delivered: number; retried: number; failed: number; deferred: number; paused: number }

type ClaimedSync = {
  id: string
  token: string
  attempts: number
  /** `attempts` when an operator's retry gave the delivery a fresh schedule. */
  schedule_base: number
  event_type: string
  order_id: string
  document: OrderDocument | null
  /** The feed's version of `document` (1 = as placed). */
  document_revision: number | null
  connection: {
    id: string
    kind: "netsuite" | "business-central" | "generic"
    settings: Record<string, unknown>
    credentials_encrypted: string | null
    updated_at: Date
    enabled: boolean
    deleted: boolean
    concurrency: number
    max_attempts: number
    retry_base_ms: number
  } | null
}

/** What one delivery's sync came to; `recordOutcomes` writes it. */
type SyncOutcome =
  | { kind: "delivered"; erpId: string | null; durationMs: number }
  | { kind: "retry"; delayMs: number; error: string; status?: number; durationMs: number; countsAttempt: boolean }
  | { kind: "failed"; reason: "permanent" | "exhausted"; error: string; status?: number; durationMs: number }
  | { kind: "paused"; delayMs: number; error: string }
  | { kind: "canceled"; error: string }

type Completed = { claimed: ClaimedSync; outcome: SyncOutcome }

export type ErpSyncProcessor = {
  /** Syncs these deliveries (ids a queue job carried); returns what happened to them. */
  process(ids: string[]): Promise<ErpSyncSummary>
  /** Waits for pending outcome writes. */
  drain(): Promise<void>
}

/**
 * The ERP sync lane's "act" step, in stages:
 *
 *   claimDeliveries → (per delivery, holding a connection slot) syncDelivery
 *   → recordOutcomes → re-enqueue retries
 *
 * Claims and outcomes are batched across the jobs running at once (one job per
 * order is what producers enqueue), so Postgres sees a few statements per batch.
 *
 * Every sync sends the order's latest document (an upsert keyed by our order
 * id, or a cancel when the order is canceled), and only one sync per
 * (connection, order) runs at a time, so however events interleave the ERP
 * ends on the order's latest state. Permanent failures and exhausted retries
 * become `failed` and emit `erp.sync_failed`.
 */
export function createErpSyncProcessor(options: ErpSyncProcessorOptions): ErpSyncProcessor {
  const { pg, slots } = options
  const customers = new Map<string, string>()
  // Concurrent jobs (one per order, as producers enqueue them) share claim and
  // outcome transactions: a few statements per batch instead of per order.
  const claims: Batcher<string, ClaimedSync | "deferred" | null> = createBatcher(
    async (ids) => {
      const { claimed, deferred } = await claimDeliveries(pg, [...new Set(ids)])
      const byId = new Map<string, ClaimedSync | "deferred">(claimed.map((c) => [c.id, c]))
      for (const id of deferred) byId.set(id, "deferred")
      // Two jobs carrying one delivery (a reconciled duplicate): only the first syncs it.
      const given = new Set<string>()
      return ids.map((id) => (given.has(id) ? null : (given.add(id), byId.get(id) ?? null)))
    },
    { maxBatch: 100, flushIntervalMs: 2 }
  )
  const batcher: Batcher<Completed, boolean> = createBatcher((items) => recordOutcomes(options, items), {
    maxBatch: 100,
    flushIntervalMs: 5,
  })

  async function processOne(claimed: ClaimedSync): Promise<SyncOutcome> {
    const connection = claimed.connection
    if (!connection || connection.deleted) return { kind: "canceled", error: "the ERP connection was deleted" }
    if (!connection.enabled) return { kind: "paused", delayMs: PAUSE_MS, error: "the ERP connection is disabled" }
    try {
      return await slots.run(connection.id, connection.concurrency, () =>
        syncDelivery(options.encryptionKey, customers, claimed)
      )
    } catch (e) {
      options.logger?.warn(`erp sync ${claimed.id}: could not take a connection slot: ${describe(e)}`)
      return {
        kind: "retry",
        delayMs: INFRA_RETRY_MS,
        error: `worker: ${describe(e)}`,
        durationMs: 0,
        countsAttempt: false,
      }
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
          const outcome = await processOne(c)
          const recorded = await batcher.add({ claimed: c, outcome })
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
      await batcher.drain()
    },
  }
}

/**
 * Leases the due deliveries among `ids`, at most one per (connection, order)
 * and none for an order another worker is syncing to that connection; those
 * come back as `deferred`. Ids no longer pending or not yet due are dropped
 * (their own job or the reconciler brings them back).
 */
async function claimDeliveries(pg: Knex, ids: string[]): Promise<{ claimed: ClaimedSync[]; deferred: string[] }> {
  if (!ids.length) return { claimed: [], deferred: [] }
  const token = randomUUID()
  const leaseUntil = new Date(Date.now() + ERP_LEASE_MS)
  const rows = await pg.transaction(async (trx) => {
    // Claims of one order are serialized across workers (locks taken in a fixed
    // order, so concurrent claimers cannot deadlock); different orders never wait.
    await trx.raw(
      `select pg_advisory_xact_lock(hashtext(? || order_id)) from (
         select distinct e.resource_id as order_id from delivery d join hub_event e on e.id = d.event_id
          where d.id = any(?::text[]) order by 1) o`,
      [CLAIM_LOCK, ids]
    )
    const { rows } = await trx.raw<{ rows: Record<string, any>[] }>(
      `with cand as (
         select d.id, d.target_id, e.resource_id as order_id
           from delivery d join hub_event e on e.id = d.event_id
          where d.id = any(?::text[]) and d.status = 'pending' and d.target_type = 'erp_connection' and d.deleted_at is null
            and d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until < now())
       ), busy as (
         select distinct d.target_id, e.resource_id as order_id
           from hub_event e join delivery d on d.event_id = e.id
          where e.resource_type = 'order' and e.resource_id in (select order_id from cand)
            and d.target_type = 'erp_connection' and d.status = 'pending' and d.deleted_at is null and d.lease_until >= now()
       ), pick as (
         select distinct on (c.target_id, c.order_id) c.id from cand c
          where not exists (select 1 from busy b where b.target_id = c.target_id and b.order_id = c.order_id)
          order by c.target_id, c.order_id, c.id
       ), upd as (
         update delivery d set lease_until = ?, claim_token = ? from pick where d.id = pick.id
         returning d.id, d.attempts, d.schedule_base, d.event_id, d.target_id
       )
       select c.id, u.id is not null as claimed, u.attempts, u.schedule_base, e.type as event_type, e.resource_id as order_id,
              ec.id as connection_id, ec.kind, ec.settings, ec.credentials_encrypted, ec.updated_at as connection_updated_at,
              ec.enabled, ec.deleted_at is not null as connection_deleted, ec.concurrency, ec.max_attempts, ec.retry_base_ms,
              f.document::text as document_json, f.version as document_revision
         from cand c
         left join upd u on u.id = c.id
         left join hub_event e on e.id = u.event_id
         left join erp_connection ec on ec.id = u.target_id
         left join erp_order_feed f on u.id is not null and f.order_id = e.resource_id and f.deleted_at is null`,
      [ids, leaseUntil, token]
    )
    return rows
  })
  const deferred = rows.filter((r) => !r.claimed).map((r) => r.id as string)
  const claimed = rows
    .filter((r) => r.claimed)
    .map(
      (r): ClaimedSync => ({
        id: r.id,
        token,
        attempts: r.attempts,
        schedule_base: r.schedule_base ?? 0,
        event_type: r.event_type,
        order_id: r.order_id,
        document: r.document_json ? (JSON.parse(r.document_json) as OrderDocument) : null,
        document_revision: r.document_revision ?? null,
        connection: r.connection_id
          ? {
              id: r.connection_id,
              kind: r.kind,
              settings: r.settings,
              credentials_encrypted: r.credentials_encrypted,
              updated_at: r.connection_updated_at,
              enabled: r.enabled,
              deleted: r.connection_deleted,
              concurrency: r.concurrency,
              max_attempts: r.max_attempts,
              retry_base_ms: r.retry_base_ms,
            }
          : null,
      })
    )
  return { claimed, deferred }
}

/**
 * Pushes the order's latest document to the ERP and classifies the result.
 * Runs while holding one of the connection's slots; never throws.
 */
async function syncDelivery(
  encryptionKey: string,
  customers: Map<string, string>,
  claimed: ClaimedSync
): Promise<SyncOutcome> {
  const connection = claimed.connection!
  const started = Date.now()
  const attempt = claimed.attempts + 1
  // Position in the current retry schedule (an operator's retry starts a fresh one).
  const scheduled = attempt - claimed.schedule_base
  try {
    const connector = connectorFor(connection, encryptionKey)
    const erpId = await pushLatestState(connector, customers, claimed)
    return { kind: "delivered", erpId, durationMs: Date.now() - started }
  } catch (e) {
    const durationMs = Date.now() - started
    const error = describe(e)
    const status = isErpError(e) ? e.status : undefined
    const retryable = isErpError(e) ? e.retryable : true
    if (!retryable) return { kind: "failed", reason: "permanent", error, status, durationMs }
    if (scheduled >= connection.max_attempts) return { kind: "failed", reason: "exhausted", error, status, durationMs }
    const delayMs = erpRetryDelayMs(scheduled, isErpError(e) ? e.retryAfterMs : undefined, {
      baseMs: connection.retry_base_ms,
    })
    return { kind: "retry", delayMs, error, status, durationMs, countsAttempt: true }
  }
}

/** The ERP's id for the order, or null when the ERP never had it (a cancel of an unsynced order). */
async function pushLatestState(
  connector: ErpConnector,
  customers: Map<string, string>,
  claimed: ClaimedSync
): Promise<string | null> {
  const doc = claimed.document
  // The feed is written before the event that caused this delivery, so this
  // only happens if the feed row was removed; worth retrying, not guessing.
  if (!doc) throw new Error(`order ${claimed.order_id} has no published document`)
  if (doc.status === "canceled") {
    const cancel = await connector.cancelSalesOrder(doc.id)
    return cancel.erpId ?? null
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
  return (await connector.upsertSalesOrder(order)).erpId
}

/**
 * Writes a batch of outcomes in one transaction: the attempt log, the
 * deliveries (only while still claimed by us), the external-id map and, for
 * failures, the `erp.sync_failed` event. Resolves per item to whether the
 * delivery was still ours.
 */
async function recordOutcomes(options: ErpSyncProcessorOptions, items: Completed[]): Promise<boolean[]> {
  const now = new Date()
  const webhookDeliveryIds: string[] = []
  const updated = await options.pg.transaction(async (trx) => {
    const attempts = items.filter(
      ({ outcome }) =>
        outcome.kind !== "paused" && outcome.kind !== "canceled" && (outcome.kind !== "retry" || outcome.countsAttempt)
    )
    if (attempts.length) {
      await trx.raw(
        `insert into delivery_attempt (id, delivery_id, attempt, outcome, status_code, duration_ms, error, created_at, updated_at)
         values ${attempts.map(() => "(?, ?, ?, ?, ?, ?, ?, now(), now())").join(", ")}
         on conflict (delivery_id, attempt) where deleted_at is null do nothing`,
        attempts.flatMap(({ claimed, outcome }) => {
          const o = outcome as Exclude<SyncOutcome, { kind: "paused" | "canceled" }>
          return [
            generateEntityId(undefined, "att"),
            claimed.id,
            claimed.attempts + 1,
            o.kind === "delivered" ? "delivered" : o.kind === "retry" ? "retryable_error" : "permanent_error",
            o.kind === "delivered" ? null : (o.status ?? null),
            o.durationMs,
            o.kind === "delivered" ? null : o.error,
          ]
        })
      )
    }

    const values = items.map(({ claimed, outcome }) => deliveryUpdate(claimed, outcome, now))
    const { rows } = await trx.raw<{ rows: { id: string }[] }>(
      `update delivery d set status = v.status, attempts = v.attempts, next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at),
              result_ref = v.result_ref, last_error = v.last_error, last_status_code = v.last_status_code,
              failure_reason = v.failure_reason, completed_at = v.completed_at, lease_until = null, claim_token = null, updated_at = now()
         from (values ${values.map(() => "(?::text, ?::text, ?::text, ?::int, ?::timestamptz, ?::text, ?::text, ?::int, ?::text, ?::timestamptz)").join(", ")})
              as v(id, token, status, attempts, next_attempt_at, result_ref, last_error, last_status_code, failure_reason, completed_at)
        where d.id = v.id and d.claim_token = v.token and d.status = 'pending'
        returning d.id`,
      values.flat()
    )
    const ours = new Set(rows.map((r) => r.id))

    const links = items.filter(
      ({ claimed, outcome }) => ours.has(claimed.id) && outcome.kind === "delivered" && outcome.erpId
    )
    if (links.length) {
      await trx.raw(
        `insert into erp_order_link (id, order_id, connection_id, erp_id, created_at, updated_at)
         values ${links.map(() => "(?, ?, ?, ?, now(), now())").join(", ")}
         on conflict (order_id, connection_id) where connection_id is not null and deleted_at is null
         do update set erp_id = excluded.erp_id, updated_at = now()`,
        links.flatMap(({ claimed, outcome }) => [
          generateEntityId(undefined, "erpl"),
          claimed.order_id,
          claimed.connection!.id,
          (outcome as { erpId: string }).erpId,
        ])
      )
    }

    for (const { claimed, outcome } of items) {
      if (!ours.has(claimed.id) || outcome.kind !== "failed") continue
      const event = await insertHubEvent(trx, {
        type: "erp.sync_failed",
        resource_type: "order",
        resource_id: claimed.order_id,
        dedupe_key: `erp.sync_failed:${claimed.id}:${claimed.attempts + 1}`,
        data: {
          order_id: claimed.order_id,
          connection_id: claimed.connection!.id,
          delivery_id: claimed.id,
          attempts: claimed.attempts + 1,
          error: outcome.reason === "exhausted" ? `retries exhausted; last error: ${outcome.error}` : outcome.error,
        },
      })
      webhookDeliveryIds.push(...event.webhook_delivery_ids)
    }
    return items.map(({ claimed }) => ours.has(claimed.id))
  })
  if (webhookDeliveryIds.length) await options.enqueueWebhooks(webhookDeliveryIds).catch(() => undefined)
  return updated
}

function deliveryUpdate(claimed: ClaimedSync, outcome: SyncOutcome, now: Date): Knex.RawBinding[] {
  const attempt = claimed.attempts + 1
  // (id, token, status, attempts, next_attempt_at, result_ref, last_error, last_status_code, failure_reason, completed_at)
  switch (outcome.kind) {
    case "delivered":
      return [claimed.id, claimed.token, "delivered", attempt, null, outcome.erpId, null, null, null, now]
    case "retry":
      return [
        claimed.id,
        claimed.token,
        "pending",
        outcome.countsAttempt ? attempt : claimed.attempts,
        new Date(now.getTime() + outcome.delayMs),
        null,
        outcome.error,
        outcome.status ?? null,
        null,
        null,
      ]
    case "failed":
      return [
        claimed.id,
        claimed.token,
        "failed",
        attempt,
        null,
        null,
        outcome.error,
        outcome.status ?? null,
        outcome.reason,
        now,
      ]
    case "paused":
      return [
        claimed.id,
        claimed.token,
        "pending",
        claimed.attempts,
        new Date(now.getTime() + outcome.delayMs),
        null,
        outcome.error,
        null,
        null,
        null,
      ]
    case "canceled":
      return [
        claimed.id,
        claimed.token,
        "canceled",
        claimed.attempts,
        null,
        null,
        outcome.error,
        null,
        "connection_deleted",
        now,
      ]
  }
}

/** Connector errors are already redacted; anything else is reduced to its message. */
function describe(e: unknown): string {
  if (isErpError(e)) return `${e.code}${e.status ? ` (HTTP ${e.status})` : ""}: ${e.message}`.slice(0, 1000)
  return describeError(e)
}
