import { model } from "@medusajs/framework/utils"

/** A Stripe credit note issued for a refund or return, keyed by its cause. */
export const CreditNote = model.define("credit_note", {
  id: model.id({ prefix: "bcn" }).primaryKey(),
  invoice_id: model.text(),
  order_id: model.text(),
  reason_key: model.text().unique(),
  amount_minor: model.bigNumber(),
  stripe_credit_note_id: model.text().nullable(),
  /** What the note credits per order line: [{ line_id, quantity, net_minor, tax_minor }] (minor units as strings); null for amount-only notes. */
  lines: model.json().nullable(),
})
