import { model } from "@medusajs/framework/utils"

/**
 * The outbox: one row per business event, written by the workflow that made
 * the change. `dedupe_key` makes a retried producer step a no-op; `sequence`
 * orders events of one resource for receivers.
 */
export const HubEvent = model
  .define("hub_event", {
    id: model.id({ prefix: "evt" }).primaryKey(),
    type: model.text(),
    resource_type: model.text(),
    resource_id: model.text(),
    sequence: model.number(),
    dedupe_key: model.text().unique(),
    /** The envelope sent to receivers, byte for byte. A `json` column (see Migration20261126195500), not jsonb. */
    payload: model.json(),
    occurred_at: model.dateTime(),
  })
  // No (type, occurred_at) index: nothing reads events by type and time (lists start from deliveries), and
  // every recorded event paid its entry (dropped in Migration20261209091000).
  .indexes([{ on: ["resource_type", "resource_id", "sequence"], unique: true }])
