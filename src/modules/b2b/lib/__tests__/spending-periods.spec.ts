import { spendingPeriodStart } from "../spending-periods"

describe("spendingPeriodStart (UTC calendar periods)", () => {
  // Wednesday 2026-12-09, 01:30 UTC (still Tuesday evening in New York: UTC decides).
  const now = new Date("2026-12-09T01:30:00Z")

  it("starts a day at midnight, a week on Monday, a month on the 1st and a year on 1 January", () => {
    expect(spendingPeriodStart("order", now)).toBeNull()
    expect(spendingPeriodStart("day", now)?.toISOString()).toBe("2026-12-09T00:00:00.000Z")
    expect(spendingPeriodStart("week", now)?.toISOString()).toBe("2026-12-07T00:00:00.000Z")
    expect(spendingPeriodStart("month", now)?.toISOString()).toBe("2026-12-01T00:00:00.000Z")
    expect(spendingPeriodStart("year", now)?.toISOString()).toBe("2026-01-01T00:00:00.000Z")
  })

  it("keeps a Monday in its own week and a Sunday in the week before, across a month boundary", () => {
    expect(spendingPeriodStart("week", new Date("2026-12-07T00:00:00Z"))?.toISOString()).toBe(
      "2026-12-07T00:00:00.000Z"
    )
    expect(spendingPeriodStart("week", new Date("2026-11-01T23:59:59Z"))?.toISOString()).toBe(
      "2026-10-26T00:00:00.000Z"
    )
  })
})
