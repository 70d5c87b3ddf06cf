import type { EventTypeDefinition } from "./types"

export const webhookTest: EventTypeDefinition<"webhook.test"> = {
  type: "webhook.test",
  version: 1,
  resource: "webhook_endpoint",
  description:
    "Sent on request (POST …/endpoints/:id/test) to that endpoint only, whatever it subscribes to, to check reachability and signature verification.",
  data: {
    type: "object",
    required: ["endpoint_id", "message"],
    properties: { endpoint_id: { type: "string" }, message: { type: "string" } },
  },
  subscribable: false,
}
