import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recordOrderEventWorkflow } from "../workflows/orders/record-order-event"

/**
 * Medusa's `shipment.created` (createOrderShipmentWorkflow) carries only the
 * fulfillment id; its order is found through the order–fulfillment link and
 * the fact becomes the hub's `order.shipped` (one per fulfillment, so a
 * redelivered Medusa event maps to the same hub event).
 */
export default async function orderShippedHandler({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: fulfillments } = await query.graph({
    entity: "fulfillment",
    fields: ["id", "order.id"],
    filters: { id: data.id },
  })
  const orderId = (fulfillments[0] as { order?: { id?: string } } | undefined)?.order?.id
  if (!orderId) return // a fulfillment outside an order (e.g. a return's): not an order fact
  await recordOrderEventWorkflow(container).run({
    input: { order_id: orderId, type: "order.shipped", fulfillment_id: data.id },
  })
}

export const config: SubscriberConfig = { event: "shipment.created" }
