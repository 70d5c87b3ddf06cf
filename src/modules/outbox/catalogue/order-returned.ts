import { ORDER_DOCUMENT, RETURN_DOCUMENT } from "./documents"
import type { EventTypeDefinition } from "./types"

export const orderReturned: EventTypeDefinition<"order.returned"> = {
  type: "order.returned",
  version: 1,
  resource: "order",
  description:
    "A return was received: `data.return` is what came back and what it is worth, `data.order` the order as it is now (its lines count only the units kept). One event per received state of a return.",
  data: {
    type: "object",
    required: ["order", "return"],
    properties: { order: ORDER_DOCUMENT, return: RETURN_DOCUMENT },
  },
  subscribable: true,
}
