import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { RECONCILE_GRACE_MS, reconcileDeliveries } from "../modules/hub/lib/reconcile"

/**
 * Hands back to the queues the deliveries Postgres says are due but no worker
 * holds (jobs lost to a Redis flush or restart, workers that died mid-delivery).
 * Every 15 s, so a lost delivery waits at most grace + interval (~30 s).
 */
export default async function hubDeliveriesReconcile(container: MedusaContainer) {
  await reconcileDeliveries(container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION))
}

export const config = { name: "hub-deliveries-reconcile", schedule: { interval: RECONCILE_GRACE_MS } }
