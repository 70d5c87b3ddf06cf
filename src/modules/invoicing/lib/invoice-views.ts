import { orderMoneyFromJson } from "../../../lib/orders/order-money-json"

/**
 * How the store and admin APIs show invoices. Amounts follow the B2B API
 * convention (src/api/utils/zod-fields.ts): integer minor units of the
 * invoice currency, named `*_minor`, as JSON integers.
 */

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)
const minor = (v: unknown) => Number(String(v ?? 0))

/** What a buyer sees: no Stripe ids, no internals. */
export type StoreInvoice = {
  id: string
  number: string | null
  status: string
  overdue: boolean
  order_id: string
  /** The company that ordered: a parent company's admin and finance also see their subsidiaries' invoices. */
  company_id: string
  /** order (the order's own), reissue (replaces a voided one after a change), supplementary (bills an increase after payment). */
  kind: string
  /** The voided invoice a reissue or supplementary invoice replaces, if any. */
  replaces_invoice_id: string | null
  currency_code: string
  payment_terms: string
  total_minor: number
  amount_due_minor: number
  amount_paid_minor: number
  /** Account credit (from earlier return credit notes) Stripe applied to this invoice. */
  credit_applied_minor: number
  credited_minor: number
  due_at: string | null
  paid_at: string | null
  hosted_invoice_url: string | null
  created_at: string | null
}

type Timestamp = Date | string | null | undefined

/** The invoice record fields the store view reads; amounts in any numeric form. */
export type StoreInvoiceSource = {
  id: string
  number?: string | null
  status: string
  overdue_at?: Timestamp
  order_id: string
  company_id: string
  kind?: string | null
  replaces_invoice_id?: string | null
  currency_code: string
  payment_terms: string
  total_minor: unknown
  amount_due_minor: unknown
  amount_paid_minor?: unknown
  credit_applied_minor?: unknown
  credited_minor?: unknown
  due_at?: Timestamp
  paid_at?: Timestamp
  hosted_invoice_url?: string | null
  created_at?: Timestamp
}

export function toStoreInvoice(invoice: StoreInvoiceSource): StoreInvoice {
  return {
    id: invoice.id,
    number: invoice.number ?? null,
    // Being issued: the buyer sees it as pending until Stripe has it open.
    status: invoice.status === "draft" ? "pending" : invoice.status,
    overdue: !!invoice.overdue_at && invoice.status === "open",
    order_id: invoice.order_id,
    company_id: invoice.company_id,
    kind: invoice.kind ?? "order",
    replaces_invoice_id: invoice.replaces_invoice_id ?? null,
    currency_code: invoice.currency_code,
    payment_terms: invoice.payment_terms,
    total_minor: minor(invoice.total_minor),
    amount_due_minor: minor(invoice.amount_due_minor),
    amount_paid_minor: minor(invoice.amount_paid_minor),
    credit_applied_minor: minor(invoice.credit_applied_minor),
    credited_minor: minor(invoice.credited_minor),
    due_at: iso(invoice.due_at),
    paid_at: iso(invoice.paid_at),
    hosted_invoice_url: invoice.hosted_invoice_url ?? null,
    created_at: iso(invoice.created_at),
  }
}

/** The operator's view: everything, including the issuing state. */
export type AdminInvoice = Omit<StoreInvoice, "status"> & {
  status: string
  contract_id: string | null
  days_until_due: number
  /** 1, 2, … per order: the version of the invoice's Stripe idempotency keys. */
  sequence: number
  /** 0, 1, …: how many times the invoice's keys moved on because its Stripe create call had to change (a new customer). */
  stripe_key_epoch: number
  /** Why they last moved, e.g. "customer changed: cus_A → cus_B"; null while they never did. */
  stripe_key_reason: string | null
  progress: string
  attempts: number
  last_error: string | null
  last_payment_failure: string | null
  stripe_customer_id: string | null
  stripe_invoice_id: string | null
  overdue_at: string | null
  voided_at: string | null
  updated_at: string | null
}

/** The invoice record fields the admin view reads on top of the store view's. */
export type AdminInvoiceSource = StoreInvoiceSource & {
  contract_id?: string | null
  days_until_due: number
  sequence?: number | null
  stripe_key_epoch?: number | null
  stripe_key_reason?: string | null
  progress: string
  attempts?: number | null
  last_error?: string | null
  last_payment_failure?: string | null
  stripe_customer_id?: string | null
  stripe_invoice_id?: string | null
  voided_at?: Timestamp
  updated_at?: Timestamp
}

export function toAdminInvoice(invoice: AdminInvoiceSource): AdminInvoice {
  return {
    ...toStoreInvoice(invoice),
    status: invoice.status,
    company_id: invoice.company_id,
    contract_id: invoice.contract_id ?? null,
    days_until_due: invoice.days_until_due,
    sequence: Number(invoice.sequence ?? 1),
    stripe_key_epoch: Number(invoice.stripe_key_epoch ?? 0),
    stripe_key_reason: invoice.stripe_key_reason ?? null,
    progress: invoice.progress,
    attempts: invoice.attempts ?? 0,
    last_error: invoice.last_error ?? null,
    last_payment_failure: invoice.last_payment_failure ?? null,
    stripe_customer_id: invoice.stripe_customer_id ?? null,
    stripe_invoice_id: invoice.stripe_invoice_id ?? null,
    overdue_at: iso(invoice.overdue_at),
    voided_at: iso(invoice.voided_at),
    updated_at: iso(invoice.updated_at),
  }
}

export type CreditView = {
  currency_code: string
  credit_limit_minor: number
  open_invoices_minor: number
  /** Held by net-terms orders whose invoice does not exist yet. */
  reserved_minor: number
  available_minor: number
}

/** One line an invoice billed, as the admin API shows it (amounts in minor units of the invoice currency). */
export type AdminInvoiceLine = {
  /** The order line (or shipping method) id. */
  id: string
  kind: "item" | "shipping"
  title: string
  sku: string | null
  quantity: number
  /** Medusa's unit price, exact decimal in major units (gross when the line is tax-inclusive). */
  unit_price: string
  subtotal_minor: number
  discount_minor: number
  tax_minor: number
  total_minor: number
}

/**
 * The lines an invoice billed, from the order money model it was issued from
 * (the invoice's `money` column, order-money-json.ts); empty for an invoice
 * not issued yet.
 */
export function toAdminInvoiceLines(money: unknown): AdminInvoiceLine[] {
  if (!money) return []
  const { items, shipping } = orderMoneyFromJson(money as Record<string, unknown>)
  return [...items, ...shipping].map((line) => ({
    id: line.id,
    kind: line.kind,
    title: line.title,
    sku: line.sku,
    quantity: line.quantity,
    unit_price: line.unit_price,
    subtotal_minor: Number(line.subtotal_minor),
    discount_minor: Number(line.discount_minor),
    tax_minor: Number(line.tax_minor),
    total_minor: Number(line.total_minor),
  }))
}
