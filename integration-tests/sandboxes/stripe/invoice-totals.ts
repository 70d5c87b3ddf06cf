import type { InvoiceRecord } from "./store"

/**
 * Re-derives the money fields from the lines and credit notes.
 * No discounts or taxes in the sandbox, so subtotal = total. A negative total
 * (credits exceed charges) leaves nothing due, as on Stripe.
 */
export function recomputeTotals(record: InvoiceRecord): void {
  const inv = record.invoice
  const total = record.lines.reduce((sum, line) => sum + line.amount, 0)
  inv.subtotal = total
  inv.subtotal_excluding_tax = total
  inv.total = total
  inv.total_excluding_tax = total
  if (inv.status === "paid") {
    inv.amount_remaining = 0
    return
  }
  inv.amount_due = Math.max(0, total - inv.pre_payment_credit_notes_amount)
  inv.amount_remaining = Math.max(0, inv.amount_due - inv.amount_paid)
}
