/**
 * A spending limit applies per order or to everything an employee ordered in
 * the current calendar period, in UTC: a day from midnight, an ISO week from
 * Monday, a month from its 1st, a year from 1 January.
 */
export const SPENDING_PERIODS = ["order", "day", "week", "month", "year"] as const
export type SpendingPeriod = (typeof SPENDING_PERIODS)[number]

/** Start of the period containing `now` (UTC); null for "order" (each order stands alone). */
export function spendingPeriodStart(period: SpendingPeriod, now: Date): Date | null {
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth()
  const d = now.getUTCDate()
  switch (period) {
    case "order":
      return null
    case "day":
      return new Date(Date.UTC(y, m, d))
    case "week": {
      const sinceMonday = (now.getUTCDay() + 6) % 7
      return new Date(Date.UTC(y, m, d - sinceMonday))
    }
    case "month":
      return new Date(Date.UTC(y, m, 1))
    case "year":
      return new Date(Date.UTC(y, 0, 1))
  }
}

/** "monthly" for the refusal message. */
export function periodAdjective(period: SpendingPeriod): string {
  return { order: "per-order", day: "daily", week: "weekly", month: "monthly", year: "yearly" }[period]
}
