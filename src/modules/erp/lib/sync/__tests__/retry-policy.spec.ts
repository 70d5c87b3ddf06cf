import { erpRetryDelayMs } from "../retry-policy"

describe("erpRetryDelayMs", () => {
  it("doubles from the connection's base, with half jitter", () => {
    const policy = { baseMs: 1_000 }
    expect(erpRetryDelayMs(1, undefined, policy, () => 0)).toBe(500)
    expect(erpRetryDelayMs(1, undefined, policy, () => 1)).toBe(1_000)
    expect(erpRetryDelayMs(4, undefined, policy, () => 1)).toBe(8_000)
  })

  it("never waits more than an hour", () => {
    expect(erpRetryDelayMs(40, undefined, { baseMs: 5_000 }, () => 1)).toBe(3_600_000)
  })

  it("waits what Retry-After says, at least a second", () => {
    expect(erpRetryDelayMs(1, 7_000, { baseMs: 5_000 }, () => 1)).toBe(7_000)
    expect(erpRetryDelayMs(1, 0, { baseMs: 5_000 }, () => 1)).toBe(1_000)
  })
})
