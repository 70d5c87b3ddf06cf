import { splitProportionally } from "../../../lib/money"
import type { MoneyLine, MoneyTaxLine, OrderMoney } from "../../../lib/orders/order-money"
import { CreditLine, taxKey } from "./credit-lines"

/**
 * What an order's invoices bill, line by line, as money-model lines: the sum
 * of the `money` snapshots the invoices were issued from, less what credit
 * notes took back. Compared with the order's current money model it says
 * what an order change added or removed. Pure: no I/O.
 */

const AMOUNTS = [
  "subtotal_minor",
  "discount_minor",
  "discount_tax_minor",
  "net_minor",
  "tax_minor",
  "total_minor",
  "gross_minor",
] as const

/** a + sign × b, field by field; descriptive fields from `a` (the newer), else `b`. */
export function combineLines(a: MoneyLine | undefined, b: MoneyLine | undefined, sign: 1n | -1n): MoneyLine {
  const base = (a ?? b)!
  const out: MoneyLine = { ...base, tax_lines: [] }
  const s = (v: bigint | undefined) => (v ?? 0n) * sign
  for (const f of AMOUNTS) out[f] = (a?.[f] ?? 0n) + s(b?.[f])
  out.quantity = (a?.quantity ?? 0) + Number(sign) * (b?.quantity ?? 0)
  const taxes = new Map<string, MoneyTaxLine>()
  for (const t of a?.tax_lines ?? []) taxes.set(taxKey(t), { ...t })
  for (const t of b?.tax_lines ?? []) {
    const seen = taxes.get(taxKey(t))
    if (seen) seen.amount_minor += s(t.amount_minor)
    else taxes.set(taxKey(t), { ...t, amount_minor: s(t.amount_minor) })
  }
  out.tax_lines = [...taxes.values()]
  return out
}

/** A credited line taken off a billed line: net and tax (split over its tax lines by their amounts), no discount part. */
function lessCredit(line: MoneyLine, credit: CreditLine): MoneyLine {
  const gross = credit.net_minor + credit.tax_minor
  const weights = line.tax_lines.map((t) => (t.amount_minor > 0n ? t.amount_minor : 0n))
  const split = line.tax_lines.length ? splitProportionally(credit.tax_minor, weights) : []
  return {
    ...line,
    quantity: line.quantity - credit.quantity,
    subtotal_minor: line.subtotal_minor - credit.net_minor,
    net_minor: line.net_minor - credit.net_minor,
    tax_minor: line.tax_minor - credit.tax_minor,
    total_minor: line.total_minor - gross,
    gross_minor: line.gross_minor - gross,
    tax_lines: line.tax_lines.map((t, i) => ({ ...t, amount_minor: t.amount_minor - split[i] })),
  }
}

/** Every priced line of a money model (items, then shipping), by line id. */
export function linesById(money: OrderMoney): Map<string, MoneyLine> {
  return new Map([...money.items, ...money.shipping].map((l) => [l.id, l]))
}

/**
 * What the given money snapshots bill per order line, less the credited
 * lines. Snapshots are summed oldest first, so a line's descriptive fields
 * (title, unit price) are those of the newest invoice that billed it.
 */
export function billedByLine(moneys: OrderMoney[], credits: CreditLine[] = []): Map<string, MoneyLine> {
  const billed = new Map<string, MoneyLine>()
  for (const money of moneys) {
    for (const line of linesById(money).values()) billed.set(line.id, combineLines(line, billed.get(line.id), 1n))
  }
  for (const credit of credits) {
    const line = billed.get(credit.line_id)
    if (line) billed.set(credit.line_id, lessCredit(line, credit))
  }
  return billed
}

/** Σ line totals (items and shipping; an order-level credit is not a line). */
export function sumLineTotals(lines: Iterable<MoneyLine>): bigint {
  let sum = 0n
  for (const l of lines) sum += l.total_minor
  return sum
}

/**
 * Whether an order line differs from what was billed for it. The money model
 * spreads an order's rounding over its lines (largest remainder), so a line
 * the change did not touch can move by one minor unit when another line
 * changes: that is rounding, not a change, and is billed as such (a rounding
 * line). Anything else — a line added or removed, another quantity, price or
 * tax rate, a move of more than one unit (a discount recomputed) — is a change.
 */
export function lineChanged(current: MoneyLine | undefined, billed: MoneyLine | undefined): boolean {
  if (!current || !billed) {
    const only = (current ?? billed)!
    return only.total_minor !== 0n || only.quantity !== 0
  }
  if (
    current.quantity !== billed.quantity ||
    current.unit_price !== billed.unit_price ||
    current.tax_rate !== billed.tax_rate
  )
    return true
  const d = current.total_minor - billed.total_minor
  return d > 1n || d < -1n
}

export type LineDiff = { line: MoneyLine; diff: MoneyLine }

/** The changed lines: current − billed per line (positive = billed too little), in the current model's order. */
export function changedLines(current: Map<string, MoneyLine>, billed: Map<string, MoneyLine>): LineDiff[] {
  const out: LineDiff[] = []
  const ids = [...current.keys(), ...[...billed.keys()].filter((id) => !current.has(id))]
  for (const id of ids) {
    const now = current.get(id)
    const then = billed.get(id)
    if (!lineChanged(now, then)) continue
    out.push({ line: (now ?? then)!, diff: combineLines(now, then, -1n) })
  }
  return out
}

/**
 * A money model made of difference lines (a supplementary invoice's bill):
 * totals are the lines' sums plus `rounding_minor`, which the invoice states
 * on a rounding line (buildInvoiceLines).
 */
export function diffMoney(order: OrderMoney, lines: MoneyLine[], roundingMinor: bigint): OrderMoney {
  const sum = (pick: (l: MoneyLine) => bigint) => lines.reduce((s, l) => s + pick(l), 0n)
  const priced = lines.filter((l) => l.total_minor !== 0n)
  return {
    order_id: order.order_id,
    currency_code: order.currency_code,
    items: lines.filter((l) => l.kind === "item"),
    shipping: lines.filter((l) => l.kind === "shipping"),
    credit_minor: 0n,
    subtotal_minor: sum((l) => l.subtotal_minor),
    discount_minor: sum((l) => l.discount_minor),
    discount_tax_minor: sum((l) => l.discount_tax_minor),
    net_minor: sum((l) => l.net_minor),
    tax_minor: sum((l) => l.tax_minor),
    total_minor: sum((l) => l.total_minor) + roundingMinor,
    tax_inclusive: priced.length > 0 && priced.every((l) => l.tax_inclusive),
  }
}
