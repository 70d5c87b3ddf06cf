import { ORDER_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const orderPlaced: EventTypeDefinition<"order.placed"> = {
  type: "order.placed",
  version: 1,
  resource: "order",
  description: "A buyer placed an order (checkout completed). `data.order` is the order document.",
  data: ORDER_DATA,
  subscribable: true,
}
