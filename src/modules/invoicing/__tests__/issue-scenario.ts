import { buildInvoiceLines } from "../lib/invoice-lines"
import { orderMoney } from "../../../lib/orders/order-money"
import type { IssueSequenceHooks, IssueSequenceInput } from "../lib/issue-sequence"
import { medusaOrder, OrderSpec } from "../../../lib/orders/__tests__/medusa-orders"

/**
 * One order to issue through runIssueSequence, with the hooks writing to an
 * in-memory "database" the way the workflow step writes to ours: what a
 * retry sees is exactly what the failed run managed to record.
 */
export type Db = {
  customer: string | null
  stripe_invoice_id: string | null
  progress: string | null
  /** The invoice's Stripe customer and key epoch, as the step stores them (beforeCreate, onProgress). */
  invoice_customer: string | null
  key_epoch: number
  key_reason: string | null
}

/** Our company row: orders of the same company share it (and its stored Stripe customer). */
export type CompanyRow = { id: string; name: string; billing_email: string; stripe_customer_id: string | null }

export const DEFAULT_ORDER: OrderSpec = {
  currency: "usd",
  taxRate: 8.25,
  secondTaxRate: 0,
  taxInclusive: false,
  items: [
    { unit_minor: 1000, quantity: 3, promotion: { type: "none" } },
    { unit_minor: 350, quantity: 100, promotion: { type: "percentage", percent: 10 } },
    { unit_minor: 99, quantity: 7, promotion: { type: "none" } },
  ],
  shipping: { amount_minor: 2500, promotion: { type: "none" } },
}

let seq = 0

/** A company of its own, no Stripe customer yet. */
export function newCompany(): CompanyRow {
  const n = ++seq
  return { id: `comp_seq${n}`, name: `Company ${n}`, billing_email: `ap${n}@example.test`, stripe_customer_id: null }
}

export function scenario(orderSpec: OrderSpec = DEFAULT_ORDER, company: CompanyRow = newCompany()) {
  const n = ++seq
  const order = medusaOrder(orderSpec, `order_seq${n}`)
  const money = orderMoney(order)
  const { lines, total_minor } = buildInvoiceLines(money)
  const db: Db = {
    customer: company.stripe_customer_id,
    stripe_invoice_id: null,
    progress: null,
    invoice_customer: null,
    key_epoch: 0,
    key_reason: null,
  }
  const input = (): IssueSequenceInput => ({
    invoice: {
      id: `binv_seq${n}`,
      stripe_invoice_id: db.stripe_invoice_id,
      progress: db.progress,
      days_until_due: 45,
      payment_session_id: `payses_${n}`,
      contract_id: "ctr_1",
      stripe_customer_id: db.invoice_customer,
      key_epoch: db.key_epoch,
    },
    order: { id: order.id, display_id: n, currency_code: order.currency_code, po_number: `PO-${n}` },
    company: { ...company, erp_account_number: null, stripe_customer_id: company.stripe_customer_id ?? db.customer },
    lines,
  })
  const hooks: IssueSequenceHooks = {
    onCustomer: async (id) => void (db.customer = company.stripe_customer_id = id),
    beforeCreate: async (u) =>
      void Object.assign(
        db,
        { invoice_customer: u.stripe_customer_id, key_epoch: u.key_epoch, stripe_invoice_id: null, progress: "none" },
        u.key_reason === undefined ? {} : { key_reason: u.key_reason }
      ),
    onProgress: async (u) =>
      void Object.assign(db, {
        progress: u.progress,
        stripe_invoice_id: u.stripe_invoice_id,
        invoice_customer: u.stripe_customer_id,
      }),
  }
  return { n, order, lines, total_minor, db, company, input, hooks }
}
