import type { MedusaContainer } from "@medusajs/framework/types"
import { OUTBOX_MODULE } from "../modules/outbox"
import { RECONCILE_GRACE_MS } from "../modules/outbox/lib/reconcile"
import type OutboxModuleService from "../modules/outbox/service"

/**
 * Hands back to the queues the deliveries Postgres says are due but no worker
 * holds (jobs lost to a Redis flush or restart, workers that died mid-delivery).
 * Every 15 s, so a lost delivery waits at most grace + interval (~30 s).
 */
export default async function outboxDeliveriesReconcile(container: MedusaContainer) {
  await container.resolve<OutboxModuleService>(OUTBOX_MODULE).reconcileDeliveries()
}

export const config = { name: "outbox-deliveries-reconcile", schedule: { interval: RECONCILE_GRACE_MS } }
