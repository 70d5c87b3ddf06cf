import type { CreditUnits } from "./credit-units"

/**
 * What a Medusa refund of a net-terms order credits on its invoice. Pure.
 *
 * Refunds and credits are two running totals per invoice: Σ refunds (kept in
 * the Medusa payment's data) and Σ credits — Stripe's credit notes (pre- plus
 * post-payment amounts) plus the returned goods that earlier refunds already
 * covered (return-credit.ts, kept on the Stripe invoice's metadata). A refund
 * credits only what makes Σ credits reach Σ refunds. So the refund Medusa
 * asks for after a return credits nothing (the return's note credited the
 * goods); a refund made before the return credits its amount, the return's
 * note then credits only the rest, and the refund Medusa asks for after that
 * return (Medusa counts the first refund as a price reduction) is covered
 * too: the buyer is credited once in either order. Never more than the
 * invoice can still credit, and in Stripe's units rounded down (KWD in tens
 * of fils): a refund never credits more than it is.
 */
export type RefundCredit = {
  /** What the refund's note credits (ISO minor units, a Stripe-accepted amount); 0: no note. */
  credit_minor: bigint
  /** Already credited on the invoice by earlier notes (a return's, an edit's). */
  covered_minor: bigint
  /** Left uncredited: beyond what the invoice can still credit, or below Stripe's step. */
  unsent_minor: bigint
}

export function planRefundCredit(input: {
  refund_minor: bigint
  /** Σ of this payment's earlier refunds. */
  refunded_before_minor: bigint
  /** Σ of the invoice's credit notes (any cause). */
  credited_minor: bigint
  /** Returned goods earlier refunds covered (no note credited them again). */
  covered_minor?: bigint
  /** The invoice's total (what can be credited at most). */
  invoice_total_minor: bigint
  units: CreditUnits
}): RefundCredit {
  const { refund_minor: refund, units } = input
  const owed = input.refunded_before_minor + refund - input.credited_minor - (input.covered_minor ?? 0n)
  const toCredit = owed < 0n ? 0n : owed < refund ? owed : refund
  const room = input.invoice_total_minor - input.credited_minor
  const capped = room < 0n ? 0n : toCredit < room ? toCredit : room
  const credit = units.toIso(units.floorUnits(capped))
  return { credit_minor: credit, covered_minor: refund - toCredit, unsent_minor: toCredit - credit }
}
