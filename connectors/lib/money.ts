/**
 * Exact minor-unit arithmetic and formatting for ERP payloads. No floats anywhere: amounts stay
 * bigint until they become decimal text.
 *
 * @module
 */
import { ErpConfigError } from "./errors"
import type { Minor } from "./types"

// ISO 4217 minor-unit exponents that differ from the usual 2 (same table as src/lib/money, so the
// hub and the connectors agree on every currency).
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

const INTEGER = /^-?\d+$/

/** Minor-unit exponent of an ISO 4217 currency: JPY 0, KWD 3, most others 2. */
export function currencyExponent(currency: string): 0 | 2 | 3 {
  const code = currency.toUpperCase()
  if (ZERO_DECIMAL.has(code)) return 0
  if (THREE_DECIMAL.has(code)) return 3
  return 2
}

/** Parses integer minor units; throws `ErpConfigError` for anything that is not an integer. */
export function toMinor(value: Minor, field = "amount"): bigint {
  if (typeof value === "bigint") return value
  if (typeof value === "string" && INTEGER.test(value)) return BigInt(value)
  throw new ErpConfigError(`${field} must be integer minor units, got ${JSON.stringify(String(value))}`)
}

/**
 * Minor units → the decimal string ERPs want, exactly: `formatMinor("1999", "USD") === "19.99"`,
 * `formatMinor("500", "JPY") === "500"`, `formatMinor("-5", "KWD") === "-0.005"`.
 */
export function formatMinor(minor: Minor, currency: string): string {
  const value = toMinor(minor)
  const exponent = currencyExponent(currency)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString()
  if (exponent === 0) return (negative ? "-" : "") + digits
  const padded = digits.padStart(exponent + 1, "0")
  const whole = padded.slice(0, padded.length - exponent)
  const fraction = padded.slice(padded.length - exponent)
  return `${negative ? "-" : ""}${whole}.${fraction}`
}

/** Exact sum of minor amounts. */
export function sumMinor(values: Minor[]): bigint {
  return values.reduce<bigint>((sum, v) => sum + toMinor(v), 0n)
}

/** Line amount before tax, as the ERPs book it: total − tax. */
export function netLineMinor(line: { total_minor: Minor; tax_minor: Minor }): bigint {
  return toMinor(line.total_minor, "total_minor") - toMinor(line.tax_minor, "tax_minor")
}
