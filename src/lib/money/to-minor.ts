import { currencyExponent } from "./currency"
import { parseDecimal } from "./decimal"
import { MoneyParseError, MoneyPrecisionError } from "./errors"
import { roundHalfAwayFromZero } from "./rounding"

/** Anything whose string form is a decimal, e.g. Medusa's BigNumber (`toString()` gives the raw value). */
export type MajorAmount = string | number | { toString(): string }

export interface ToMinorOptions {
  /** Round extra fractional digits with THE rounding rule (see rounding.ts) instead of refusing them. */
  round?: boolean
}

/**
 * Converts an amount in MAJOR units ("12.5" USD) to integer minor units (1250n).
 *
 * Parsing is exact: numbers are read through their shortest decimal string
 * (`String(0.3)` is "0.3"), never multiplied as floats. More fractional digits
 * than the currency has is refused with `MoneyPrecisionError`, unless
 * `{ round: true }`, which rounds once, half away from zero.
 */
export function toMinor(major: MajorAmount, currency: string, options: ToMinorOptions = {}): bigint {
  const exponent = currencyExponent(currency)
  const { mantissa, scale } = parseDecimal(majorToString(major))

  if (scale <= exponent) {
    return mantissa * 10n ** BigInt(exponent - scale)
  }
  const excess = 10n ** BigInt(scale - exponent)
  if (!options.round) {
    throw new MoneyPrecisionError(
      `${String(major)} has ${scale} decimals but ${currency.toUpperCase()} allows ${exponent}; pass { round: true } to round`
    )
  }
  return roundHalfAwayFromZero(mantissa, excess)
}

function majorToString(major: MajorAmount): string {
  if (typeof major === "number" && !Number.isFinite(major)) {
    throw new MoneyParseError(`Not a finite amount: ${major}`)
  }
  if (typeof major === "bigint") {
    // A bigint here is almost always minor units passed by mistake; refuse rather than guess.
    throw new MoneyParseError("toMinor takes major units; a bigint is already minor units")
  }
  if (major === null || major === undefined) {
    throw new MoneyParseError(`Not an amount: ${major}`)
  }
  return String(major)
}
