/**
 * Unit prices derived from line amounts.
 *
 * The hub's line amounts are authoritative (they are what the invoice bills); a unit price is only
 * what an ERP multiplies by the quantity. Medusa's own unit price often is not one the ERP can
 * multiply back to the amount: it may be gross in a tax-inclusive region, finer than the currency
 * (USD 10.125 × 3 = 30.375) or followed by a discount. So adapters ask this module for a price
 * whose extension (quantity × price) they know exactly, and state the difference themselves (as a
 * line discount, or by sending the line amount).
 *
 * @module
 */
import { exactMinorTimes, formatDecimal, parseDecimal } from "./decimal"
import { currencyExponent, formatMinor } from "./money"

export interface UnitPrice {
  /** Decimal text to send. */
  text: string
  /** quantity × text, in minor units, exactly. */
  extendedMinor: bigint
  /** `extendedMinor` equals the amount asked for: the ERP's quantity × price is the amount. */
  exact: boolean
}

/**
 * A unit price for `quantity` units of a line worth `amountMinor`:
 *
 * 1. `candidate` (the price as Medusa priced it) when quantity × candidate is exactly the amount
 *    and it has at most `maxScale` decimals (ERPs store unit prices to a few decimals: Business
 *    Central's default unit-amount rounding precision is 0.00001);
 * 2. else amount ÷ quantity when that is a whole number of minor units;
 * 3. else that quotient rounded UP to the minor unit, so that quantity × price ≥ amount and the
 *    caller can state the small remainder as a (non-negative) line discount. `exact` is false.
 */
export function unitPriceFor(
  amountMinor: bigint,
  quantity: number,
  currency: string,
  candidate?: string,
  maxScale = 5
): UnitPrice {
  const exponent = currencyExponent(currency)
  if (candidate !== undefined) {
    const price = parseDecimal(candidate, "unit_price")
    if (price.scale <= maxScale && exactMinorTimes(price, quantity, exponent) === amountMinor) {
      // At the currency's precision it reads like every other amount ("1234.50"); finer, as priced.
      const text =
        price.scale <= exponent
          ? formatMinor(price.digits * 10n ** BigInt(exponent - price.scale), currency)
          : formatDecimal(price)
      return { text, extendedMinor: amountMinor, exact: true }
    }
  }
  if (quantity === 0) return { text: formatMinor(0n, currency), extendedMinor: 0n, exact: amountMinor === 0n }
  const q = BigInt(quantity)
  const floor = amountMinor / q
  const unitMinor = amountMinor % q === 0n ? floor : amountMinor > 0n ? floor + 1n : floor
  return { text: formatMinor(unitMinor, currency), extendedMinor: unitMinor * q, exact: unitMinor * q === amountMinor }
}
