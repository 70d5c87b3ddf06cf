import { ORDER_FULFILLMENT_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const orderFulfillmentCreated: EventTypeDefinition<"order.fulfillment_created"> = {
  type: "order.fulfillment_created",
  version: 1,
  resource: "order",
  description:
    "Items of an order were allocated to a fulfillment (picked for shipping). `data.fulfillment_id` names it.",
  data: ORDER_FULFILLMENT_DATA,
  subscribable: true,
}
