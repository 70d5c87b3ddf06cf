import { randomUUID } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { isErpError, type ErpConnector } from "../../../connectors"
import { insertHubEvent } from "../../modules/hub/lib/insert-event"
import type { OrderDocument } from "../orders/order-document"
import { connectorFor } from "./connector-cache"
import { ERP_MAX_ATTEMPTS, erpRetryDelayMs } from "./retry-policy"
import { toHubOrder } from "./to-hub-order"

const LEASE_MS = 120_000

type Claimed = {
  id: string
  attempts: number
  event_type: string
  order_id: string
  connection_id: string
  kind: string
  settings: Record<string, unknown>
  credentials_encrypted: string | null
  conn_updated_at: Date
  enabled: boolean
  concurrency: number
}

export type ErpSyncResult = { delivered: string[]; retry: { id: string; delayMs: number }[]; failed: string[] }

/** Per-connection in-process concurrency limit (the connection's `concurrency`). */
const inFlight = new Map<string, { active: number; waiters: (() => void)[] }>()
async function withSlot<T>(connectionId: string, limit: number, fn: () => Promise<T>): Promise<T> {
  const slot = inFlight.get(connectionId) ?? { active: 0, waiters: [] }
  inFlight.set(connectionId, slot)
  while (slot.active >= Math.max(1, limit)) await new Promise<void>((resolve) => slot.waiters.push(resolve))
  slot.active++
  try {
    return await fn()
  } finally {
    slot.active--
    slot.waiters.shift()?.()
  }
}

/**
 * Syncs a batch of ERP deliveries: claim (lease + token, so duplicate jobs
 * and concurrent workers are harmless), push the order's latest document
 * through the connection's connector (upsert keyed by our order id, so a
 * redelivery after a crash is not a second order), record the outcome.
 * Permanent failures and exhausted retries become `failed` and emit
 * `erp.sync_failed`.
 */
export async function processErpDeliveries(pg: Knex, encryptionKey: string, ids: string[]): Promise<ErpSyncResult> {
  const result: ErpSyncResult = { delivered: [], retry: [], failed: [] }
  if (!ids.length) return result
  const token = randomUUID()
  const now = new Date()
  const { rows } = await pg.raw<{ rows: Claimed[] }>(
    `with claimed as (
       update delivery d set lease_until = ?, claim_token = ?
        where d.id = any(?::text[]) and d.status = 'pending' and d.target_type = 'erp_connection'
          and d.deleted_at is null and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)
       returning d.id, d.attempts, d.event_id, d.target_id)
     select c.id, c.attempts, e.type as event_type, e.resource_id as order_id, ec.id as connection_id, ec.kind, ec.settings,
            ec.credentials_encrypted, ec.updated_at as conn_updated_at, ec.enabled, ec.concurrency
       from claimed c join hub_event e on e.id = c.event_id join erp_connection ec on ec.id = c.target_id`,
    [new Date(now.getTime() + LEASE_MS), token, ids, now, now]
  )

  await Promise.all(
    rows.map((row) =>
      withSlot(row.connection_id, row.concurrency, async () => {
        const started = Date.now()
        const attempt = row.attempts + 1
        try {
          if (!row.enabled) throw Object.assign(new Error("connection disabled"), { permanent: true })
          const connector = connectorFor(
            { id: row.connection_id, kind: row.kind as any, settings: row.settings, credentials_encrypted: row.credentials_encrypted, updated_at: row.conn_updated_at },
            encryptionKey
          )
          const erpId = await syncOne(pg, connector, row)
          await pg.transaction(async (trx) => {
            await logAttempt(trx, row.id, attempt, "delivered", Date.now() - started, null)
            const updated = await trx("delivery")
              .where({ id: row.id, claim_token: token, status: "pending" })
              .update({ status: "delivered", attempts: attempt, result_ref: erpId, completed_at: new Date(), lease_until: null, claim_token: null, last_error: null })
            if (updated && erpId) {
              await trx.raw(
                `insert into erp_order_link (id, order_id, connection_id, erp_id, created_at, updated_at) values (?, ?, ?, ?, now(), now())
                 on conflict (order_id, connection_id) where connection_id is not null and deleted_at is null do update set erp_id = excluded.erp_id, updated_at = now()`,
                [generateEntityId(undefined, "erpl"), row.order_id, row.connection_id, erpId]
              )
            }
          })
          result.delivered.push(row.id)
        } catch (e) {
          const retryable = isErpError(e) ? e.retryable : !(e as { permanent?: boolean }).permanent
          const message = describe(e)
          const exhausted = attempt >= ERP_MAX_ATTEMPTS
          await pg.transaction(async (trx) => {
            await logAttempt(trx, row.id, attempt, retryable ? "retryable_error" : "permanent_error", Date.now() - started, message)
            if (retryable && !exhausted) {
              const delayMs = erpRetryDelayMs(attempt, isErpError(e) ? e.retryAfterMs : undefined)
              await trx("delivery")
                .where({ id: row.id, claim_token: token, status: "pending" })
                .update({ attempts: attempt, next_attempt_at: new Date(Date.now() + delayMs), last_error: message, lease_until: null, claim_token: null })
              result.retry.push({ id: row.id, delayMs })
            } else {
              const updated = await trx("delivery")
                .where({ id: row.id, claim_token: token, status: "pending" })
                .update({ status: "failed", attempts: attempt, failure_reason: exhausted ? "exhausted" : "permanent", last_error: message, completed_at: new Date(), lease_until: null, claim_token: null })
              if (updated) {
                await insertHubEvent(trx, {
                  type: "erp.sync_failed",
                  resource_type: "order",
                  resource_id: row.order_id,
                  dedupe_key: `erp.sync_failed:${row.id}`,
                  data: { order_id: row.order_id, connection_id: row.connection_id, delivery_id: row.id, attempts: attempt, error: message },
                })
              }
              result.failed.push(row.id)
            }
          })
        }
      })
    )
  )
  return result
}

async function syncOne(pg: Knex, connector: ErpConnector, row: Claimed): Promise<string | null> {
  if (row.event_type === "order.canceled") {
    const cancel = await connector.cancelSalesOrder(row.order_id)
    return cancel.erpId ?? null
  }
  // Always the latest version of the order: an older event must not roll
  // the ERP back to a stale document.
  const { rows } = await pg.raw<{ rows: { document: OrderDocument }[] }>(
    "select document from erp_order_feed where order_id = ? and deleted_at is null",
    [row.order_id]
  )
  if (!rows[0]) throw new Error(`order ${row.order_id} has no published document yet`)
  const upsert = await connector.upsertSalesOrder(toHubOrder(rows[0].document))
  return upsert.erpId
}

async function logAttempt(trx: Knex.Transaction, deliveryId: string, attempt: number, outcome: string, durationMs: number, error: string | null) {
  await trx.raw(
    `insert into delivery_attempt (id, delivery_id, attempt, outcome, duration_ms, error, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, now(), now()) on conflict (delivery_id, attempt) where deleted_at is null do nothing`,
    [generateEntityId(undefined, "att"), deliveryId, attempt, outcome, durationMs, error]
  )
}

/** Connector errors are already redacted; anything else is reduced to its message. */
function describe(e: unknown): string {
  if (isErpError(e)) return `${e.code}${e.status ? ` (HTTP ${e.status})` : ""}: ${e.message}`.slice(0, 1000)
  return (e instanceof Error ? e.message : String(e)).slice(0, 1000)
}
