import { currencyExponent } from "./currency"

/**
 * Formats integer minor units as a major-unit decimal string with exactly the
 * currency's decimals: 1250n USD → "12.50", 1250n JPY → "1250", 1250n KWD → "1.250".
 * No floats are involved, so any bigint round-trips through `toMinor`.
 */
export function toMajorString(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency)
  const negative = minor < 0n
  const digits = (negative ? -minor : minor).toString()
  if (exponent === 0) return (negative ? "-" : "") + digits

  const padded = digits.padStart(exponent + 1, "0")
  const whole = padded.slice(0, -exponent)
  const fraction = padded.slice(-exponent)
  return `${negative ? "-" : ""}${whole}.${fraction}`
}
