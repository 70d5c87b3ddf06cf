import type { MedusaContainer } from "@medusajs/framework/types"
import { HUB_MODULE } from "../modules/hub"
import type HubModuleService from "../modules/hub/service"
import { reconcileDeliveries } from "../modules/hub/lib/reconcile"

/**
 * Every minute: hand back to the queues the deliveries Postgres says are due
 * but no worker holds (lost jobs after a Redis flush, crashed workers).
 */
export default async function hubDeliveriesReconcile(container: MedusaContainer) {
  const hub = container.resolve<HubModuleService>(HUB_MODULE)
  await reconcileDeliveries(hub.pg)
}

export const config = { name: "hub-deliveries-reconcile", schedule: "* * * * *" }
