import { EVENT_CATALOGUE, payloadSchema } from "../../modules/outbox/catalogue"
import type { JsonSchema } from "./json-schema"

/**
 * The OpenAPI 3.1 `webhooks` section: each event type the hub sends, as the
 * POST a partner's endpoint receives, its body the catalogue's own payload
 * schema and its headers those of Standard Webhooks.
 */
export function webhookOperations(onlySubscribable: boolean): Record<string, unknown> {
  const webhooks: Record<string, unknown> = {}
  for (const definition of EVENT_CATALOGUE) {
    if (onlySubscribable && !definition.subscribable && definition.type !== "webhook.test") continue
    const schema = payloadSchema(definition) as JsonSchema
    const { $schema: _dialect, ...body } = schema
    webhooks[definition.type] = {
      post: {
        operationId: `on_${definition.type.replace(/[^a-z0-9]+/gi, "_")}`,
        summary: definition.description,
        tags: ["Webhook events"],
        // The hub calls the partner: no credential of the partner's; the hub signs (webhook-signature).
        security: [],
        parameters: STANDARD_WEBHOOK_HEADERS,
        requestBody: { required: true, content: { "application/json": { schema: body } } },
        responses: {
          "200": { description: "Any 2xx acknowledges the delivery" },
          "410": { description: "Gone: the hub disables the endpoint" },
          "429": { description: "The hub retries, honouring Retry-After" },
        },
      },
    }
  }
  return webhooks
}

const STANDARD_WEBHOOK_HEADERS = [
  {
    name: "webhook-id",
    in: "header",
    required: true,
    description: "The event id, the same on every retry: deduplicate on it.",
    schema: { type: "string" },
  },
  {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    description: "Unix seconds when this attempt was signed; refuse stale ones.",
    schema: { type: "string", pattern: "^[0-9]+$" },
  },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    description: "Space-separated `v1,<base64 HMAC-SHA256>` (Standard Webhooks), one per signing secret in use.",
    schema: { type: "string" },
  },
]
