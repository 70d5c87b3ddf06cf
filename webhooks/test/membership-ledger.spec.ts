import fc from "fast-check"
import { ACK_ANY, MembershipLedger, RATE_WINDOW_MS } from "../index"
import type { GateLimits, MembershipSnapshot } from "../index"

const NEVER = Number.NEGATIVE_INFINITY
const limits: GateLimits = { maxConcurrency: 3, ratePerSecond: 20, perProcess: false }
const snap = (epoch: string, members: string[], acks: (string | null)[], added = false): MembershipSnapshot => ({
  epoch,
  members,
  acks,
  added,
})
/** A ledger that joined alone and holds the whole limits at epoch "1". */
const alone = (id: string) => {
  const ledger = new MembershipLedger(id)
  ledger.apply(snap("1", [id], ["1"], true), NEVER)
  return ledger
}

describe("MembershipLedger", () => {
  it("holds no share of configured limits before its first committed view, but all of the per-process default", () => {
    const ledger = new MembershipLedger("b")
    expect(ledger.share("ep", limits)).toEqual({ maxConcurrency: 0, ratePerSecond: 0, perProcess: false })
    expect(ledger.share("ep", { maxConcurrency: 32, perProcess: true })).toMatchObject({
      maxConcurrency: 32,
      ratePerSecond: null,
    })
    expect(ledger.holdsShares).toBe(false)
    expect(ledger.ackToSend(0, true)).toBe(ACK_ANY) // nothing to lower: any epoch's shares cover 0
    expect(ledger.ackToSend(0, false)).toBeUndefined()
  })

  it("alone, holds the whole limits from its first heartbeat", () => {
    const ledger = alone("a")
    expect(ledger.share("ep", limits)).toMatchObject({ maxConcurrency: 3, ratePerSecond: 20 })
    expect(ledger.settling).toBe(false)
    expect(ledger.workers).toBe(1)
  })

  it("lets a second worker in: the member lowers, acknowledges once within its share, and both raise on the commit", () => {
    const a = alone("a")
    const b = new MembershipLedger("b")
    // b registers and acknowledges the epoch its heartbeat ends in; a has not seen it yet.
    expect(b.apply(snap("2", ["a", "b"], ["1", "2"], true), NEVER)).toBe(false)
    expect(b.share("ep", limits).maxConcurrency).toBe(0)
    expect(b.settling).toBe(true)

    expect(a.apply(snap("2", ["a", "b"], ["1", "2"]), NEVER)).toBe(true)
    const lowered = a.share("ep", limits)
    expect(lowered.maxConcurrency).toBeLessThanOrEqual(2)
    expect(lowered.ratePerSecond).toBe(10)
    expect(a.ackToSend(0, false)).toBeUndefined() // more in flight than its new share
    expect(a.ackToSend(0, true)).toBe("2")

    const committed = snap("2", ["a", "b"], ["2", "2"])
    a.apply(committed, NEVER)
    expect(b.apply(committed, NEVER)).toBe(true)
    for (const id of ["ep", "ep_1", "ep_2", "ep_3"]) {
      const [pa, pb] = [a.share(id, limits), b.share(id, limits)]
      expect(pa.maxConcurrency + pb.maxConcurrency).toBe(3)
      expect(pa.ratePerSecond! + pb.ratePerSecond!).toBe(20)
    }
    expect(b.settling).toBe(false)
  })

  it("does not raise on a view that not every member acknowledged", () => {
    const a = alone("a")
    a.apply(snap("2", ["a", "b", "c"], ["1", "2", null]), NEVER)
    a.apply(snap("2", ["a", "b", "c"], ["2", "2", null]), NEVER)
    expect(a.share("ep", { maxConcurrency: 3 }).maxConcurrency).toBe(1)
    // c leaves before acknowledging: a new epoch, lowered to the minimum of both views until it commits.
    a.apply(snap("3", ["a", "b"], ["2", "2"]), NEVER)
    expect(a.share("ep", { maxConcurrency: 3 }).maxConcurrency).toBe(1)
    a.apply(snap("3", ["a", "b"], ["3", "3"]), NEVER)
    expect(a.share("ep", { maxConcurrency: 4 }).maxConcurrency).toBe(2)
  })

  it("waits until a rate-limited start made before a change is a rate window old before acknowledging", () => {
    const a = alone("a")
    const startedAt = 50_000
    a.apply(snap("2", ["a", "b"], ["1", "2"]), startedAt)
    expect(a.ackToSend(startedAt + RATE_WINDOW_MS - 1, true)).toBeUndefined()
    expect(a.ackToSend(startedAt + RATE_WINDOW_MS, true)).toBe("2")
  })

  it("gives up every share when it finds it had been dropped from the membership", () => {
    const a = alone("a")
    expect(a.apply(snap("5", ["a", "b"], [null, "4"], true), NEVER)).toBe(true)
    expect(a.share("ep", limits)).toMatchObject({ maxConcurrency: 0, ratePerSecond: 0 })
    expect(a.ackToSend(0, true)).toBe(ACK_ANY)
  })
})

/** The Redis side as the ledger sees it (membership-script.ts without clocks). */
class FakeMembership {
  private seq = 0
  private epoch = ""
  private readonly acks = new Map<string, string | null>()

  beat(id: string, ack: string | undefined): MembershipSnapshot {
    const added = !this.acks.has(id)
    if (added) this.acks.set(id, null)
    if (added || !this.epoch) this.epoch = String(++this.seq)
    if (ack === ACK_ANY) this.acks.set(id, this.epoch)
    else if (ack !== undefined) this.acks.set(id, ack)
    const members = [...this.acks.keys()].sort()
    return snap(
      this.epoch,
      members,
      members.map((m) => this.acks.get(m)!),
      added
    )
  }

  /** Expiry of a crashed worker, or a graceful leave. */
  drop(id: string) {
    if (this.acks.delete(id)) this.epoch = String(++this.seq)
  }
}

interface SimWorker {
  id: string
  ledger: MembershipLedger
  active: Map<string, number>
}

const ENDPOINTS: [string, GateLimits][] = [
  ["ep_one", { maxConcurrency: 1 }],
  ["ep_three", { maxConcurrency: 3 }],
  ["ep_seven", { maxConcurrency: 7 }],
  ["ep_default", { maxConcurrency: 32 }],
]

type Action =
  | { kind: "join"; name: number }
  | { kind: "beat" | "admit" | "crash" | "leave"; w: number }
  | { kind: "finish"; w: number; e: number; n: number }

const arbAction: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("join" as const), name: fc.nat(99) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("beat" as const), w: fc.nat() }), weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant("admit" as const), w: fc.nat() }), weight: 6 },
  {
    arbitrary: fc.record({
      kind: fc.constant("finish" as const),
      w: fc.nat(),
      e: fc.nat(ENDPOINTS.length - 1),
      n: fc.integer({ min: 1, max: 4 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant("crash" as const), w: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("leave" as const), w: fc.nat() }), weight: 1 }
)

describe("the share protocol, simulated", () => {
  it("never lets live workers hold more requests in flight than an endpoint's limit, and converges to exactly the limit", () => {
    fc.assert(
      fc.property(fc.array(arbAction, { minLength: 20, maxLength: 200, size: "max" }), (actions) => {
        const redis = new FakeMembership()
        const workers: SimWorker[] = []
        let joined = 0
        const shareOf = (w: SimWorker, endpoint: string, l: GateLimits) => w.ledger.share(endpoint, l).maxConcurrency
        const withinShares = (w: SimWorker) => ENDPOINTS.every(([e, l]) => (w.active.get(e) ?? 0) <= shareOf(w, e, l))
        const beat = (w: SimWorker) => {
          const snapshot = redis.beat(w.id, w.ledger.ackToSend(0, withinShares(w)))
          w.ledger.apply(snapshot, NEVER)
        }
        const pick = (i: number) => (workers.length ? workers[i % workers.length] : undefined)

        for (const action of actions) {
          if (action.kind === "join") {
            const id = `w${action.name}-${joined++}`
            const w: SimWorker = { id, ledger: new MembershipLedger(id), active: new Map() }
            workers.push(w)
            beat(w)
            continue
          }
          const w = pick(action.w)
          if (!w) continue
          if (action.kind === "beat") beat(w)
          if (action.kind === "admit") {
            // Greedy: use the whole current share.
            for (const [e, l] of ENDPOINTS) w.active.set(e, Math.max(w.active.get(e) ?? 0, shareOf(w, e, l)))
          }
          if (action.kind === "finish") {
            const e = ENDPOINTS[action.e][0]
            w.active.set(e, Math.max(0, (w.active.get(e) ?? 0) - action.n))
          }
          if (action.kind === "crash" || action.kind === "leave") {
            // A crashed worker's requests died with it; a leaving one drained first.
            workers.splice(workers.indexOf(w), 1)
            redis.drop(w.id)
          }
          for (const [e, l] of ENDPOINTS) {
            const inFlight = workers.reduce((n, x) => n + (x.active.get(e) ?? 0), 0)
            if (inFlight > l.maxConcurrency) throw new Error(`${e}: ${inFlight} in flight, limit ${l.maxConcurrency}`)
          }
        }

        // Quiet: requests finish, three rounds of heartbeats (see, acknowledge, see the commit).
        for (const w of workers) w.active.clear()
        for (let round = 0; round < 3; round++) for (const w of workers) beat(w)
        if (workers.length === 0) return
        for (const [e, l] of ENDPOINTS) {
          const parts = workers.map((w) => shareOf(w, e, l))
          expect(parts.reduce((a, b) => a + b, 0)).toBe(l.maxConcurrency)
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: 500, seed: 20261210 }
    )
  })
})
