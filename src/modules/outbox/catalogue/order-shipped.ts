import { ORDER_FULFILLMENT_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const orderShipped: EventTypeDefinition<"order.shipped"> = {
  type: "order.shipped",
  version: 1,
  resource: "order",
  description: "A fulfillment of an order was shipped (a shipment was created). `data.fulfillment_id` names it.",
  data: ORDER_FULFILLMENT_DATA,
  subscribable: true,
}
