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
    order_id: model.text(),
    /**
     * An order can have several invoices over its life: `order` (the first),
     * `reissue` (replaces a voided one after an edit while unpaid) and
     * `supplementary` (bills an increase after payment). `sequence` numbers
     * them per order (1, 2, …) and versions their Stripe idempotency keys.
     */
    kind: model.enum(["order", "reissue", "supplementary"]).default("order"),
    sequence: model.number().default(1),
    replaces_invoice_id: model.text().nullable(),
    company_id: model.text(),
    contract_id: model.text().nullable(),
    payment_session_id: model.text().nullable(),
    currency_code: model.text(),
    payment_terms: model.text(),
    days_until_due: model.number(),
    total_minor: model.bigNumber(),
    /** Stripe's currency precision forced the invoice total this far from the order total (stated on a rounding line). */
    rounding_minor: model.bigNumber().default(0),
    /** The order money model this invoice bills (order-money-json.ts): retries send the same lines, credit notes know each line's invoiced amounts. */
    money: model.json().nullable(),
    amount_due_minor: model.bigNumber(),
    amount_paid_minor: model.bigNumber().default(0),
    /**
     * The company's account credit (Stripe customer balance, from earlier return credit notes)
     * Stripe applied to this invoice at finalization: settled like a payment, so Medusa captures
     * it with what was paid.
     */
    credit_applied_minor: model.bigNumber().default(0),
    credited_minor: model.bigNumber().default(0),
    status: model.enum([...INVOICE_STATUSES]).default("pending"),
    progress: model.text().default("none"),
    /** The Stripe customer the invoice is created for: stored before the create call, so a run after a lost answer knows whom it was for. */
    stripe_customer_id: model.text().nullable(),
    stripe_invoice_id: model.text().nullable(),
    /**
     * How many times the parameters of the invoice's Stripe create call had
     * to change (the company's Stripe customer changed before the invoice was
     * finalized): a version of the issuing sequence's idempotency keys on top
     * of `sequence` (src/lib/stripe/idempotency-keys.ts), 0 = the keys it
     * always had. `stripe_key_reason` says why the last change was made.
     */
    stripe_key_epoch: model.number().default(0),
    stripe_key_reason: model.text().nullable(),
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
  .indexes([
    { on: ["order_id", "sequence"], unique: true },
    { on: ["company_id", "status"] },
    { on: ["stripe_invoice_id"] },
    { on: ["status", "due_at"] },
  ])
