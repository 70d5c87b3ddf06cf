import { model } from "@medusajs/framework/utils"

/**
 * A partner's subscription. `secrets` holds the encrypted signing secrets with
 * their grace periods (rotation keeps the old one signing for a while).
 */
export const WebhookEndpoint = model
  .define("webhook_endpoint", {
    id: model.id({ prefix: "ep" }).primaryKey(),
    partner_id: model.text(),
    url: model.text(),
    description: model.text().nullable(),
    event_types: model.array(),
    /** { keys: [{ sealed, expires_at }] } — see lib/endpoint-secrets.ts. */
    secrets: model.json(),
    schedule_ms: model.json().nullable(),
    max_concurrency: model.number().nullable(),
    rate_limit_per_second: model.number().nullable(),
    headers: model.json().nullable(),
    disabled_at: model.dateTime().nullable(),
    disabled_reason: model.text().nullable(),
    failing_since: model.dateTime().nullable(),
  })
  .indexes([{ on: ["partner_id"] }])
