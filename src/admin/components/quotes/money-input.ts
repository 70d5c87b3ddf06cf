import { toMajorString } from "../../../lib/money/to-major-string"
import { toMinor } from "../../../lib/money/to-minor"

/** Integer minor units ("2750") → what a price field shows ("27.50"). */
export const minorToInput = (minor: string, currency: string) => toMajorString(BigInt(minor), currency)

/**
 * What a person typed ("27.5") → integer minor units as a string ("2750"),
 * read exactly as a decimal (never through a float); a message naming the
 * field when it is not an amount of the currency.
 */
export function inputToMinor(text: string, currency: string, field: string): { minor: string } | { error: string } {
  try {
    const minor = toMinor(text.trim().replace(/,/g, ""), currency)
    if (minor < 0n) return { error: `${field}: must not be negative` }
    return { minor: minor.toString() }
  } catch (e) {
    return { error: `${field}: ${(e as Error).message}` }
  }
}
