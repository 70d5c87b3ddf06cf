/** GET /admin/invoices and /admin/invoices/:id: the API's own view types (amounts in minor units). */
import type { AdminInvoice, AdminInvoiceLine } from "../../../modules/invoicing/lib/invoice-views"

export type { AdminInvoice, AdminInvoiceLine }

export type AdminCreditNote = {
  id: string
  reason_key: string
  amount_minor: number
  stripe_credit_note_id: string | null
  created_at: string
}

export type InvoiceListResponse = { invoices: AdminInvoice[]; count: number; limit: number; offset: number }
export type InvoiceDetailResponse = {
  invoice: AdminInvoice
  lines: AdminInvoiceLine[]
  credit_notes: AdminCreditNote[]
}

/** POST /admin/invoices/reconcile (src/workflows/invoicing/steps/reconcile-invoices.ts). */
export type ReconcileReport = {
  checked: number
  retried: { invoice_id: string | null; order_id: string; ok: boolean; status?: string; error?: string }[]
  repaired: { invoice_id: string; changes: string[] }[]
  drift: { invoice_id: string; problems: string[] }[]
  credit_notes: { return_id: string; outcome: string; reason?: string }[]
  followed: { order_id: string; ok: boolean; outcome?: string; error?: string }[]
}

/** GET /admin/invoices/drift (src/modules/invoicing/lib/money-drift.ts). */
export type MoneyDriftRow = {
  order_id: string
  display_id: number
  currency_code: string
  order_status: string
  placed_at: string
  net_terms: boolean
  order_total_minor: number | null
  invoiced_minor: number
  rounding_minor: number
  invoices: { id: string; status: string; total_minor: number; last_error: string | null }[]
  erp_document_total_minor: number | null
  credited_minor: number
  net_billed_minor: number
  problems: string[]
  messages: Partial<Record<string, string>>
}
export type MoneyDriftResponse = {
  orders: MoneyDriftRow[]
  count: number
  limit: number
  offset: number
  drift_only: boolean
  scanned: number
}

/** The statuses the list filter offers (INVOICE_STATUSES plus "overdue"). */
export const INVOICE_STATUS_FILTERS = ["pending", "draft", "open", "overdue", "paid", "uncollectible", "void"] as const
