import { toMinor } from "../../../lib/money/to-minor"

/**
 * A price typed in major units ("9.50") as an integer minor-unit string for
 * the API ("950"), parsed exactly (never through a float). Null with a reason
 * when the text is not an amount the currency can hold.
 */
export function parseMajor(text: string, currency: string): { minor: string } | { error: string } {
  const trimmed = text.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return { error: `"${text}" is not an amount such as 9.50` }
  try {
    return { minor: toMinor(trimmed, currency).toString() }
  } catch (e) {
    return { error: (e as Error).message }
  }
}
