// Percentages are kept as integers scaled by 10^4 (at most 4 decimals), so
// "12.5" is 125_000n and 100 % is 1_000_000n: discount arithmetic stays in bigint.
const PERCENT_DECIMALS = 4
export const HUNDRED_PERCENT_SCALED = 100n * 10n ** BigInt(PERCENT_DECIMALS)

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/

/** Why a percentage value is unusable, or null when 0 < p ≤ 100 with at most 4 decimals. */
export function percentageProblem(value: unknown): string | null {
  const match = typeof value === "string" ? PLAIN_DECIMAL.exec(value) : null
  if (!match) return 'must be a decimal string such as "12.5"'
  if ((match[2] ?? "").length > PERCENT_DECIMALS) return `must have at most ${PERCENT_DECIMALS} decimals`
  const scaled = scaledPercentage(value as string)
  if (scaled <= 0n || scaled > HUNDRED_PERCENT_SCALED) return "must be greater than 0 and at most 100"
  return null
}

/** "12.5" → 125_000n. Only for values percentageProblem accepts. */
export function scaledPercentage(value: string): bigint {
  const [whole, fraction = ""] = value.split(".")
  return BigInt(whole) * 10n ** BigInt(PERCENT_DECIMALS) + BigInt(fraction.padEnd(PERCENT_DECIMALS, "0"))
}
