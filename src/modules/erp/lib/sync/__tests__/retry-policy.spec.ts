import { erpRetryDelayMs } from "../retry-policy"

describe("erpRetryDelayMs", () => {
  it("doubles from the connection's base, jittered ±20 %", () => {
    const policy = { baseMs: 1_000 }
    expect(erpRetryDelayMs(1, undefined, policy, () => 0)).toBe(800)
    expect(erpRetryDelayMs(1, undefined, policy, () => 0.5)).toBe(1_000)
    expect(erpRetryDelayMs(1, undefined, policy, () => 1)).toBe(1_200)
    expect(erpRetryDelayMs(4, undefined, policy, () => 1)).toBe(9_600)
  })

  it("never waits more than an hour", () => {
    expect(erpRetryDelayMs(40, undefined, { baseMs: 5_000 }, () => 1)).toBe(3_600_000)
  })

  it("waits at least what Retry-After says, at least a second, at most an hour", () => {
    expect(erpRetryDelayMs(1, 7_000, { baseMs: 5_000 }, () => 1)).toBe(7_000)
    expect(erpRetryDelayMs(1, 0, { baseMs: 100 }, () => 1)).toBe(1_000)
    expect(erpRetryDelayMs(1, 7_200_000, { baseMs: 5_000 }, () => 1)).toBe(3_600_000)
  })

  it("never shortens the backoff for a shorter Retry-After", () => {
    expect(erpRetryDelayMs(1, 0, { baseMs: 5_000 }, () => 1)).toBe(6_000)
  })
})
