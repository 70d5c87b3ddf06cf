import { DATE_TIME, nullable } from "./types"
import type { EventTypeDefinition } from "./types"

export const webhookEndpointDisabled: EventTypeDefinition<"webhook.endpoint.disabled"> = {
  type: "webhook.endpoint.disabled",
  version: 1,
  resource: "webhook_endpoint",
  description:
    "One of your endpoints was disabled: it answered 410 Gone (`gone`), or every delivery failed for days (`failing`). Sent to your other endpoints that subscribe to it; re-enable the endpoint and recover its failed deliveries once it is fixed.",
  data: {
    type: "object",
    required: ["endpoint", "reason", "disabled_at"],
    properties: {
      endpoint: {
        type: "object",
        required: ["id", "url"],
        properties: { id: { type: "string" }, partner_id: { type: "string" }, url: { type: "string" } },
      },
      reason: { type: "string", enum: ["gone", "failing"] },
      failing_since: nullable(DATE_TIME),
      disabled_at: DATE_TIME,
    },
  },
  subscribable: true,
}
