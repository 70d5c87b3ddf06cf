/**
 * Per-endpoint admission inside one worker process: at most `maxConcurrency`
 * requests in flight and, optionally, at most `ratePerSecond` starts per
 * second (evenly spaced, with a small guard: `RATE_WINDOW_MS`). Callers
 * queue while the endpoint keeps finishing requests (a busy but healthy
 * endpoint drains its backlog without churn);
 * they get `null` — and reschedule the delivery instead of holding it — when
 * the endpoint stalls (full, nothing finished for `stallAfterMs`: a hanging
 * receiver), when `maxWaitMs` passes, or at once when `maxWaiting` callers
 * already queue for it and the queue would not drain within `overflowDrainMs`
 * at the endpoint's recent request time, so a slow endpoint's backlog never
 * ties up capacity that healthy endpoints need, while a fast one's is served
 * sooner than a deferral would bring it back.
 *
 * The gate enforces this process's *share* of each endpoint's limits
 * (`share`, default: all of them; the worker membership in
 * `worker-membership.ts` splits them between live workers). A share can
 * change at any time (`reshare`): a lower one admits nobody until enough
 * in-flight requests finish, a share of 0 turns callers away at once (the
 * delivery is deferred, another worker holds the share).
 * @module
 */

export interface GateLimits {
  maxConcurrency: number
  ratePerSecond?: number | null
  /**
   * `maxConcurrency` is this process's default cap (a bound on its own
   * sockets), not the endpoint's configured value: it is not split between
   * workers. The rate, when set, is always the endpoint's own.
   */
  perProcess?: boolean
}

/** This process's part of an endpoint's limits (0 = none of it now). Called on every acquire: no I/O. */
export type ShareOf = (endpointId: string, limits: GateLimits) => GateLimits

export type Release = () => void

export interface EndpointGate {
  /**
   * Resolves a release function once admitted, or null after `maxWaitMs`, on
   * close, or at once when this process's share of the endpoint is 0.
   */
  acquire(endpointId: string, limits: GateLimits): Promise<Release | null>
  /** Requests currently admitted for the endpoint. */
  inFlight(endpointId: string): number
  /**
   * True while the endpoint is at its concurrency limit and none of its
   * requests has finished for `stallAfterMs`: a hanging receiver. Waiting for
   * it would only hold the delivery; the caller defers it for longer instead.
   */
  stalled(endpointId: string): boolean
  /** Every endpoint that is stalled right now. */
  stalledEndpointIds(): string[]
  /** Shares changed: applies them to every known endpoint, admitting or turning away its waiters. */
  reshare(): void
  /** Whether every endpoint's in-flight count is within this process's current share. */
  withinShares(): boolean
  /** When the last request of a rate-limited endpoint started (-Infinity: never). */
  readonly lastSpacedStartAt: number
  /** Endpoints with state (in flight, waiting or rate-spaced); idle ones are dropped. */
  readonly size: number
  close(): void
}

export interface EndpointGateOptions {
  /** Longest a delivery waits for admission before it is rescheduled, however the endpoint progresses. Default 10 s. */
  maxWaitMs?: number
  /** Callers queued per endpoint beyond which new ones get `null` at once. Default unlimited. */
  maxWaiting?: number
  /**
   * Beyond `maxWaiting`, a caller still queues when the queue ahead of it
   * would drain within this long (waiting × recent request time ÷ limit).
   * Default 5 s, half the default `maxWaitMs`. A busy deferral costs the
   * delivery 1–1.5 s, a write, a retry-lane job and a second claim, work that
   * pushes a saturated endpoint's queue further back. Measured at one endpoint
   * (bench:webhooks, BENCH_ONLY=ours1), with 1 s: 10–40 % of a burst deferred,
   * ~2,000/s; 2 s: request-time spikes still deferred a burst's tail in one
   * run of three (~1,900/s, else ~4,100); 5 s: none in four runs, 4,100–4,600/s.
   * A slow endpoint (1 s a request, 128 in flight: 1,500 queued drain in
   * ~12 s) is still deferred at once.
   */
  overflowDrainMs?: number
  /**
   * A full endpoint with no finished request for this long counts as stalled.
   * Default 500 ms. An endpoint with a known pace is judged sooner: after
   * `stallAfterRequests` × the expected time between two completions (its
   * moving-average request time ÷ its requests in flight), but never under
   * `minStallMs` (defaults 20 and 100 ms). Until then its waiting queue
   * fills, holding in-flight capacity that healthy endpoints need, and every
   * delivery claimed into it costs a deferral (bench:webhooks, 2 of 10
   * endpoints hanging: healthy throughput 0.77–0.79× of all-healthy with only
   * the fixed 500 ms; with 20 × one request time, ~500 ms again under load,
   * where 128 requests in flight each take ~150 ms, half of a hanging
   * endpoint's deliveries were claimed and deferred).
   */
  stallAfterMs?: number
  stallAfterRequests?: number
  minStallMs?: number
  /** This process's part of each endpoint's limits. Default: all of them (limits per process). */
  share?: ShareOf
  now?: () => number
}

interface Waiter {
  resolve: (release: Release | null) => void
  deadline: number
}

interface EndpointState {
  active: number
  waiting: Waiter[]
  /** Earliest start the next admitted request may reserve (rate spacing). */
  nextStartAt: number
  /** When the latest request actually started (rate spacing is checked against it). */
  lastStartAt: number
  /** The endpoint's configured limits, as its latest caller passed them. */
  limits: GateLimits
  /** This process's share of them: concurrency (may be 0) and rate (null: none; 0: no starts). */
  limit: number
  rate: number | null
  /** Last time a request was admitted into a free slot or finished. */
  progressAt: number
  /** Drops a rate-limited endpoint's state once its spacing has elapsed. */
  sweep?: NodeJS.Timeout
  /** Wakes up to release waiters past their deadline or of a stalled endpoint. */
  checker?: NodeJS.Timeout
}

/** Weight of the newest request in an endpoint's moving-average request time. */
const REQUEST_MS_WEIGHT = 0.02

/**
 * The span, at our end, over which a rate's starts are counted: n + 1 starts
 * at n per second are at least this far apart, not just one second. A
 * receiver counts arrivals, which trail our starts by a few uneven ms (both
 * event loops, the network): spaced at exactly 1 s / n, 11 of 10/s landed in
 * one of the receiver's seconds in 3 of 13 runs of the two-process test
 * (integration-tests/http/webhooks/shared-limits.spec.ts). Costs 2.5 % of the rate.
 */
export const RATE_WINDOW_MS = 1_025

const allOfIt: ShareOf = (_id, limits) => limits

export function createEndpointGate({
  maxWaitMs = 10_000,
  maxWaiting = Number.POSITIVE_INFINITY,
  overflowDrainMs = 5_000,
  stallAfterMs = 500,
  stallAfterRequests = 20,
  minStallMs = 100,
  share = allOfIt,
  now = Date.now,
}: EndpointGateOptions = {}): EndpointGate {
  const states = new Map<string, EndpointState>()
  /**
   * Each endpoint's recent time from admission to release (ms, a moving
   * average), kept across idle periods so a new burst starts informed.
   */
  const requestMs = new Map<string, number>()
  const sleepers = new Map<NodeJS.Timeout, () => void>()
  let closed = false
  let lastSpacedStartAt = Number.NEGATIVE_INFINITY

  /** Applies this process's current share of the endpoint's limits to its state. */
  const applyShare = (id: string, state: EndpointState) => {
    const part = share(id, state.limits)
    state.limit = Math.max(0, Math.floor(part.maxConcurrency))
    const rate = part.ratePerSecond
    state.rate = rate === null || rate === undefined ? null : Math.max(0, rate)
  }
  /** Nothing of the endpoint is this process's to send now. */
  const shutOut = (state: EndpointState) => state.limit === 0 || state.rate === 0

  /**
   * How long a full endpoint may finish nothing before it counts as stalled:
   * `stallAfterRequests` × the expected time between two of its completions
   * (its request time ÷ the requests it has in flight), within the bounds. With
   * one request in flight that is 20 request times; with 128 in flight that
   * each took 150 ms (queued behind each other at a busy receiver), a
   * completion is due every ~1.2 ms, and 100 ms without one is already a
   * hanging receiver, not 20 × 150 ms (the 500 ms ceiling, most of a burst).
   */
  const stallMs = (id: string, state: EndpointState) => {
    const ms = requestMs.get(id)
    if (ms === undefined) return stallAfterMs
    const gapMs = ms / Math.max(1, state.active)
    return Math.min(stallAfterMs, Math.max(minStallMs, gapMs * stallAfterRequests))
  }
  // A share of 0 is not a hanging receiver: the endpoint is another worker's to send to.
  const isStalled = (id: string, state: EndpointState) =>
    state.limit > 0 && state.active >= state.limit && now() - state.progressAt >= stallMs(id, state)

  /** Beyond maxWaiting: whether the queue ahead would drain within overflowDrainMs (unknown: no). */
  const drainsSoon = (id: string, state: EndpointState) => {
    const ms = requestMs.get(id)
    return ms !== undefined && (state.waiting.length * ms) / Math.max(1, state.limit) <= overflowDrainMs
  }

  /** One timer per endpoint with waiters: at the first waiter's deadline or when the endpoint would count as stalled. */
  const watchWaiters = (id: string, state: EndpointState) => {
    if (state.checker || state.waiting.length === 0) return
    // Waiters queue in arrival order with the same wait, so the first has the earliest deadline.
    const stallAt = state.active >= state.limit ? state.progressAt + stallMs(id, state) : Number.POSITIVE_INFINITY
    const at = Math.min(state.waiting[0].deadline, stallAt)
    state.checker = setTimeout(
      () => {
        state.checker = undefined
        const stalled = isStalled(id, state)
        const t = now()
        while (state.waiting.length > 0 && (stalled || state.waiting[0].deadline <= t))
          state.waiting.shift()!.resolve(null)
        watchWaiters(id, state)
        dropIfIdle(id, state)
      },
      Math.max(1, at - now())
    )
  }

  const dropIfIdle = (id: string, state: EndpointState) => {
    if (state.active > 0 || state.waiting.length > 0 || state.sweep) return
    if (state.checker) {
      clearTimeout(state.checker)
      state.checker = undefined
    }
    const wait = state.nextStartAt - now()
    if (wait <= 0) {
      states.delete(id)
      return
    }
    // Keep the spacing until it has elapsed, or a quick caller could skip the rate limit.
    state.sweep = setTimeout(() => {
      state.sweep = undefined
      dropIfIdle(id, state)
    }, wait)
    state.sweep.unref()
  }

  /** Hands free slots (within the current share) to waiters, oldest first. */
  const admitWaiters = (id: string, state: EndpointState) => {
    while (state.waiting.length > 0 && state.active < state.limit) {
      const next = state.waiting.shift()!
      state.active++
      state.progressAt = now()
      void admit(id, state, next.deadline).then(next.resolve)
    }
  }

  const makeRelease = (id: string, state: EndpointState): Release => {
    let released = false
    const admittedAt = now()
    return () => {
      if (released) return
      released = true
      state.active--
      state.progressAt = now()
      const took = state.progressAt - admittedAt
      const average = requestMs.get(id)
      requestMs.set(id, average === undefined ? took : average * (1 - REQUEST_MS_WEIGHT) + took * REQUEST_MS_WEIGHT)
      admitWaiters(id, state)
      dropIfIdle(id, state)
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sleepers.delete(timer)
        resolve()
      }, ms)
      sleepers.set(timer, resolve)
    })

  // Called with a concurrency slot already taken; applies the rate spacing.
  const admit = async (id: string, state: EndpointState, deadline: number) => {
    const release = makeRelease(id, state)
    if (state.rate === null) return release
    if (state.rate > 0) {
      // Reserve a start slot, so that callers admitted together sleep once each.
      const at = now()
      const startAt = Math.max(at, state.nextStartAt)
      if (startAt > deadline) {
        release()
        return null
      }
      state.nextStartAt = startAt + RATE_WINDOW_MS / state.rate
      if (startAt > at) await sleep(startAt - at)
    }
    // Checked again at the actual start: timers fire late (two starts could
    // bunch up), and the share may have changed while this one slept.
    for (;;) {
      if (closed || state.rate === 0) {
        release()
        return null
      }
      if (state.rate === null) return release
      const wait = state.lastStartAt + RATE_WINDOW_MS / state.rate - now()
      if (wait <= 0) break
      if (now() + wait > deadline) {
        release()
        return null
      }
      await sleep(wait)
    }
    const startedAt = now()
    state.lastStartAt = startedAt
    state.nextStartAt = Math.max(state.nextStartAt, startedAt + RATE_WINDOW_MS / state.rate)
    lastSpacedStartAt = startedAt
    return release
  }

  return {
    acquire(id, limits) {
      if (closed) return Promise.resolve(null)
      let state = states.get(id)
      if (!state) {
        state = {
          active: 0,
          waiting: [],
          nextStartAt: 0,
          lastStartAt: Number.NEGATIVE_INFINITY,
          limits,
          limit: 0,
          rate: null,
          progressAt: now(),
        }
        states.set(id, state)
      }
      state.limits = limits.maxConcurrency >= 1 ? limits : { ...limits, maxConcurrency: 1 }
      applyShare(id, state)
      if (shutOut(state)) {
        dropIfIdle(id, state)
        return Promise.resolve(null)
      }
      const deadline = now() + maxWaitMs
      if (state.active < state.limit && state.waiting.length === 0) {
        state.active++
        state.progressAt = now()
        return admit(id, state, deadline)
      }
      if (isStalled(id, state) || (state.waiting.length >= maxWaiting && !drainsSoon(id, state)))
        return Promise.resolve(null)
      const s = state
      return new Promise((resolve) => {
        s.waiting.push({ resolve, deadline })
        watchWaiters(id, s)
      })
    },
    inFlight: (id) => states.get(id)?.active ?? 0,
    stalled(id) {
      const state = states.get(id)
      return !!state && isStalled(id, state)
    },
    stalledEndpointIds() {
      const out: string[] = []
      for (const [id, state] of states) if (isStalled(id, state)) out.push(id)
      return out
    },
    reshare() {
      if (closed) return
      for (const [id, state] of states) {
        applyShare(id, state)
        if (shutOut(state)) {
          for (const waiter of state.waiting.splice(0)) waiter.resolve(null)
        } else {
          admitWaiters(id, state)
        }
        // The stall deadline depends on the limit: re-arm the waiters' timer.
        if (state.checker) {
          clearTimeout(state.checker)
          state.checker = undefined
        }
        watchWaiters(id, state)
        dropIfIdle(id, state)
      }
    },
    withinShares() {
      for (const state of states.values()) if (state.active > state.limit) return false
      return true
    },
    get lastSpacedStartAt() {
      return lastSpacedStartAt
    },
    get size() {
      return states.size
    },
    close() {
      closed = true
      for (const state of states.values()) {
        if (state.checker) clearTimeout(state.checker)
        for (const waiter of state.waiting.splice(0)) {
          waiter.resolve(null)
        }
      }
      for (const [timer, wake] of sleepers) {
        clearTimeout(timer)
        wake()
      }
      sleepers.clear()
      for (const state of states.values()) if (state.sweep) clearTimeout(state.sweep)
      states.clear()
      requestMs.clear()
    },
  }
}
