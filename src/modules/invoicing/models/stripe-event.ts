import { model } from "@medusajs/framework/utils"

/** Stripe event ids already applied: webhooks arrive more than once. */
export const StripeEvent = model.define("stripe_event", {
  id: model.id({ prefix: "sevt" }).primaryKey(),
  event_id: model.text().unique(),
  type: model.text(),
  invoice_id: model.text().nullable(),
})
