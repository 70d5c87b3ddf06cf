import type Stripe from "stripe"
import { currencyExponent, parseDecimal, roundHalfAwayFromZero, toMajorString, toMinor } from "../../../lib/money"

/**
 * An order line as invoiced (major units, possibly sub-minor precision). Not
 * Medusa's item totals: after a return they describe the units kept.
 */
export type CreditSourceItem = {
  id: string
  title: string
  variant_sku?: string | null
  quantity: unknown
  unit_price: unknown
  /** The discount on the whole line (Σ adjustments). */
  discount_total?: unknown
  /** Σ of the line's tax rates, in percent (8.25). */
  tax_rate_percent?: unknown
  /** The unit price includes tax: nothing to add. */
  is_tax_inclusive?: boolean | null
}

export type ReturnedQuantity = { item_id: string; quantity: number }

export type ReturnCredit = {
  lines: Stripe.CreditNoteCreateParams.Line[]
  amount_minor: bigint
  tax_minor: bigint
}

/** round((unit × r − discount × r / q) × rate / 100) in minor units, one rounding. */
function taxShareMinor(item: CreditSourceItem, r: number, q: number, currency: string): bigint {
  if (item.is_tax_inclusive) return 0n
  const unit = parseDecimal(String(item.unit_price))
  const discount = parseDecimal(String(item.discount_total ?? "0"))
  const rate = parseDecimal(String(item.tax_rate_percent ?? "0"))
  const p = (n: number) => 10n ** BigInt(n)
  const R = BigInt(r)
  const Q = BigInt(q)
  const taxable = unit.mantissa * R * p(discount.scale) * Q - discount.mantissa * R * p(unit.scale)
  return roundHalfAwayFromZero(
    taxable * rate.mantissa * p(currencyExponent(currency)),
    p(unit.scale) * p(discount.scale) * Q * p(rate.scale) * 100n
  )
}

/** round(value × numerator / denominator) in minor units, one rounding. */
function shareMinor(value: unknown, numerator: number, denominator: number, currency: string): bigint {
  const { mantissa, scale } = parseDecimal(String(value ?? "0"))
  const exponent = currencyExponent(currency)
  return roundHalfAwayFromZero(
    mantissa * 10n ** BigInt(exponent) * BigInt(numerator),
    10n ** BigInt(scale) * BigInt(denominator)
  )
}

/**
 * The credit for returned goods: per returned line, quantity × the unit price
 * the order carried, less that quantity's share of the line's discount, plus
 * the tax on that (one "Tax" line, at the line's rates) — what the buyer was
 * invoiced for those units. Custom credit-note lines, so the credit does not depend on how
 * the invoice grouped its lines.
 */
export function buildReturnCredit(items: CreditSourceItem[], returned: ReturnedQuantity[], currency: string): ReturnCredit {
  const lines: Stripe.CreditNoteCreateParams.Line[] = []
  let amount = 0n
  let tax = 0n
  for (const r of returned) {
    if (!r.quantity) continue
    const item = items.find((i) => i.id === r.item_id)
    if (!item) throw new Error(`Returned item ${r.item_id} is not on the order`)
    const ordered = Number(String((item.quantity as { value?: unknown })?.value ?? item.quantity))
    if (!Number.isSafeInteger(r.quantity) || !Number.isSafeInteger(ordered)) throw new Error(`Quantities of ${item.id} must be whole numbers`)
    if (r.quantity > ordered) throw new Error(`Returned quantity ${r.quantity} of ${item.id} exceeds the ordered ${ordered}`)
    const goods = shareMinor(item.unit_price, r.quantity, 1, currency)
    const discount = shareMinor(item.discount_total, r.quantity, ordered, currency)
    tax += taxShareMinor(item, r.quantity, ordered, currency)
    const name = item.variant_sku ? `${item.variant_sku} — ${item.title}` : item.title
    let exactUnit: bigint | null = null
    try {
      exactUnit = toMinor(String(item.unit_price), currency)
    } catch {
      // finer than the minor unit: credit the rounded extended amount
    }
    if (discount === 0n && exactUnit !== null) {
      lines.push({ type: "custom_line_item", description: `Returned: ${name}`, quantity: r.quantity, unit_amount: Number(exactUnit) })
    } else {
      const net = goods - discount
      const detail = discount > 0n ? `, less ${toMajorString(discount, currency)} discount` : ""
      lines.push({
        type: "custom_line_item",
        description: `Returned: ${name} (${r.quantity} × ${String(item.unit_price)}${detail})`,
        quantity: 1,
        unit_amount: Number(net),
      })
    }
    amount += goods - discount
  }
  if (tax > 0n) lines.push({ type: "custom_line_item", description: "Tax on returned items", quantity: 1, unit_amount: Number(tax) })
  return { lines, amount_minor: amount + tax, tax_minor: tax }
}
