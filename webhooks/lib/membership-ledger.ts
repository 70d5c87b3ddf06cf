/**
 * One worker's side of the share protocol, without I/O: from the heartbeat
 * snapshots it decides which shares the gate may use and what to acknowledge.
 *
 * Every membership change gets a new epoch (Redis side, `membership-script.ts`).
 * A worker that sees a new epoch first *lowers*: its ceiling for each endpoint
 * becomes the minimum of its part under every view it has not yet seen
 * committed, so a view can only take shares away until it commits. Once its
 * in-flight requests fit that ceiling (and its last rate-limited start before
 * the change is `RATE_WINDOW_MS` old), it acknowledges the epoch. It
 * *raises* to its part under a view only when a snapshot shows that view's
 * epoch current and acknowledged by every member: then every live worker has
 * promised to stay within its part of that same view, and the parts sum to
 * the limit. A new worker holds no share (0) until then; so does a worker
 * that finds it had been dropped from the membership.
 * @module
 */
import { holderIndex, partOf, rankFor } from "./fair-share"
import type { ShareView } from "./fair-share"
import { RATE_WINDOW_MS } from "./endpoint-gate"
import type { GateLimits } from "./endpoint-gate"

/** A heartbeat's view of the membership. */
export interface MembershipSnapshot {
  /** Changes with every join, leave or expiry; never reused. */
  epoch: string
  /** Live workers, sorted by id. */
  members: readonly string[]
  /** Each member's acknowledged epoch, in `members` order (null: none yet). */
  acks: readonly (string | null)[]
  /** This heartbeat (re)registered the worker. */
  added: boolean
}

/** An acknowledgement of whatever epoch the heartbeat ends in: sent only while holding no share. */
export const ACK_ANY = "*"
/** Views kept while none commits (a flapping member); beyond it the worker holds no share until one does. */
const MAX_PENDING_VIEWS = 8

export class MembershipLedger {
  /** The ceiling is the minimum part over these views; none: no share at all. */
  private views: ShareView[] = []
  private seenEpoch: string | undefined
  private committed = false
  private registered = false
  /** The latest snapshot's members, sorted by id. */
  private latest: readonly string[] = []
  /** No acknowledgement before this: a start made under a higher rate is still inside its rate window. */
  private unsettledUntil = Number.NEGATIVE_INFINITY

  constructor(readonly selfId: string) {}

  /** This worker's part of an endpoint's limits now. The delivery hot path: arithmetic only. */
  share(endpointId: string, limits: GateLimits): GateLimits {
    const views = this.views
    const rate = limits.ratePerSecond
    const limited = rate !== null && rate !== undefined && rate > 0
    const none = views.length === 0
    let concurrency = limits.perProcess ? limits.maxConcurrency : none ? 0 : Number.POSITIVE_INFINITY
    let ratePart = limited ? (none ? 0 : Number.POSITIVE_INFINITY) : null
    for (const view of views) {
      const rank = rankFor(endpointId, view)
      if (!limits.perProcess) concurrency = Math.min(concurrency, partOf(limits.maxConcurrency, view.workers, rank))
      if (limited) ratePart = Math.min(ratePart!, partOf(rate, view.workers, rank))
    }
    return { maxConcurrency: concurrency, ratePerSecond: ratePart, perProcess: limits.perProcess }
  }

  /**
   * Where to hand a delivery this worker holds no part of: the latest
   * membership's rank 0 for the endpoint (which holds a part of any limit
   * of at least 1), unless that is this worker.
   */
  holderOf(endpointId: string): string | undefined {
    const members = this.latest
    if (members.length === 0) return undefined
    const holder = members[holderIndex(endpointId, members.length)]
    return holder === this.selfId ? undefined : holder
  }

  /** Whether the worker holds shares (a committed view, possibly lowered by newer ones). */
  get holdsShares(): boolean {
    return this.views.length > 0
  }

  /** Whether a membership change is under way (the latest epoch is not yet committed). */
  get settling(): boolean {
    return !this.committed
  }

  /** Live workers in the last view this worker saw (its shares divide by this; 1 before any). */
  get workers(): number {
    return this.views.length > 0 ? this.views[this.views.length - 1].workers : 1
  }

  /**
   * What the next heartbeat acknowledges: nothing while in-flight requests
   * exceed the ceiling or a faster start is inside its rate window; `ACK_ANY` while
   * holding no share (nothing is promised beyond 0); else the latest epoch seen.
   */
  ackToSend(now: number, withinShares: boolean): string | undefined {
    if (!withinShares || now < this.unsettledUntil) return undefined
    return this.views.length === 0 ? ACK_ANY : this.seenEpoch
  }

  /**
   * Takes in a heartbeat's snapshot; returns whether the ceilings changed
   * (the gate must reshare). `lastSpacedStartAt`: the gate's latest start of
   * a rate-limited endpoint, read now.
   */
  apply(snapshot: MembershipSnapshot, lastSpacedStartAt: number): boolean {
    const { epoch, members, acks, added } = snapshot
    const index = members.indexOf(this.selfId)
    if (index < 0) return false // the heartbeat (re)adds this worker: cannot happen
    const view: ShareView = { workers: members.length, index }
    this.latest = members
    const lower = () => {
      this.unsettledUntil = Math.max(this.unsettledUntil, lastSpacedStartAt + RATE_WINDOW_MS)
    }
    let changed = false
    if (added && this.registered) {
      // Dropped (heartbeats missed for a TTL, or Redis lost its data) while
      // maybe still sending: others may have taken this worker's share.
      changed = this.views.length > 0
      this.views = []
      lower()
    }
    this.registered = true
    if (epoch !== this.seenEpoch) {
      this.seenEpoch = epoch
      // A view already in the list lowers nothing.
      if (this.views.length > 0 && !this.views.some((v) => sameView(v, view))) {
        this.views = this.views.length < MAX_PENDING_VIEWS ? [...this.views, view] : []
        changed = true
        lower()
      }
    }
    this.committed = acks.every((ack) => ack === epoch)
    if (this.committed && !(this.views.length === 1 && sameView(this.views[0], view))) {
      this.views = [view]
      changed = true
    }
    return changed
  }
}

// Parts depend only on the number of workers and this worker's position.
function sameView(a: ShareView, b: ShareView): boolean {
  return a.workers === b.workers && a.index === b.index
}
