/**
 * Exact decimal arithmetic for money in minor units. Stripe accepts
 * `unit_amount_decimal` / `quantity_decimal` with up to 12 decimal places, so
 * floats would silently lose cents; BigInt scaled integers never do.
 */
export interface Decimal {
  /** value = digits / 10^scale */
  digits: bigint
  scale: number
}

const DECIMAL_RE = /^(-)?(\d*)(?:\.(\d*))?$/

/** Parses "12.3456" (also "12", ".5"); returns null when it is not a plain decimal. */
export function parseDecimal(text: string, maxScale = 12): Decimal | null {
  const m = DECIMAL_RE.exec(text.trim())
  if (!m || (!m[2] && !m[3])) return null
  const fraction = (m[3] ?? "").replace(/0+$/, "")
  if (fraction.length > maxScale) return null
  const digits = BigInt((m[2] || "0") + fraction)
  return { digits: m[1] ? -digits : digits, scale: fraction.length }
}

export const decimalFromInt = (n: number | bigint): Decimal => ({ digits: BigInt(n), scale: 0 })

/** Canonical text without trailing zeros: {1234500, 4} → "123.45". */
export function formatDecimal(d: Decimal): string {
  const negative = d.digits < 0n
  const abs = (negative ? -d.digits : d.digits).toString().padStart(d.scale + 1, "0")
  const intPart = abs.slice(0, abs.length - d.scale)
  const fraction = abs.slice(abs.length - d.scale).replace(/0+$/, "")
  return (negative ? "-" : "") + intPart + (fraction ? `.${fraction}` : "")
}

/** Divides and rounds half away from zero ("half-up" for money) to an integer. */
function roundDiv(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  let q = n / d
  if ((n % d) * 2n >= d) q += 1n
  return negative ? -q : q
}

/** quantity × unit price, rounded half-up to whole minor units. */
export function multiplyToMinor(quantity: Decimal, unit: Decimal): bigint {
  return roundDiv(quantity.digits * unit.digits, 10n ** BigInt(quantity.scale + unit.scale))
}

/** amount ÷ quantity as a decimal with at most 12 places (for a one-off line's unit price). */
export function divideToDecimal(amount: bigint, quantity: Decimal): Decimal {
  if (quantity.digits === 0n) return decimalFromInt(0)
  const scale = 12
  const digits = roundDiv(amount * 10n ** BigInt(scale + quantity.scale), quantity.digits)
  return normalize({ digits, scale })
}

function normalize(d: Decimal): Decimal {
  let { digits, scale } = d
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n
    scale--
  }
  return { digits, scale }
}
