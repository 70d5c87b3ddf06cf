import { model } from "@medusajs/framework/utils"

/** The log of every try: what a partner or operator sees when asking "why". */
export const DeliveryAttempt = model
  .define("delivery_attempt", {
    id: model.id({ prefix: "att" }).primaryKey(),
    delivery_id: model.text(),
    attempt: model.number(),
    outcome: model.text(),
    status_code: model.number().nullable(),
    duration_ms: model.number(),
    response_body: model.text().nullable(),
    error: model.text().nullable(),
  })
  .indexes([{ on: ["delivery_id", "attempt"], unique: true }])
