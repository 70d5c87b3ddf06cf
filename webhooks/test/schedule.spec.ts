import fc from "fast-check"
import { DEFAULT_RETRY_SCHEDULE, JITTER_RATIO, OVERLOAD_FLOOR_MS, nextDelay, validateSchedule } from "../index"
import type { DeliveryOutcome } from "../index"

const SECOND = 1000
const RETRYABLE: DeliveryOutcome[] = [
  "redirect",
  "rate_limited",
  "client_error",
  "server_error",
  "timeout",
  "network_error",
  "blocked",
  "internal_error",
]
const overload = (o: DeliveryOutcome) => o === "timeout" || o === "rate_limited"

const arbSchedule = fc.array(fc.integer({ min: 0, max: 48 * 3600 * SECOND }), { minLength: 1, maxLength: 12 })
const arbRandom = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })

describe("DEFAULT_RETRY_SCHEDULE", () => {
  it("is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", () => {
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([0, 5e3, 3e5, 1.8e6, 7.2e6, 1.8e7, 3.6e7, 3.6e7])
  })
})

describe("nextDelay", () => {
  it("uses the scheduled delay for the next attempt, jittered by ±20%", () => {
    const at = (random: number) => nextDelay({ attempt: 1, outcome: "server_error", random: () => random })
    expect(at(0.5)).toEqual({ kind: "retry", delayMs: 5 * SECOND })
    expect(at(0)).toEqual({ kind: "retry", delayMs: 4 * SECOND })
    expect(at(0.999999)).toEqual({ kind: "retry", delayMs: 6 * SECOND })
    expect(nextDelay({ attempt: 2, outcome: "server_error", random: () => 0.5 })).toEqual({
      kind: "retry",
      delayMs: 300 * SECOND,
    })
  })

  it("is exhausted after the schedule's last attempt", () => {
    expect(nextDelay({ attempt: 7, outcome: "server_error", random: () => 0.5 })).toEqual({
      kind: "retry",
      delayMs: 36_000 * SECOND,
    })
    expect(nextDelay({ attempt: 8, outcome: "server_error" })).toEqual({ kind: "exhausted" })
  })

  it("applies the overload floor to timeouts and 429s", () => {
    expect(nextDelay({ attempt: 1, outcome: "timeout", random: () => 0.5 })).toEqual({
      kind: "retry",
      delayMs: OVERLOAD_FLOOR_MS,
    })
    expect(nextDelay({ attempt: 1, outcome: "rate_limited", random: () => 0.5 })).toEqual({
      kind: "retry",
      delayMs: OVERLOAD_FLOOR_MS,
    })
  })

  it("honours Retry-After up to twice the scheduled delay", () => {
    const base = { attempt: 2, outcome: "server_error" as const, random: () => 0.5 }
    expect(nextDelay({ ...base, retryAfterMs: 400 * SECOND })).toEqual({ kind: "retry", delayMs: 400 * SECOND })
    expect(nextDelay({ ...base, retryAfterMs: 3600 * SECOND })).toEqual({ kind: "retry", delayMs: 600 * SECOND })
    // A shorter Retry-After never shortens the schedule.
    expect(nextDelay({ ...base, retryAfterMs: 1 * SECOND })).toEqual({ kind: "retry", delayMs: 300 * SECOND })
  })

  it("uses a per-endpoint schedule", () => {
    expect(nextDelay({ attempt: 1, schedule: [0, 100, 200], outcome: "client_error", random: () => 0.5 })).toEqual({
      kind: "retry",
      delayMs: 100,
    })
    expect(nextDelay({ attempt: 3, schedule: [0, 100, 200], outcome: "client_error" })).toEqual({ kind: "exhausted" })
  })

  it("rejects an attempt count below 1", () => {
    expect(() => nextDelay({ attempt: 0, outcome: "timeout" })).toThrow(
      expect.objectContaining({ code: "ERR_WEBHOOK_INVALID_ARGUMENT" })
    )
  })

  describe("properties", () => {
    const arbInput = fc.record({
      schedule: arbSchedule,
      attempt: fc.integer({ min: 1, max: 14 }),
      outcome: fc.constantFrom(...RETRYABLE),
      retryAfterMs: fc.option(fc.integer({ min: 0, max: 200 * 3600 * SECOND }), { nil: undefined }),
      random: arbRandom,
    })

    it("is exhausted exactly when the schedule is used up", () => {
      fc.assert(
        fc.property(arbInput, ({ schedule, attempt, outcome, random }) => {
          const result = nextDelay({ schedule, attempt, outcome, random: () => random })
          return (result.kind === "exhausted") === attempt >= schedule.length
        })
      )
    })

    it("stays within [0.8 × base, 2 × base] and is a whole number of ms", () => {
      fc.assert(
        fc.property(arbInput, ({ schedule, attempt, outcome, retryAfterMs, random }) => {
          fc.pre(attempt < schedule.length)
          const result = nextDelay({ schedule, attempt, outcome, retryAfterMs, random: () => random })
          if (result.kind !== "retry") return false
          const base = overload(outcome) ? Math.max(schedule[attempt], OVERLOAD_FLOOR_MS) : schedule[attempt]
          const max = retryAfterMs === undefined ? base * (1 + JITTER_RATIO) : 2 * base
          return (
            Number.isInteger(result.delayMs) &&
            result.delayMs >= Math.floor(base * (1 - JITTER_RATIO)) &&
            result.delayMs <= Math.ceil(max)
          )
        })
      )
    })

    it("never retries earlier than Retry-After asked, within the 2 × base bound", () => {
      fc.assert(
        fc.property(arbInput, ({ schedule, attempt, outcome, retryAfterMs, random }) => {
          fc.pre(attempt < schedule.length && retryAfterMs !== undefined)
          const result = nextDelay({ schedule, attempt, outcome, retryAfterMs, random: () => random })
          const base = overload(outcome) ? Math.max(schedule[attempt], OVERLOAD_FLOOR_MS) : schedule[attempt]
          return result.kind === "retry" && result.delayMs >= Math.min(retryAfterMs!, 2 * base) - 1
        })
      )
    })

    it("never goes below the overload floor's jitter band for timeouts and 429s", () => {
      fc.assert(
        fc.property(arbInput, ({ schedule, attempt, random }) => {
          fc.pre(attempt < schedule.length)
          const result = nextDelay({ schedule, attempt, outcome: "timeout", random: () => random })
          return result.kind === "retry" && result.delayMs >= OVERLOAD_FLOOR_MS * (1 - JITTER_RATIO)
        })
      )
    })

    it("grows with the random draw (jitter is monotonic)", () => {
      fc.assert(
        fc.property(arbInput, arbRandom, ({ schedule, attempt, outcome }, r2) => {
          fc.pre(attempt < schedule.length)
          const [lo, hi] = [Math.min(0.3, r2), Math.max(0.3, r2)]
          const a = nextDelay({ schedule, attempt, outcome, random: () => lo })
          const b = nextDelay({ schedule, attempt, outcome, random: () => hi })
          return a.kind === "retry" && b.kind === "retry" && a.delayMs <= b.delayMs
        })
      )
    })
  })
})

describe("validateSchedule", () => {
  it("returns a frozen copy of a valid schedule", () => {
    const s = validateSchedule([0, 1000])
    expect(s).toEqual([0, 1000])
    expect(Object.isFrozen(s)).toBe(true)
  })

  it.each([[[]], [[-1]], [[1.5]], [[Number.POSITIVE_INFINITY]], [new Array(51).fill(0)]])("rejects %j", (schedule) => {
    expect(() => validateSchedule(schedule)).toThrow(expect.objectContaining({ code: "ERR_WEBHOOK_INVALID_SCHEDULE" }))
  })
})
