import type { InvoiceStatus } from "../models/invoice"

/**
 * Stripe's invoice states in the order they can be reached. A transition to a
 * lower rank is ignored, so late or replayed webhooks never move us backwards.
 */
const STATUS_RANK: Record<InvoiceStatus, number> = {
  pending: 0,
  draft: 1,
  open: 2,
  uncollectible: 3,
  paid: 4,
  void: 4,
}

export function isForwardTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  if (from === to) return false
  if (from === "paid" || from === "void") return false
  return STATUS_RANK[to] > STATUS_RANK[from]
}

/** Invoices that still consume the company's credit: issued or being issued, not paid or voided. */
export const OPEN_INVOICE_STATUSES: InvoiceStatus[] = ["pending", "draft", "open", "uncollectible"]
