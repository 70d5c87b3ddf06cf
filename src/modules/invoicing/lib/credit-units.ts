import { currencyExponent, fromStripeAmount, stripeCurrencyRule, toStripeAmount } from "../../../lib/money"

/**
 * The unit credits are counted in: Stripe's smallest step for the currency
 * (1 cent; 10 fils for KWD, whose credit amounts must end in 0; one whole
 * króna for ISK). Credits are allocated in these units so every amount sent
 * to Stripe is one it accepts and the notes of a line add up to what Stripe
 * billed for it — for two-decimal currencies a unit is simply the minor unit.
 */
export type CreditUnits = {
  currency: string
  /** ISO minor units → credit units, rounded like the invoice lines were (toStripeAmount). */
  toUnits(isoMinor: bigint): bigint
  /** Credit units → ISO minor units (exact). */
  toIso(units: bigint): bigint
  /** Credit units → Stripe's amount. */
  toStripe(units: bigint): bigint
  /** A Stripe amount (always a multiple of the step) → credit units. */
  fromStripe(stripeAmount: bigint): bigint
  /** ISO minor units → credit units, rounded down: a refund never credits more than it was. */
  floorUnits(isoMinor: bigint): bigint
}

export function creditUnits(currency: string): CreditUnits {
  const rule = stripeCurrencyRule(currency)
  const shift = rule.exponent - currencyExponent(currency)
  return {
    currency,
    toUnits: (iso) => toStripeAmount(iso, currency).amount / rule.step,
    toIso: (units) => fromStripeAmount(units * rule.step, currency),
    toStripe: (units) => units * rule.step,
    fromStripe: (amount) => amount / rule.step,
    floorUnits: (iso) => {
      const numerator = shift >= 0 ? iso * 10n ** BigInt(shift) : iso
      const denominator = (shift >= 0 ? 1n : 10n ** BigInt(-shift)) * rule.step
      if (iso < 0n) throw new RangeError("floorUnits takes a positive amount")
      return numerator / denominator
    },
  }
}
