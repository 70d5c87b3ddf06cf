import { roundHalfAwayFromZero, splitProportionally } from "../../../lib/money"
import type { MoneyLine, OrderMoney } from "../../../lib/orders/order-money"
import { CreditLine, taxKey } from "./credit-lines"
import type { CreditUnits } from "./credit-units"

/**
 * What is left to credit of each order line on one invoice, and how a return
 * draws on it. Pure: no I/O.
 *
 * Per line, creditable = what the invoice billed for the line (its `money`
 * snapshot, in Stripe's units as the invoice lines stated it) − what earlier
 * notes credited for it (credit_note.lines). A return of k of the u units
 * not yet credited takes round(left × k / u) of the net and of each tax
 * (THE rounding rule, per component); a return of the last units takes
 * exactly what is left. So however a line is returned, its notes add up to
 * what was invoiced for it, to the unit — never more.
 */

export type CreditTaxLeft = { rate: string; code: string | null; amount: bigint }

/** One order line on one invoice: what can still be credited, in credit units (credit-units.ts). */
export type CreditableLine = {
  line_id: string
  /** Billed quantity − units earlier notes took back. */
  units_left: number
  net: bigint
  /** In the order of the billed line's tax lines. */
  taxes: CreditTaxLeft[]
}

/** A share of a line taken by one note, in credit units. */
export type LineShare = { line_id: string; quantity: number; net: bigint; taxes: CreditTaxLeft[] }

/** What the invoice lines billed for a money line, in credit units (same arithmetic as invoice-lines.ts). */
export function billedShare(line: MoneyLine, units: CreditUnits): LineShare {
  const taxes = line.tax_lines.map((t) => ({ rate: t.rate, code: t.code, amount: units.toUnits(t.amount_minor) }))
  const taxSum = taxes.reduce((s, t) => s + t.amount, 0n)
  // The invoice states the price, then the discount as its own line, each converted on its own.
  const net = line.tax_inclusive
    ? units.toUnits(line.gross_minor) - units.toUnits(line.gross_minor - line.total_minor) - taxSum
    : units.toUnits(line.subtotal_minor) - units.toUnits(line.discount_minor)
  return { line_id: line.id, quantity: line.quantity, net, taxes }
}

/** Σ net + taxes of a share. */
export const shareTotal = (s: { net: bigint; taxes: { amount: bigint }[] }) =>
  s.net + s.taxes.reduce((t, x) => t + x.amount, 0n)

/**
 * Per order line, what one invoice can still credit: billed − credited.
 * `credited` are the lines of every note on this invoice that credits lines
 * (returns, order-edit credits), recorded intents included.
 */
export function creditableLines(
  money: OrderMoney,
  credited: CreditLine[],
  units: CreditUnits
): Map<string, CreditableLine> {
  const out = new Map<string, CreditableLine>()
  for (const line of [...money.items, ...money.shipping]) {
    const billed = billedShare(line, units)
    out.set(line.id, {
      line_id: line.id,
      units_left: billed.quantity,
      net: billed.net,
      taxes: billed.taxes.map((t) => ({ ...t })),
    })
  }
  for (const credit of credited) {
    const left = out.get(credit.line_id)
    if (!left) continue
    left.units_left -= credit.quantity
    left.net -= units.toUnits(credit.net_minor)
    const taken = creditedTaxes(credit, left, units)
    left.taxes.forEach((t, i) => (t.amount -= taken[i]))
  }
  return out
}

/**
 * A note's tax on a line, per tax line of the billed line (credit units):
 * by rate and code when the note recorded the split, else its tax spread
 * over the line's rates by what they billed.
 */
function creditedTaxes(credit: CreditLine, left: CreditableLine, units: CreditUnits): bigint[] {
  if (!left.taxes.length) return []
  if (credit.tax_lines?.length) {
    const out = left.taxes.map(() => 0n)
    for (const t of credit.tax_lines) {
      const at = left.taxes.findIndex((x) => taxKey(x) === taxKey(t))
      out[at >= 0 ? at : 0] += units.toUnits(t.amount_minor)
    }
    return out
  }
  const weights = left.taxes.map((t) => (t.amount > 0n ? t.amount : 0n))
  return splitProportionally(units.toUnits(credit.tax_minor), weights)
}

const nonNegative = (v: bigint) => (v > 0n ? v : 0n)

/** k of the `of` units left: round(left × k / of) of the net and of each tax; all that is left when k reaches `of`. */
export function takeShare(left: CreditableLine, k: number, of: number): LineShare {
  if (k >= of)
    return {
      line_id: left.line_id,
      quantity: k,
      net: nonNegative(left.net),
      taxes: left.taxes.map((t) => ({ ...t, amount: nonNegative(t.amount) })),
    }
  const part = (v: bigint) => nonNegative(roundHalfAwayFromZero(v * BigInt(k), BigInt(of)))
  return {
    line_id: left.line_id,
    quantity: k,
    net: part(left.net),
    taxes: left.taxes.map((t) => ({ ...t, amount: part(t.amount) })),
  }
}

export type ReturnedQuantity = { line_id: string; quantity: number }

export type InvoiceCreditables = { invoice_id: string; lines: Map<string, CreditableLine> }

export type ReturnAllocation = {
  /** Per invoice (in the order given), the shares of the lines it credits. */
  shares: { invoice_id: string; lines: LineShare[] }[]
  /** Units returned beyond what the invoices can still credit (already credited by an edit, or never billed). */
  uncredited: ReturnedQuantity[]
}

/**
 * Spreads returned units over the invoices that billed their lines, `invoices`
 * latest first: the latest invoice's units first, then earlier ones', never
 * more than each has left for the line. An invoice that billed a line money
 * but no units (a price change billed on a supplementary invoice) gives the
 * returned fraction of what it has left for the line, all of it with the
 * line's last units.
 */
export function allocateReturn(invoices: InvoiceCreditables[], returned: ReturnedQuantity[]): ReturnAllocation {
  const shares = new Map<string, LineShare[]>(invoices.map((i) => [i.invoice_id, []]))
  const uncredited: ReturnedQuantity[] = []
  for (const r of mergeReturned(returned)) {
    if (r.quantity === 0) continue
    const holders = invoices
      .map((i) => ({ invoice_id: i.invoice_id, left: i.lines.get(r.line_id) }))
      .filter((h): h is { invoice_id: string; left: CreditableLine } => !!h.left)
    const unitsLeft = holders.reduce((s, h) => s + Math.max(0, h.left.units_left), 0)
    const taken = Math.min(r.quantity, unitsLeft)
    if (taken < r.quantity) uncredited.push({ line_id: r.line_id, quantity: r.quantity - taken })
    if (taken === 0) continue
    let toTake = taken
    for (const h of holders) {
      if (h.left.units_left > 0 && toTake > 0) {
        const k = Math.min(toTake, h.left.units_left)
        shares.get(h.invoice_id)!.push(takeShare(h.left, k, h.left.units_left))
        toTake -= k
      } else if (h.left.units_left <= 0 && shareTotal(h.left) > 0n) {
        const share = takeShare(h.left, taken, unitsLeft)
        shares.get(h.invoice_id)!.push({ ...share, quantity: 0 })
      }
    }
  }
  return {
    shares: invoices.map((i) => ({
      invoice_id: i.invoice_id,
      lines: shares.get(i.invoice_id)!.filter((s) => s.quantity > 0 || shareTotal(s) > 0n),
    })),
    uncredited,
  }
}

/** One entry per line (a return may list a line twice), in first-seen order. */
function mergeReturned(returned: ReturnedQuantity[]): ReturnedQuantity[] {
  const merged = new Map<string, number>()
  for (const r of returned) {
    if (!Number.isSafeInteger(r.quantity) || r.quantity < 0)
      throw new Error(`Returned quantity of ${r.line_id} must be a whole number, got ${r.quantity}`)
    merged.set(r.line_id, (merged.get(r.line_id) ?? 0) + r.quantity)
  }
  return [...merged].map(([line_id, quantity]) => ({ line_id, quantity }))
}

/** A share as the credit_note.lines entry (ISO minor units). */
export function shareToCreditLine(share: LineShare, units: CreditUnits): CreditLine {
  const taxLines = share.taxes.map((t) => ({ rate: t.rate, code: t.code, amount_minor: units.toIso(t.amount) }))
  return {
    line_id: share.line_id,
    quantity: share.quantity,
    net_minor: units.toIso(share.net),
    tax_minor: taxLines.reduce((s, t) => s + t.amount_minor, 0n),
    tax_lines: taxLines,
  }
}
