import type { HubEventType } from "../modules/outbox/catalogue"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderEditWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { recordOrderEventWorkflow } from "../workflows/orders/record-order-event"

const HUB_TYPE: Record<string, HubEventType> = {
  [OrderWorkflowEvents.UPDATED]: "order.updated",
  [OrderWorkflowEvents.CANCELED]: "order.canceled",
  [OrderWorkflowEvents.FULFILLMENT_CREATED]: "order.fulfillment_created",
  // Confirmed order changes give the order a new version (lines, totals) but
  // Medusa emits no order.updated for them, so to the hub they are updates.
  [OrderEditWorkflowEvents.CONFIRMED]: "order.updated",
  [OrderWorkflowEvents.CLAIM_CREATED]: "order.updated",
  [OrderWorkflowEvents.EXCHANGE_CREATED]: "order.updated",
  // A received return is order.returned (order-returned.ts): the
  // return's own document for ERPs that book one, the updated order for the
  // others, and partners get both the order as it stands and the return.
}

/**
 * Later facts of an order's life become hub events too (ERP sync, partner
 * webhooks, the pull feed). Each occurrence is distinct: keyed by the event's
 * own payload so a redelivered Medusa event maps to the same hub event.
 */
export default async function orderChangedHandler({
  event: { name, data },
  container,
}: SubscriberArgs<{ id?: string; order_id?: string; fulfillment_id?: string }>) {
  const orderId: string | undefined = data.order_id ?? data.id
  if (!orderId || !HUB_TYPE[name]) return
  // order.updated is keyed by the order's updated_at (see the workflow), so
  // two Medusa events about one order state record one hub event.
  const fulfillment_id = name === OrderWorkflowEvents.FULFILLMENT_CREATED ? data.fulfillment_id : undefined
  await recordOrderEventWorkflow(container).run({ input: { order_id: orderId, type: HUB_TYPE[name], fulfillment_id } })
}

export const config: SubscriberConfig = { event: Object.keys(HUB_TYPE) }
