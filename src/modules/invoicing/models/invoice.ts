import { model } from "@medusajs/framework/utils"

export const INVOICE_STATUSES = ["pending", "draft", "open", "paid", "uncollectible", "void"] as const
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]

/**
 * Our record of the one Stripe invoice issued for an order. `progress` is the
 * last completed step of the issuing sequence so a retry resumes where a crash
 * stopped; `status` mirrors Stripe's and only moves forward.
 */
export const Invoice = model
  .define("invoice", {
    id: model.id({ prefix: "binv" }).primaryKey(),
    order_id: model.text().unique(),
    company_id: model.text(),
    contract_id: model.text().nullable(),
    payment_session_id: model.text().nullable(),
    currency_code: model.text(),
    payment_terms: model.text(),
    days_until_due: model.number(),
    total_minor: model.bigNumber(),
    amount_due_minor: model.bigNumber(),
    amount_paid_minor: model.bigNumber().default(0),
    credited_minor: model.bigNumber().default(0),
    status: model.enum([...INVOICE_STATUSES]).default("pending"),
    progress: model.text().default("none"),
    stripe_customer_id: model.text().nullable(),
    stripe_invoice_id: model.text().nullable(),
    number: model.text().nullable(),
    hosted_invoice_url: model.text().nullable(),
    due_at: model.dateTime().nullable(),
    overdue_at: model.dateTime().nullable(),
    paid_at: model.dateTime().nullable(),
    voided_at: model.dateTime().nullable(),
    last_payment_failure: model.text().nullable(),
    last_error: model.text().nullable(),
    attempts: model.number().default(0),
  })
  .indexes([{ on: ["company_id", "status"] }, { on: ["stripe_invoice_id"] }, { on: ["status", "due_at"] }])
