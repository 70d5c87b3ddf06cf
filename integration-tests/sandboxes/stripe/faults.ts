/**
 * error500: Stripe-style 500 api_error · timeout: never answer (socket held until
 * the client gives up or the sandbox closes) · reset: destroy the socket.
 */
export type FaultMode = "error500" | "timeout" | "reset"

export interface FailSpec {
  /** How many matching calls fail (default 1). */
  count?: number
  mode: FaultMode
  /**
   * before (default): fail without executing — nothing stored, a retry runs normally.
   * after: execute and store under the idempotency key, then lose the answer.
   */
  when?: "before" | "after"
  /** Only calls with this HTTP method (any case). */
  method?: string
  /** Only calls whose path (no query string) matches. */
  path?: RegExp
}

export interface ArmedFault {
  mode: FaultMode
  when: "before" | "after"
}

/** Queue of one-shot failures; each API call takes at most one. */
export class FaultPlan {
  private readonly specs: Array<FailSpec & { remaining: number }> = []

  add(spec: FailSpec): void {
    const remaining = spec.count ?? 1
    if (!Number.isInteger(remaining) || remaining < 1) throw new Error("failNext: count must be a positive integer")
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
    return { mode: spec.mode, when: spec.when ?? "before" }
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
