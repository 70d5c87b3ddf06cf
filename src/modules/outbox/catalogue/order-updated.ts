import { ORDER_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const orderUpdated: EventTypeDefinition<"order.updated"> = {
  type: "order.updated",
  version: 1,
  resource: "order",
  description:
    "An order changed (edit, address, status). `data.order` is the order as it is now; use `sequence` to drop stale updates.",
  data: ORDER_DATA,
  subscribable: true,
}
