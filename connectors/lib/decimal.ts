/**
 * Exact decimal text (unit prices, tax rates) for ERP payloads: parsed into a scaled bigint, never
 * a float, so `"10.125"` stays 10.125.
 *
 * @module
 */
import { ErpConfigError } from "./errors"
import { JsonDecimal } from "./json"

/** value = digits / 10^scale */
export interface Decimal {
  digits: bigint
  scale: number
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/** `"10.1250"` → { digits: 10125n, scale: 3 }; throws `ErpConfigError` for anything else. */
export function parseDecimal(text: string, field = "decimal"): Decimal {
  const match = DECIMAL.exec(String(text).trim())
  if (!match) throw new ErpConfigError(`${field} must be a decimal number, got ${JSON.stringify(String(text))}`)
  const fraction = (match[3] ?? "").replace(/0+$/, "")
  const digits = BigInt(match[2]! + fraction)
  return { digits: match[1] ? -digits : digits, scale: fraction.length }
}

/** Shortest exact text: { 10125n, 3 } → `"10.125"`, { 2500n, 2 } → `"25"`. */
export function formatDecimal(d: Decimal): string {
  let { digits, scale } = d
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n
    scale -= 1
  }
  const negative = digits < 0n
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, "0")
  const whole = text.slice(0, text.length - scale)
  const fraction = text.slice(text.length - scale)
  return `${negative ? "-" : ""}${whole}${scale ? `.${fraction}` : ""}`
}

/** quantity × value in minor units of a currency with `exponent` decimals, when that is exact; else undefined. */
export function exactMinorTimes(value: Decimal, quantity: number, exponent: number): bigint | undefined {
  const scaled = value.digits * BigInt(quantity) * 10n ** BigInt(exponent)
  const unit = 10n ** BigInt(value.scale)
  return scaled % unit === 0n ? scaled / unit : undefined
}

/** Decimal text as an exact JSON number (`"8.875"` → 8.875 on the wire). */
export function jsonDecimal(text: string, field?: string): JsonDecimal {
  return new JsonDecimal(formatDecimal(parseDecimal(text, field)))
}
