import { randomUUID } from "node:crypto"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { claimWithLeaseSql } from "../../../outbox/lib/delivery-claims"
import type { OrderDocument } from "../../../../lib/orders/order-document"

/** A claimed delivery is ours for this long by default (longer than any one sync can take; ERP_LEASE_MS). */
export const DEFAULT_ERP_LEASE_MS = 300_000
// Advisory-lock namespace of claims: with the lease check, two workers never
// sync the same order to the same ERP at once.
const CLAIM_LOCK = "backy:erp-sync-claim:"

export type ClaimedSync = {
  id: string
  token: string
  /** Attempts made in the delivery's whole life. */
  attempts: number
  /** `attempts` when an operator's retry gave the delivery a fresh schedule. */
  schedule_base: number
  event_type: string
  order_id: string
  /** For an `order.returned` delivery: the return it books. */
  return_id: string | null
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

type ClaimedRow = {
  id: string
  attempts: number
  schedule_base: number | null
  event_type: string
  order_id: string
  return_id: string | null
  connection_id: string | null
  kind: NonNullable<ClaimedSync["connection"]>["kind"]
  settings: Record<string, unknown>
  credentials_encrypted: string | null
  connection_updated_at: Date
  enabled: boolean
  connection_deleted: boolean
  concurrency: number
  max_attempts: number
  retry_base_ms: number
  document_json: string | null
  document_revision: number | null
}

/**
 * Leases the due deliveries among `ids`, at most one per (connection, order)
 * and none for an order another worker is syncing to that connection; those
 * come back as `deferred`. Ids no longer pending or not yet due are dropped
 * (their own job or the reconciler brings them back).
 *
 * The lease is the outbox's shared claim-with-lease; the per-order
 * exclusivity in front of it (an advisory lock per order, then the pick) is
 * the ERP's own, since an ERP must see an order's syncs one at a time.
 */
export async function claimSyncs(
  pg: Knex,
  ids: string[],
  leaseMs = DEFAULT_ERP_LEASE_MS
): Promise<{ claimed: ClaimedSync[]; deferred: string[] }> {
  if (!ids.length) return { claimed: [], deferred: [] }
  const now = new Date()
  const claim = { now, leaseUntil: new Date(now.getTime() + leaseMs), claimToken: randomUUID() }
  const { candidates, rows } = await pg.transaction(async (trx) => {
    // Claims of one order are serialized across workers (locks taken in a fixed
    // order, so concurrent claimers cannot deadlock); different orders never wait.
    await trx.raw(
      `select pg_advisory_xact_lock(hashtext(? || order_id)) from (
         select distinct e.resource_id as order_id from delivery d join hub_event e on e.id = d.event_id
          where d.id = any(?::text[]) order by 1) o`,
      [CLAIM_LOCK, ids]
    )
    const pickable = await pickOnePerOrder(trx, ids, now)
    const candidates = pickable.map((c) => c.id)
    const picked = pickable.filter((c) => c.picked).map((c) => c.id)
    if (!picked.length) return { candidates, rows: [] as ClaimedRow[] }
    const lease = claimWithLeaseSql("erp_connection", picked, claim)
    const { rows } = await trx.raw<{ rows: ClaimedRow[] }>(
      `with claimed as (${lease.sql})
       select c.id, c.attempts, c.schedule_base, e.type as event_type, e.resource_id as order_id,
              case when e.type = 'order.returned' then e.payload #>> '{data,return,id}' end as return_id,
              ec.id as connection_id, ec.kind, ec.settings, ec.credentials_encrypted, ec.updated_at as connection_updated_at,
              ec.enabled, ec.deleted_at is not null as connection_deleted, ec.concurrency, ec.max_attempts, ec.retry_base_ms,
              f.document::text as document_json, f.version as document_revision
         from claimed c
         join hub_event e on e.id = c.event_id
         left join erp_connection ec on ec.id = c.target_id
         left join erp_order_feed f on f.order_id = e.resource_id and f.deleted_at is null`,
      lease.bindings
    )
    return { candidates, rows }
  })
  const claimedIds = new Set(rows.map((r) => r.id))
  return {
    claimed: rows.map((r) => toClaimedSync(r, claim.claimToken)),
    deferred: candidates.filter((id) => !claimedIds.has(id)),
  }
}

/**
 * The pending, due, unleased ERP deliveries among `ids`, each marked whether
 * it may be claimed now: one per (connection, order), and none while another
 * delivery of that order to that connection is leased (being synced).
 */
async function pickOnePerOrder(
  trx: Knex.Transaction,
  ids: string[],
  now: Date
): Promise<{ id: string; picked: boolean }[]> {
  const { rows } = await trx.raw<{ rows: { id: string; picked: boolean }[] }>(
    `with cand as (
       select d.id, d.target_id, e.resource_id as order_id
         from delivery d join hub_event e on e.id = d.event_id
        where d.id = any(?::text[]) and d.status = 'pending' and d.target_type = 'erp_connection' and d.deleted_at is null
          and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until < ?)
     ), busy as (
       -- "e.deleted_at is null" lets hub_event's partial (resource_type, resource_id) index
       -- find the orders' events; without it every claim read the whole table.
       select distinct d.target_id, e.resource_id as order_id
         from hub_event e join delivery d on d.event_id = e.id
        where e.resource_type = 'order' and e.resource_id in (select order_id from cand) and e.deleted_at is null
          and d.target_type = 'erp_connection' and d.status = 'pending' and d.deleted_at is null and d.lease_until >= ?
     ), pick as materialized (
       select distinct on (c.target_id, c.order_id) c.id from cand c
        where not exists (select 1 from busy b where b.target_id = c.target_id and b.order_id = c.order_id)
        order by c.target_id, c.order_id, c.id
     )
     -- pick is materialized: computed once, not again for each candidate's exists().
     select c.id, exists (select 1 from pick p where p.id = c.id) as picked from cand c`,
    [ids, now, now, now]
  )
  return rows
}

function toClaimedSync(r: ClaimedRow, token: string): ClaimedSync {
  return {
    id: r.id,
    token,
    attempts: r.attempts,
    schedule_base: r.schedule_base ?? 0,
    event_type: r.event_type,
    order_id: r.order_id,
    return_id: r.return_id ?? null,
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
  }
}
