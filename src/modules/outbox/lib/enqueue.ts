import { hubRuntime } from "./runtime"

/**
 * Hands new deliveries to their queues. Best effort by design: if Redis is
 * down the rows are still pending in Postgres and the reconciler enqueues
 * them later, so a failure here is swallowed.
 */
export async function enqueueDeliveries(ids: {
  webhook_delivery_ids: string[]
  erp_delivery_ids: string[]
}): Promise<void> {
  await Promise.allSettled([
    hubRuntime.enqueueWebhookDeliveries(ids.webhook_delivery_ids),
    hubRuntime.enqueueErpDeliveries(ids.erp_delivery_ids),
  ])
}
