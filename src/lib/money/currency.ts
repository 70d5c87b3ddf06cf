import { InvalidCurrencyError } from "./errors"

// ISO 4217 minor-unit exponents that differ from the usual 2.
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
])
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])

const ISO_CODE = /^[A-Za-z]{3}$/

/** Upper-cases a currency code; throws `InvalidCurrencyError` unless it is three letters. */
export function normalizeCurrencyCode(code: string): string {
  if (typeof code !== "string" || !ISO_CODE.test(code)) {
    throw new InvalidCurrencyError(`Currency code must be three letters, got ${JSON.stringify(code)}`)
  }
  return code.toUpperCase()
}

/** Number of decimal digits of the currency's minor unit (JPY 0, USD 2, KWD 3); case-insensitive. */
export function currencyExponent(code: string): 0 | 2 | 3 {
  const upper = normalizeCurrencyCode(code)
  if (ZERO_DECIMAL.has(upper)) return 0
  if (THREE_DECIMAL.has(upper)) return 3
  return 2
}
