/**
 * The one retry backoff: a nominal delay, spread by the one jitter rule.
 * Webhook deliveries take their nominal delays from a schedule (data, per
 * endpoint); ERP syncs and the connectors' in-request retries double from a
 * base up to a cap. Either way the delay is jittered the same way.
 * @module
 */

/**
 * The jitter rule: a delay is spread uniformly over ±20 % of its nominal
 * value, so callers that failed together do not retry in lockstep, while the
 * delay stays close to what the schedule or the doubling says (Svix does the same).
 */
export const JITTER_RATIO = 0.2

/** `nominalMs` spread over [0.8, 1.2] × nominal by a uniform draw in [0, 1). Not rounded. */
export function jitter(nominalMs: number, random: () => number = Math.random): number {
  return nominalMs * (1 - JITTER_RATIO + 2 * JITTER_RATIO * random())
}

export interface ExponentialBackoff {
  /** The first retry's nominal delay; each further retry doubles it. */
  baseMs: number
  /** Ceiling of the nominal delay and of the jittered one: no retry waits longer. */
  capMs: number
}

/**
 * Delay before retry number `retry` (0 = the first retry): the nominal
 * min(capMs, baseMs × 2^retry), jittered by ±20 %, never above `capMs`;
 * whole milliseconds.
 */
export function backoffDelayMs(
  retry: number,
  { baseMs, capMs }: ExponentialBackoff,
  random: () => number = Math.random
): number {
  const nominal = Math.min(capMs, baseMs * 2 ** Math.max(0, retry))
  return Math.round(Math.min(capMs, jitter(nominal, random)))
}
