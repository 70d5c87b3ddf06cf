import { ORDER_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const orderCanceled: EventTypeDefinition<"order.canceled"> = {
  type: "order.canceled",
  version: 1,
  resource: "order",
  description: "An order was canceled. `data.order.canceled_at` is set.",
  data: ORDER_DATA,
  subscribable: true,
}
