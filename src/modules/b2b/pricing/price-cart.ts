import { normalizeCurrencyCode } from "../../../lib/money"
import type { CompiledRuleSet } from "./compile-rules"
import { priceLine } from "./price-line"
import type { CartLineInput, PricedCart } from "./types"

/**
 * Prices every line of a cart (see priceLine for the precedence and rounding
 * rules) and adds the line totals; nothing is rounded at cart level. Stops at
 * the first line that cannot be priced, throwing that line's error.
 */
export function priceCart(compiled: CompiledRuleSet, lines: readonly CartLineInput[], currency: string): PricedCart {
  const currencyCode = normalizeCurrencyCode(currency)
  const priced = lines.map((line) => priceLine(compiled, line, currencyCode))
  const total = priced.reduce((sum, line) => sum + line.line_total_minor, 0n)
  return { lines: priced, total_minor: total }
}
