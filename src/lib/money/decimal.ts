import { MoneyParseError } from "./errors"

/** An exact decimal: value = mantissa / 10^scale, with the fewest fractional digits (scale ≥ 0). */
export interface ExactDecimal {
  mantissa: bigint
  scale: number
}

// Plain or scientific notation, as produced by String(number), bignumber.js and Postgres numeric.
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

// Doubles span 1e-324..1e308; anything far beyond is a typo or an attack on bigint pow.
const MAX_EXPONENT = 1000

/** Parses a decimal string exactly (no float on the way); throws `MoneyParseError` if it is not one. */
export function parseDecimal(text: string): ExactDecimal {
  const match = DECIMAL.exec(text)
  const intDigits = match?.[2] ?? ""
  const fracDigits = match?.[3] ?? ""
  if (!match || intDigits.length + fracDigits.length === 0) {
    throw new MoneyParseError(`Not a decimal number: ${JSON.stringify(text)}`)
  }
  const exponent = match[4] === undefined ? 0 : Number(match[4])
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) {
    throw new MoneyParseError(`Exponent out of range in ${JSON.stringify(text)}`)
  }

  const sign = match[1] === "-" ? -1n : 1n
  let mantissa = BigInt(intDigits + fracDigits || "0")
  let scale = fracDigits.length - exponent
  if (scale < 0) {
    mantissa *= 10n ** BigInt(-scale)
    scale = 0
  }
  // Trailing zeros carry no value: "12.50000" is as exact as "12.5".
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n
    scale -= 1
  }
  return { mantissa: sign * mantissa, scale }
}
