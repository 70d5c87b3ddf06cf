/**
 * Exact decimal amounts as an ERP holds them: what a client sent as a JSON
 * number or string, parsed without floats, rounded only where the ERP rounds
 * (half away from zero, to the currency's amount precision).
 */
import { formatDecimal, parseDecimal, type Decimal } from "../../stripe/decimal"

// ISO 4217 minor units that differ from 2: the amount precision an ERP's currency setup would carry.
const ZERO = new Set([
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
const THREE = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])

export const amountDecimals = (currency: string): number =>
  ZERO.has(currency.toUpperCase()) ? 0 : THREE.has(currency.toUpperCase()) ? 3 : 2

export type { Decimal }

/** A JSON value as an exact decimal; missing is 0. (JSON numbers up to 15 significant digits round-trip exactly.) */
export function amount(value: unknown, field = "amount"): Decimal {
  if (value === undefined || value === null || value === "") return { digits: 0n, scale: 0 }
  const parsed = typeof value === "number" || typeof value === "string" ? parseDecimal(String(value)) : null
  if (!parsed) throw new Error(`ERP sandbox: ${field} ${JSON.stringify(value)} is not a decimal number`)
  return parsed
}

const align = (a: Decimal, scale: number): bigint => a.digits * 10n ** BigInt(scale - a.scale)

export function add(...values: Decimal[]): Decimal {
  const scale = Math.max(0, ...values.map((v) => v.scale))
  return { digits: values.reduce((s, v) => s + align(v, scale), 0n), scale }
}

export const negate = (a: Decimal): Decimal => ({ digits: -a.digits, scale: a.scale })

function roundDiv(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n
  const an = n < 0n ? -n : n
  const ad = d < 0n ? -d : d
  const q = (an % ad) * 2n >= ad ? an / ad + 1n : an / ad
  return negative ? -q : q
}

/** a × b ÷ c, rounded half away from zero to `decimals` places. */
export function mulDivRound(a: Decimal, b: Decimal, c: Decimal, decimals: number): Decimal {
  const numerator = a.digits * b.digits * 10n ** BigInt(decimals + c.scale)
  const denominator = c.digits * 10n ** BigInt(a.scale + b.scale)
  return { digits: roundDiv(numerator, denominator), scale: decimals }
}

export const ONE: Decimal = { digits: 1n, scale: 0 }

/** Canonical text ("12.5", "-3"). */
export const text = (a: Decimal): string => formatDecimal(a)
