import { currencyExponent } from "./currency"
import { parseDecimal } from "./decimal"
import { roundHalfAwayFromZero } from "./rounding"

/**
 * Rounds each amount to the currency's minor unit with THE rounding rule
 * (half away from zero, rounding.ts), then makes the rounded amounts add up
 * to `target` exactly: when their sum misses it (n sub-minor amounts can drift
 * up to n/2 units), the difference goes one unit at a time to the amounts that
 * rounding moved furthest the other way (ties: the earlier amount). So every
 * amount stays within one minor unit of its exact value and the parts always
 * sum to the whole — an invoice's lines to the order total, a line's taxes to
 * its tax.
 *
 * `amounts` are major-unit decimals (Medusa's values, any precision).
 */
export function allocateToTarget(amounts: readonly unknown[], target: bigint, currency: string): bigint[] {
  const exponent = BigInt(currencyExponent(currency))
  const parsed = amounts.map((a) => parseDecimal(String(a ?? "0")))
  const scale = parsed.reduce((max, p) => Math.max(max, p.scale), 0)
  const denominator = 10n ** BigInt(scale)
  // exact_i × 10^exponent = numerator_i / denominator
  const numerators = parsed.map((p) => p.mantissa * 10n ** exponent * 10n ** BigInt(scale - p.scale))
  const rounded = numerators.map((n) => roundHalfAwayFromZero(n, denominator))
  // error_i = exact_i − rounded_i, in units of 1/denominator minor units
  const errors = numerators.map((n, i) => n - rounded[i] * denominator)
  return distribute(rounded, errors, target)
}

/**
 * Splits `total` minor units in proportion to integer `weights` (tax among a
 * line's tax rates, a credit among lines), the parts summing to `total`
 * exactly, each within one unit of its exact share. All weights zero: the
 * total goes to the first part.
 */
export function splitProportionally(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return []
  const sum = weights.reduce((s, w) => s + w, 0n)
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n))
  const numerators = weights.map((w) => total * w)
  const rounded = numerators.map((n) => roundHalfAwayFromZero(n, sum))
  const errors = numerators.map((n, i) => n - rounded[i] * sum)
  return distribute(rounded, errors, total)
}

/** Moves `target − Σ rounded` one unit at a time onto the amounts rounding hurt most. */
function distribute(rounded: bigint[], errors: bigint[], target: bigint): bigint[] {
  const out = [...rounded]
  let gap = target - out.reduce((s, v) => s + v, 0n)
  if (gap === 0n || out.length === 0) return out
  const up = gap > 0n
  // Most under-rounded first when units are missing, most over-rounded first when there are too many.
  const order = out
    .map((_, i) => i)
    .sort((a, b) => {
      const d = up ? errors[b] - errors[a] : errors[a] - errors[b]
      return d === 0n ? a - b : d > 0n ? 1 : -1
    })
  for (let k = 0; gap !== 0n; k = (k + 1) % order.length) {
    out[order[k]] += up ? 1n : -1n
    gap += up ? -1n : 1n
  }
  return out
}
