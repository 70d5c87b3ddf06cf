import type { MedusaContainer } from "@medusajs/framework/types"
import { HUB_MODULE } from "../modules/hub"
import { RECONCILE_GRACE_MS } from "../modules/hub/lib/reconcile"
import type HubModuleService from "../modules/hub/service"

/**
 * Hands back to the queues the deliveries Postgres says are due but no worker
 * holds (jobs lost to a Redis flush or restart, workers that died mid-delivery).
 * Every 15 s, so a lost delivery waits at most grace + interval (~30 s).
 */
export default async function hubDeliveriesReconcile(container: MedusaContainer) {
  await container.resolve<HubModuleService>(HUB_MODULE).reconcileDeliveries()
}

export const config = { name: "hub-deliveries-reconcile", schedule: { interval: RECONCILE_GRACE_MS } }
