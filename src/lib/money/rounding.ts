/**
 * THE rounding rule of backy, the only one: round half away from zero,
 * to the currency's minor unit, exactly once per computed amount.
 *
 *   2.5 → 3, 2.4 → 2, −2.5 → −3, −2.4 → −2
 *
 * All money is integer minor units (bigint), so "rounding to the minor unit"
 * is always a rational numerator/denominator rounded to an integer here.
 * Half away from zero is symmetric for refunds/credits (round(−x) = −round(x))
 * and is what most ERPs and invoices expect, unlike banker's rounding.
 */
import { MoneyDivisionByZeroError } from "./errors"

/** round(numerator / denominator), half away from zero, exact for any bigint. */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) {
    throw new MoneyDivisionByZeroError("Cannot round a fraction with a zero denominator")
  }
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const quotient = n / d
  const remainder = n % d
  const magnitude = remainder * 2n >= d ? quotient + 1n : quotient
  return negative ? -magnitude : magnitude
}

/** round(a × b / c) with THE rounding rule, no intermediate rounding. */
export function mulDivRound(a: bigint, b: bigint, c: bigint): bigint {
  return roundHalfAwayFromZero(a * b, c)
}
