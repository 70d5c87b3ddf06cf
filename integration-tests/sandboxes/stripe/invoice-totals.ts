import type { InvoiceRecord } from "./store"
import { totalsOf } from "./tax-totals"

/**
 * Re-derives the money fields from the lines and credit notes. No discounts in
 * the sandbox; taxes come from the lines' `tax_amounts` (tax-totals.ts: total =
 * subtotal + exclusive taxes, inclusive ones are already in the line amounts).
 * A negative total (credits exceed charges) leaves nothing due, as on Stripe.
 */
export function recomputeTotals(record: InvoiceRecord): void {
  const inv = record.invoice
  const totals = totalsOf(record.lines)
  inv.subtotal = totals.subtotal
  inv.subtotal_excluding_tax = totals.subtotal_excluding_tax
  inv.total = totals.total
  inv.total_excluding_tax = totals.total_excluding_tax
  inv.total_taxes = totals.total_taxes
  if (inv.status === "paid") {
    inv.amount_remaining = 0
    return
  }
  // The customer balance applied at finalization (ending − starting: a credit pays, a debit adds).
  const balanceApplied = inv.ending_balance === null ? 0 : inv.starting_balance - inv.ending_balance
  inv.amount_due = Math.max(0, totals.total - inv.pre_payment_credit_notes_amount + balanceApplied)
  inv.amount_remaining = Math.max(0, inv.amount_due - inv.amount_paid)
}
