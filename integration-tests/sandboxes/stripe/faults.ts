/**
 * error500: Stripe-style 500 api_error · timeout: never answer (socket held until
 * the client gives up or the sandbox closes) · reset: destroy the socket ·
 * slow: answer normally, but only after `delayMs` of executing (the request's
 * idempotency key stays in use meanwhile, so a test can overlap two requests).
 */
export type FaultMode = "error500" | "timeout" | "reset" | "slow"

/**
 * before: fail without executing — nothing saved under the key, a retry runs normally.
 * during: the endpoint began executing and failed before doing anything. Stripe
 *   saves that 500 under the idempotency key like any answer of an endpoint that
 *   began ("Retries with the same key return the saved response, including 500
 *   errors", https://docs.stripe.com/api/idempotent_requests; "as long as an API
 *   method began execution, Stripe's API servers will cache the results of the
 *   request regardless of what they were", https://docs.stripe.com/error-low-level),
 *   so every later call with the key gets the 500 replayed until the key is
 *   pruned (24 h, see advanceClock). error500 answers it; timeout/reset lose it.
 *   A call answered from a saved key, or refused before it began (validation,
 *   key in use), takes the fault without effect.
 * after: execute and save under the idempotency key, then lose the answer.
 */
export type FaultTiming = "before" | "during" | "after"

export interface FailSpec {
  /** How many matching calls fail (default 1). */
  count?: number
  mode: FaultMode
  /** Default "before"; ignored by "slow", which always delays the execution. */
  when?: FaultTiming
  /** "slow" only: how long the endpoint takes, in ms (default 500). */
  delayMs?: number
  /** Only calls with this HTTP method (any case). */
  method?: string
  /** Only calls whose path (no query string) matches. */
  path?: RegExp
}

export interface ArmedFault {
  mode: FaultMode
  when: FaultTiming
  delayMs: number
}

const DEFAULT_DELAY_MS = 500

/** Queue of one-shot failures; each API call takes at most one. */
export class FaultPlan {
  private readonly specs: Array<FailSpec & { remaining: number }> = []

  add(spec: FailSpec): void {
    const remaining = spec.count ?? 1
    if (!Number.isInteger(remaining) || remaining < 1) throw new Error("failNext: count must be a positive integer")
    if (spec.delayMs !== undefined && (!Number.isInteger(spec.delayMs) || spec.delayMs < 0))
      throw new Error("failNext: delayMs must be a non-negative integer")
    if (spec.when !== undefined && !["before", "during", "after"].includes(spec.when))
      throw new Error(`failNext: unknown timing ${String(spec.when)}`)
    this.specs.push({ ...spec, remaining })
  }

  take(method: string, path: string): ArmedFault | undefined {
    const index = this.specs.findIndex(
      (s) => (!s.method || s.method.toUpperCase() === method) && (!s.path || testPath(s.path, path))
    )
    if (index === -1) return undefined
    const spec = this.specs[index]
    spec.remaining -= 1
    if (spec.remaining === 0) this.specs.splice(index, 1)
    // A slow call is slow while it executes: its key is in use for the whole delay.
    const when = spec.mode === "slow" ? "during" : (spec.when ?? "before")
    return { mode: spec.mode, when, delayMs: spec.delayMs ?? DEFAULT_DELAY_MS }
  }

  pending(): number {
    return this.specs.reduce((n, s) => n + s.remaining, 0)
  }

  clear(): void {
    this.specs.length = 0
  }
}

/** Global/sticky regexes keep lastIndex between calls; reset so every test starts at 0. */
function testPath(re: RegExp, path: string): boolean {
  re.lastIndex = 0
  return re.test(path)
}
