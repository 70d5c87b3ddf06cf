import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runOrderPlacedEffects } from "../workflows/orders/utils/order-placed-effects"

/**
 * A placed order: record `order.placed` (ERP sync + partner webhooks) and
 * issue its net-terms invoice. If this event is lost (Redis flushed while it
 * was queued), the orders-placed-reconcile job does the same.
 */
export default async function orderPlacedHandler({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await runOrderPlacedEffects(container, data.id)
}

export const config: SubscriberConfig = { event: "order.placed" }
