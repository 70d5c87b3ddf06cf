import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { hubRuntime } from "./runtime"

/**
 * How late a due delivery may be before the reconciler assumes its job was
 * lost (Redis flushed or restarted without persistence, a worker killed).
 * A delivery still queued is harmless to enqueue again: claims are leased.
 */
export const RECONCILE_GRACE_MS = 15_000

/** Where reconciled ids go; the hub runtime's queues unless a caller (a test, the benchmark) says otherwise. */
export type ReconcileTargets = {
  webhooks(ids: string[]): Promise<void>
  erp(ids: string[]): Promise<void>
}

const runtimeTargets: ReconcileTargets = {
  webhooks: (ids) => hubRuntime.enqueueWebhookDeliveries(ids, "retry"),
  erp: (ids) => hubRuntime.enqueueErpDeliveries(ids),
}

/**
 * Re-enqueues pending deliveries that are due, unleased (or whose lease
 * expired: the worker died) and overdue by the grace period. Returns how many
 * were handed back to the queues.
 */
export async function reconcileDeliveries(
  pg: Knex,
  graceMs = RECONCILE_GRACE_MS,
  limit = 10_000,
  targets: ReconcileTargets = runtimeTargets
): Promise<{ webhooks: number; erp: number }> {
  const { rows } = await pg.raw<{ rows: { id: string; target_type: string }[] }>(
    `select id, target_type from delivery
      where status = 'pending' and deleted_at is null
        and next_attempt_at <= now() - (? * interval '1 millisecond')
        and (lease_until is null or lease_until < now())
      order by next_attempt_at limit ?`,
    [graceMs, limit]
  )
  const webhooks = rows.filter((r) => r.target_type === "webhook_endpoint").map((r) => r.id)
  const erp = rows.filter((r) => r.target_type === "erp_connection").map((r) => r.id)
  await targets.webhooks(webhooks)
  await targets.erp(erp)
  return { webhooks: webhooks.length, erp: erp.length }
}
