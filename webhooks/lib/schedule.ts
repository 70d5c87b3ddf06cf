/**
 * Retry schedule as data plus one pure delay function. `schedule[n]` is the
 * wait before attempt n+1, so `schedule.length` is the maximum number of
 * attempts and `schedule[0]` (normally 0) is the first attempt's delay.
 * Jitter and the Retry-After rule are the durability core's (`core/backoff.ts`,
 * `core/retry-after.ts`), shared with ERP syncs and connector retries.
 * @module
 */
import { jitter } from "../core/backoff"
import { honourRetryAfter } from "../core/retry-after"
import { isOverload } from "./classify"
import type { DeliveryOutcome } from "../core/outcome"
import { InvalidArgumentError, InvalidScheduleError } from "./errors"

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: about 27.6 h in total (Svix). */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = Object.freeze([
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
])

/** Timeouts and 429s wait at least this long: retrying sooner adds to the overload. */
export const OVERLOAD_FLOOR_MS = MINUTE
/** Guards against a runaway per-endpoint configuration. */
export const MAX_SCHEDULE_ATTEMPTS = 50
export const MAX_SCHEDULE_DELAY_MS = 7 * 24 * HOUR

export interface NextDelayInput {
  /** Attempts made so far, including the one that just failed (>= 1). */
  attempt: number
  schedule?: readonly number[]
  outcome: DeliveryOutcome
  /** Parsed `Retry-After`, if the receiver sent one. */
  retryAfterMs?: number
  /** Uniform [0, 1); injectable so tests are deterministic. */
  random?: () => number
}

export type NextDelay = { kind: "retry"; delayMs: number } | { kind: "exhausted" }

/**
 * The wait before the next attempt, or `exhausted` when the schedule is used up.
 *
 * base = schedule[attempt], raised to OVERLOAD_FLOOR_MS for timeouts/429;
 * delay = base ± 20% jitter (the core's `jitter`); a `Retry-After` is a floor
 * honoured up to 2 × base (the core's `honourRetryAfter`):
 * delay = max(jittered, min(retryAfter, 2 × base)). So the result always lies
 * in [0.8 × base, 2 × base] and is never earlier than the receiver asked for,
 * unless it asked for more than twice the schedule (Svix clamps the same way).
 */
export function nextDelay({
  attempt,
  schedule = DEFAULT_RETRY_SCHEDULE,
  outcome,
  retryAfterMs,
  random = Math.random,
}: NextDelayInput): NextDelay {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new InvalidArgumentError("attempt counts the attempts made so far and must be >= 1")
  }
  if (attempt >= schedule.length) return { kind: "exhausted" }
  let base = schedule[attempt]
  if (isOverload(outcome)) base = Math.max(base, OVERLOAD_FLOOR_MS)
  const delayMs = honourRetryAfter(jitter(base, random), retryAfterMs, { maxMs: 2 * base })
  return { kind: "retry", delayMs: Math.round(delayMs) }
}

/** True when `schedule` is a usable retry schedule (see validateSchedule). */
export function isValidSchedule(schedule: unknown): schedule is readonly number[] {
  return (
    Array.isArray(schedule) &&
    schedule.length >= 1 &&
    schedule.length <= MAX_SCHEDULE_ATTEMPTS &&
    schedule.every((d) => Number.isInteger(d) && d >= 0 && d <= MAX_SCHEDULE_DELAY_MS)
  )
}

/**
 * Checks a per-endpoint schedule (call it when the endpoint is saved) and
 * returns a frozen copy.
 * @throws InvalidScheduleError
 */
export function validateSchedule(schedule: readonly number[]): readonly number[] {
  if (!isValidSchedule(schedule)) {
    throw new InvalidScheduleError(
      `Retry schedule must hold 1–${MAX_SCHEDULE_ATTEMPTS} whole-millisecond delays ` +
        `between 0 and ${MAX_SCHEDULE_DELAY_MS}`
    )
  }
  return Object.freeze([...schedule])
}
