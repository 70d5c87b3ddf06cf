/** The invoice as the store API and `invoice.*` events show it. */
export type InvoiceDocument = {
  id: string
  order_id: string
  company_id: string
  number: string | null
  status: string
  overdue: boolean
  currency_code: string
  payment_terms: string
  total_minor: string
  amount_due_minor: string
  amount_paid_minor: string
  credited_minor: string
  due_at: string | null
  hosted_invoice_url: string | null
  stripe_invoice_id: string | null
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

/** The invoice fields the document shows; amounts in any numeric form (number, string, bigint). */
export type InvoiceDocumentSource = {
  id: string
  order_id: string
  company_id: string
  number?: string | null
  status: string
  overdue_at?: Date | string | null
  currency_code: string
  payment_terms: string
  total_minor: unknown
  amount_due_minor: unknown
  amount_paid_minor?: unknown
  credited_minor?: unknown
  due_at?: Date | string | null
  hosted_invoice_url?: string | null
  stripe_invoice_id?: string | null
}

export function toInvoiceDocument(invoice: InvoiceDocumentSource): InvoiceDocument {
  return {
    id: invoice.id,
    order_id: invoice.order_id,
    company_id: invoice.company_id,
    number: invoice.number ?? null,
    status: invoice.status,
    overdue: !!invoice.overdue_at && invoice.status === "open",
    currency_code: invoice.currency_code,
    payment_terms: invoice.payment_terms,
    total_minor: String(invoice.total_minor),
    amount_due_minor: String(invoice.amount_due_minor),
    amount_paid_minor: String(invoice.amount_paid_minor ?? 0),
    credited_minor: String(invoice.credited_minor ?? 0),
    due_at: iso(invoice.due_at),
    hosted_invoice_url: invoice.hosted_invoice_url ?? null,
    stripe_invoice_id: invoice.stripe_invoice_id ?? null,
  }
}
