import { model } from "@medusajs/framework/utils"
import { QUOTE_STATUSES } from "../lib/quote-vocabulary"

/**
 * A company's request for a negotiated price, and where it stands. The
 * content lives in its versions (immutable); this row says which version
 * the buyer may accept (`sent_version`, until `expires_at`) and what
 * acceptance produced (`cart_id` while the order is being placed or waits
 * for approval, then `order_id`). Status changes are conditional updates in
 * the service, so a racing accept and revise cannot both win.
 */
export const Quote = model
  .define("quote", {
    id: model.id({ prefix: "quo" }).primaryKey(),
    company_id: model.text(),
    customer_id: model.text(),
    employee_id: model.text(),
    currency_code: model.text(),
    region_id: model.text(),
    sales_channel_id: model.text().nullable(),
    source_cart_id: model.text().nullable(),
    shipping_address: model.json().nullable(),
    po_number: model.text().nullable(),
    status: model.enum([...QUOTE_STATUSES]).default("requested"),
    latest_version: model.number().default(1),
    sent_version: model.number().nullable(),
    sent_at: model.dateTime().nullable(),
    expires_at: model.dateTime().nullable(),
    accepted_version: model.number().nullable(),
    cart_id: model.text().nullable(),
    approval_request_id: model.text().nullable(),
    order_id: model.text().nullable(),
    closed_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["company_id", "status"] },
    { on: ["expires_at"], where: "status = 'quoted'" },
    { on: ["cart_id"], where: "cart_id IS NOT NULL" },
  ])
