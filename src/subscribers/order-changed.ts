import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordOrderEventWorkflow } from "../workflows/orders/record-order-event"

const HUB_TYPE: Record<string, string> = {
  "order.updated": "order.updated",
  "order.canceled": "order.canceled",
  "order.fulfillment_created": "order.fulfillment_created",
}

/**
 * Later facts of an order's life become hub events too (ERP sync, partner
 * webhooks, the pull feed). Each occurrence is distinct: keyed by the event's
 * own payload so a redelivered Medusa event maps to the same hub event.
 */
export default async function orderChangedHandler({ event: { name, data }, container }: SubscriberArgs<Record<string, any>>) {
  const orderId: string | undefined = data.order_id ?? data.id
  if (!orderId || !HUB_TYPE[name]) return
  // order.updated is keyed by the order's updated_at (see the workflow).
  const fulfillment_id = name === "order.fulfillment_created" ? data.fulfillment_id : undefined
  await recordOrderEventWorkflow(container).run({ input: { order_id: orderId, type: HUB_TYPE[name], fulfillment_id } })
}

export const config: SubscriberConfig = { event: Object.keys(HUB_TYPE) }
