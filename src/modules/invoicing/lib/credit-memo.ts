import { toMajorString } from "../../../lib/money"
import type { CreditUnits } from "./credit-units"

/**
 * What a credit note says happened, in its memo: which return or refund it
 * is, and where the money goes — before payment it reduces the amount due;
 * after payment a return's credit goes to the buyer's account balance
 * (Stripe `credit_amount`) and a refund was paid back outside Stripe
 * (`out_of_band_amount`).
 */

/** How a note's amount reaches the buyer (Stripe units): what lowers the amount due, what is paid back. */
export type NoteSplit = { pre_payment: bigint; post_payment: bigint }

/** Stripe's own split: on an open invoice up to what is still owed lowers it; the rest, and everything once paid, is post-payment. */
export function noteSplit(amount: bigint, invoice: { status: string | null; amount_remaining: number }): NoteSplit {
  const owed = invoice.status === "open" ? BigInt(invoice.amount_remaining) : 0n
  const pre = amount < owed ? amount : owed
  return { pre_payment: pre, post_payment: amount - pre }
}

/**
 * The memo of a return's note: which return, what the goods were worth, what
 * of it the invoice had already credited (an earlier refund drawn on, see
 * return-credit.ts), and where the money goes — before payment it reduces
 * the amount due, after payment it is credited to the buyer's account
 * balance (applied to their next invoices).
 */
export function returnMemo(input: {
  return_id: string
  currency: string
  units: CreditUnits
  goods_minor: bigint
  covered_minor: bigint
  split: NoteSplit
}): string {
  const money = (minor: bigint) => `${toMajorString(minor, input.currency)} ${input.currency.toUpperCase()}`
  const stripe = (amount: bigint) => money(input.units.toIso(input.units.fromStripe(amount)))
  const parts = [`Return ${input.return_id}: returned goods invoiced at ${money(input.goods_minor)}.`]
  if (input.covered_minor > 0n)
    parts.push(
      `${money(input.covered_minor)} of it was already credited on this invoice (an earlier refund) and is not credited again.`
    )
  if (input.split.pre_payment > 0n) parts.push(`${stripe(input.split.pre_payment)} reduces the amount due.`)
  if (input.split.post_payment > 0n)
    parts.push(`${stripe(input.split.post_payment)} is credited to your account balance.`)
  return parts.join(" ")
}

/**
 * The memo of a refund's note: which refund, what it credits and how — before
 * payment it reduces the amount due; after payment the money was returned
 * outside Stripe (out of band) — and what of it earlier notes already covered.
 */
export function refundMemo(input: {
  refund_ref: string
  currency: string
  refund_minor: bigint
  covered_minor: bigint
  unsent_minor: bigint
  split: NoteSplit
  units: CreditUnits
}): string {
  const money = (minor: bigint) => `${toMajorString(minor, input.currency)} ${input.currency.toUpperCase()}`
  const stripe = (amount: bigint) => money(input.units.toIso(input.units.fromStripe(amount)))
  const parts = [`Refund ${input.refund_ref} of ${money(input.refund_minor)}.`]
  if (input.covered_minor > 0n)
    parts.push(
      `${money(input.covered_minor)} of it was already credited on this invoice (returns or earlier credit notes).`
    )
  if (input.unsent_minor > 0n)
    parts.push(`${money(input.unsent_minor)} is not credited: Stripe's precision or what the invoice can still credit.`)
  if (input.split.pre_payment > 0n) parts.push(`${stripe(input.split.pre_payment)} reduces the amount due.`)
  if (input.split.post_payment > 0n) parts.push(`${stripe(input.split.post_payment)} was refunded outside Stripe.`)
  return parts.join(" ")
}
