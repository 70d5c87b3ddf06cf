import { currencyExponent, normalizeCurrencyCode } from "./currency"
import { roundHalfAwayFromZero } from "./rounding"

/**
 * How Stripe's API writes amounts of a currency — which is not always ISO
 * 4217's minor unit, so it is kept apart from currency.ts (the ERPs and
 * payloads use ISO). Source: Stripe, "Supported currencies"
 * (https://docs.stripe.com/currencies): "Zero-decimal currencies",
 * "Three-decimal currencies" and "Special cases".
 *
 * - `exponent`: decimals of the unit Stripe's `amount` fields count in.
 * - `step`: amounts must be a multiple of it. Three-decimal currencies must end
 *   in 0 ("the last digit must be 0"); ISK and UGX are written as two-decimal
 *   amounts whose decimals are always 00 (Special cases: "to charge 5 UGX,
 *   provide an amount value of 500"; all ISK amounts are multiples of 100).
 */
export type StripeCurrencyRule = { exponent: 0 | 2 | 3; step: bigint }

// Stripe's zero-decimal list. MGA is zero-decimal at Stripe although ISO 4217 gives it two
// decimals. UGX is on the list too, but its special case (below) governs API amounts.
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
])
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"])
// Special cases: zero-decimal in ISO but two-decimal (…00) in Stripe's API. HUF and TWD's
// divisible-by-100 rule applies to payouts only, so invoices take any two-decimal amount.
const TWO_DECIMAL_WHOLE_UNITS = new Set(["ISK", "UGX"])

export function stripeCurrencyRule(currency: string): StripeCurrencyRule {
  const code = normalizeCurrencyCode(currency)
  if (ZERO_DECIMAL.has(code)) return { exponent: 0, step: 1n }
  if (THREE_DECIMAL.has(code)) return { exponent: 3, step: 10n }
  if (TWO_DECIMAL_WHOLE_UNITS.has(code)) return { exponent: 2, step: 100n }
  return { exponent: 2, step: 1n }
}

/**
 * ISO minor units → Stripe's amount, rounded (half away from zero) to what
 * Stripe accepts. `exact` is false when Stripe cannot carry the amount as it
 * is (KWD 1.235 → 1240; MGA 12.50 → 13): the caller states that difference
 * instead of losing it.
 */
export function toStripeAmount(isoMinor: bigint, currency: string): { amount: bigint; exact: boolean } {
  const rule = stripeCurrencyRule(currency)
  const isoExponent = currencyExponent(currency)
  const shift = rule.exponent - isoExponent
  // Scale to Stripe's unit first, keeping the exact value as a fraction.
  const numerator = shift >= 0 ? isoMinor * 10n ** BigInt(shift) : isoMinor
  const denominator = shift >= 0 ? 1n : 10n ** BigInt(-shift)
  const amount = roundHalfAwayFromZero(numerator, denominator * rule.step) * rule.step
  return { amount, exact: amount * denominator === numerator }
}

/** Stripe's amount → ISO minor units (exact for any amount Stripe accepts: its step is never finer than ISO's minor unit). */
export function fromStripeAmount(stripeAmount: bigint, currency: string): bigint {
  const shift = stripeCurrencyRule(currency).exponent - currencyExponent(currency)
  return shift >= 0 ? stripeAmount / 10n ** BigInt(shift) : stripeAmount * 10n ** BigInt(-shift)
}
