/** How the receiver answers: a canned response, never ('hang'), or by dropping the connection ('reset'). */
export type PartnerBehaviour = { status: number; headers?: Record<string, string>; body?: string } | "hang" | "reset"

/** A behaviour prepared once, so the hot path only writes precomputed bytes. */
export type Prepared =
  | { kind: "reply"; status: number; headers: Record<string, string | number>; body: Buffer }
  | { kind: "hang" }
  | { kind: "reset" }

interface Rule {
  prepared: Prepared
  /** undefined = until replaced. */
  remaining?: number
}

const DEFAULT: Prepared = prepare({ status: 200 })

function prepare(behaviour: PartnerBehaviour): Prepared {
  if (behaviour === "hang" || behaviour === "reset") return { kind: behaviour }
  const body = Buffer.from(behaviour.body ?? "")
  return {
    kind: "reply",
    status: behaviour.status,
    headers: { ...behaviour.headers, "content-length": body.length },
    body,
  }
}

/**
 * Per-path answers. For a path: its counted rules first (FIFO, each used `times`
 * times), then its standing rule; then the same for '*'; then 200.
 */
export class Behaviours {
  private readonly counted = new Map<string, Rule[]>()
  private readonly standing = new Map<string, Rule>()

  set(path: string, behaviour: PartnerBehaviour, times?: number): void {
    const rule: Rule = { prepared: prepare(behaviour) }
    if (times === undefined) {
      // A standing rule means "from now on": it also drops pending counted ones.
      this.standing.set(path, rule)
      this.counted.delete(path)
      return
    }
    if (!Number.isInteger(times) || times < 1) throw new Error("respond: times must be a positive integer")
    rule.remaining = times
    const queue = this.counted.get(path) ?? []
    queue.push(rule)
    this.counted.set(path, queue)
  }

  reset(): void {
    this.counted.clear()
    this.standing.clear()
  }

  /** Picks (and consumes one use of) the behaviour for a request to `path`. */
  take(path: string): Prepared {
    return this.takeFor(path) ?? this.takeFor("*") ?? DEFAULT
  }

  private takeFor(path: string): Prepared | undefined {
    const queue = this.counted.get(path)
    if (queue && queue.length > 0) {
      const rule = queue[0]
      rule.remaining = (rule.remaining ?? 1) - 1
      if (rule.remaining <= 0) queue.shift()
      if (queue.length === 0) this.counted.delete(path)
      return rule.prepared
    }
    return this.standing.get(path)?.prepared
  }
}
