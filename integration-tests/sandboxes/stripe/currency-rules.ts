import { invalidParam } from "./errors"

/**
 * Stripe's own precision rules for `amount` values — not ISO 4217's. Source:
 * Stripe, "Supported currencies" (https://docs.stripe.com/currencies), sections
 * "Zero-decimal currencies", "Three-decimal currencies" and "Special cases",
 * and the support article "Deprecation of fractional ISK charges and refunds"
 * (https://support.stripe.com/questions/deprecation-of-fractional-isk-charges-and-refunds).
 */

/**
 * "Zero-decimal currencies" list: amounts are whole units, "without multiplying
 * by 100" (¥500 → 500). MGA is here although ISO 4217 gives it two decimals.
 * The page also lists UGX here, but its "Special cases" row overrides that for
 * the API (see WHOLE_UNITS_AS_TWO_DECIMAL), so UGX is left out of this set.
 */
const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
])

/**
 * "Three-decimal currencies": "The API supports three-decimal currencies for
 * the standard payment flows, including Payment Intents, Refunds, and Disputes.
 * However, to ensure compatibility with Stripe's payments partners, these API
 * calls require the least-significant (last) digit to be 0. Your integration
 * must round amounts to the nearest ten. For example, 5.124 KWD must be
 * rounded to 5120 or 5130."
 */
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"])

/**
 * "Special cases", ISK: "ISK transitioned to a zero-decimal currency, but
 * backward compatibility requires you to represent it as a two-decimal value,
 * where the decimal amount is always 00. For example, to charge 5 ISK, provide
 * an amount value of 500. You can't charge fractions of ISK." The support
 * article: "the Stripe API will enforce that all amounts in ISK are stated in
 * multiples of 100", error `invalid_charge_amount_no_decimal_compatible`.
 * UGX: same wording ("represent it as a two-decimal value … always 00"), plus
 * "For invoices where the amount is fractional after prorations, coupons, or
 * taxes, Stripe automatically rounds that amount to the nearest number evenly
 * divisible by 100" with the difference booked to the customer balance.
 * (HUF and TWD are special only for manual payouts: invoices are unaffected.)
 */
const WHOLE_UNITS_AS_TWO_DECIMAL = new Set(["isk", "ugx"])

/** Decimals of the unit Stripe's `amount` fields count in for `currency`. */
export function stripeExponent(currency: string): 0 | 2 | 3 {
  const c = currency.toLowerCase()
  if (ZERO_DECIMAL.has(c)) return 0
  if (THREE_DECIMAL.has(c)) return 3
  return 2
}

/** Every amount in `currency` must be a multiple of this (1: no constraint). */
export function amountStep(currency: string): 1 | 10 | 100 {
  const c = currency.toLowerCase()
  if (THREE_DECIMAL.has(c)) return 10
  if (WHOLE_UNITS_AS_TWO_DECIMAL.has(c)) return 100
  return 1
}

/** UGX: Stripe rounds a fractional invoice total itself (and the sandbox does not model that rounding). */
export const roundsInvoiceTotal = (currency: string) => currency.toLowerCase() === "ugx"

/**
 * Refuses an amount Stripe's currency rules forbid. Which amounts are checked
 * is the caller's choice, documented there (charge-forming amounts: line
 * amounts, exclusive taxes, credit note amounts; for ISK every amount).
 */
export function checkAmountStep(currency: string, amount: number, param: string, what: string): void {
  const step = amountStep(currency)
  if (step === 1 || amount % step === 0) return
  const code = currency.toUpperCase()
  if (step === 10) {
    throw invalidParam(
      param,
      `Invalid ${what} (${amount}): ${code} is a three-decimal currency and Stripe requires the least-significant (last) digit to be 0; round to the nearest ten (for example ${amount - (amount % 10)} or ${amount - (amount % 10) + (amount < 0 ? -10 : 10)}). See https://stripe.com/docs/currencies#three-decimal for more information.`,
      "invalid_charge_amount"
    )
  }
  throw invalidParam(
    param,
    `Invalid ${what} (${amount}). Currency ${code} has become effectively zero-decimal and amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.`,
    "invalid_charge_amount_no_decimal_compatible"
  )
}

/** "12.340 KWD", "1235 JPY", "12.00 ISK": exact (string arithmetic), for the hosted page. */
export function formatMajor(amount: number, currency: string): string {
  const exponent = stripeExponent(currency)
  const negative = amount < 0
  const digits = String(Math.abs(amount)).padStart(exponent + 1, "0")
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = exponent ? `.${digits.slice(digits.length - exponent)}` : ""
  return `${negative ? "-" : ""}${whole}${fraction} ${currency.toUpperCase()}`
}
