import type { EventTypeDefinition } from "./types"

export const erpSyncFailed: EventTypeDefinition<"erp.sync_failed"> = {
  type: "erp.sync_failed",
  version: 1,
  resource: "order",
  description:
    "An order could not be synchronised to an ERP connection: the ERP refused it, or every retry failed. Operators can retry the delivery from the admin API.",
  data: {
    type: "object",
    required: ["order_id", "connection_id", "delivery_id", "attempts", "error"],
    properties: {
      order_id: { type: "string" },
      connection_id: { type: "string" },
      delivery_id: { type: "string" },
      attempts: { type: "integer", minimum: 1 },
      error: { type: "string" },
    },
  },
  subscribable: true,
}
