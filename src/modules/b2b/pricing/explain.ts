import { toMajorString } from "../../../lib/money"
import type { Quote } from "./quote"
import type { GraduatedBand } from "./tiers"

/**
 * The human-readable price explanation the API returns with each line, e.g.
 * "Volume tier 100+ at 9.50 USD (rule cpr_123)". `currency` is upper case.
 */
export function explainQuote(quote: Quote, quantity: number, currency: string): string {
  const money = (minor: bigint) => `${toMajorString(minor, currency)} ${currency}`
  switch (quote.source) {
    case "fixed_price":
      return `Contract price ${money(quote.unit_price_minor)} (rule ${quote.rule.id})`
    case "volume":
      return `Volume tier ${quote.tier.min_quantity}+ at ${money(quote.unit_price_minor)} (rule ${quote.rule.id})`
    case "graduated": {
      const bands = quote.bands.map(
        (band) => `${band.units} × ${money(band.tier.unit_price_minor)} (${bandRange(band)})`
      )
      const lineTotal = quote.unit_price_minor * BigInt(quantity)
      return (
        `Graduated tiers: ${bands.join(" + ")} = ${money(quote.exact_total_minor)}; ` +
        `charged ${quantity} × ${money(quote.unit_price_minor)} = ${money(lineTotal)}, ` +
        `rounding ${signed(lineTotal - quote.exact_total_minor, money)} (rule ${quote.rule.id})`
      )
    }
    case "discount": {
      const { rule } = quote.discount
      const amount = rule.kind === "percentage" ? `${rule.value}%` : money(rule.value)
      const where = rule.scope === "catalogue" ? "the catalogue" : `${rule.scope} ${rule.scope_id}`
      const floored = rule.kind === "fixed_amount" && rule.value > quote.base_unit_price_minor ? " (floored at 0)" : ""
      return (
        `${amount} off ${where}: ${money(quote.base_unit_price_minor)} → ` +
        `${money(quote.unit_price_minor)}${floored} (rule ${rule.id})`
      )
    }
  }
}

export function explainMedusaPrice(base: bigint, currency: string): string {
  return `No contract rule; Medusa price ${toMajorString(base, currency)} ${currency}`
}

function bandRange(band: GraduatedBand): string {
  const first = band.tier.min_quantity
  if (band.last_quantity === null) return `${first}+`
  return band.last_quantity === first ? `${first}` : `${first}–${band.last_quantity}`
}

function signed(minor: bigint, money: (minor: bigint) => string): string {
  return minor > 0n ? `+${money(minor)}` : money(minor)
}
