import type { TaxObject } from "./types"

/**
 * How taxes move an invoice's or a credit note's totals (stripe@23 field docs):
 * a line's `amount` already contains its inclusive taxes and excludes its
 * exclusive ones, so
 *   subtotal               = Σ line amounts ("before … exclusive tax")
 *   subtotal_excluding_tax = subtotal − inclusive taxes ("before any … tax")
 *   total_excluding_tax    = subtotal − inclusive taxes (no discounts here)
 *   total                  = subtotal + exclusive taxes ("after discounts and taxes")
 * All integers in the currency's minor unit.
 */
export interface Totals {
  subtotal: number
  subtotal_excluding_tax: number
  total: number
  total_excluding_tax: number
  total_taxes: TaxObject[]
}

export function totalsOf(lines: ReadonlyArray<{ amount: number; taxes: TaxObject[] }>): Totals {
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0)
  const taxes = lines.flatMap((line) => line.taxes)
  const sumOf = (behavior: TaxObject["tax_behavior"]) =>
    taxes.filter((t) => t.tax_behavior === behavior).reduce((sum, t) => sum + t.amount, 0)
  const inclusive = sumOf("inclusive")
  return {
    subtotal,
    subtotal_excluding_tax: subtotal - inclusive,
    total: subtotal + sumOf("exclusive"),
    total_excluding_tax: subtotal - inclusive,
    total_taxes: aggregate(taxes),
  }
}

/**
 * `total_taxes`: "The aggregate tax information of all line items" — one entry
 * per tax rate (and behaviour and taxability reason), amounts and taxable
 * amounts summed, in order of first appearance.
 */
function aggregate(taxes: TaxObject[]): TaxObject[] {
  const byKey = new Map<string, TaxObject>()
  for (const t of taxes) {
    const key = `${t.tax_rate_details.tax_rate}|${t.tax_behavior}|${t.taxability_reason}`
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, { ...t, tax_rate_details: { ...t.tax_rate_details } })
      continue
    }
    seen.amount += t.amount
    seen.taxable_amount =
      seen.taxable_amount === null || t.taxable_amount === null ? null : seen.taxable_amount + t.taxable_amount
  }
  return [...byKey.values()]
}
