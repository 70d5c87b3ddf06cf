/**
 * Per-endpoint admission inside one worker process: at most `maxConcurrency`
 * requests in flight and, optionally, at most `ratePerSecond` starts per
 * second (evenly spaced). Callers queue while the endpoint keeps finishing
 * requests (a busy but healthy endpoint drains its backlog without churn);
 * they get `null` — and reschedule the delivery instead of holding it — when
 * the endpoint stalls (full, nothing finished for `stallAfterMs`: a hanging
 * receiver), when `maxWaitMs` passes, or at once when `maxWaiting` callers
 * already queue for it and the queue would not drain within `overflowDrainMs`
 * at the endpoint's recent request time, so a slow endpoint's backlog never
 * ties up capacity that healthy endpoints need, while a fast one's is served
 * sooner than a deferral would bring it back.
 * Limits are per process: N workers allow N × the configured values.
 * @module
 */

export interface GateLimits {
  maxConcurrency: number
  ratePerSecond?: number | null
}

export type Release = () => void

export interface EndpointGate {
  /** Resolves a release function once admitted, or null after `maxWaitMs` (or on close). */
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
   * Default 500 ms. An endpoint whose recent requests took a few ms is judged
   * sooner: after `stallAfterRequests` × its moving-average request time, but
   * never under `minStallMs` (defaults 20 and 100 ms). Until then its waiting
   * queue fills, holding in-flight capacity that healthy endpoints need
   * (bench:webhooks, 2 of 10 endpoints hanging: healthy throughput 0.77–0.79×
   * of all-healthy with only the fixed 500 ms).
   */
  stallAfterMs?: number
  stallAfterRequests?: number
  minStallMs?: number
  now?: () => number
}

interface Waiter {
  resolve: (release: Release | null) => void
  deadline: number
  limits: GateLimits
}

interface EndpointState {
  active: number
  waiting: Waiter[]
  nextStartAt: number
  /** The concurrency limit of the latest caller (endpoints carry their own). */
  limit: number
  /** Last time a request was admitted into a free slot or finished. */
  progressAt: number
  /** Drops a rate-limited endpoint's state once its spacing has elapsed. */
  sweep?: NodeJS.Timeout
  /** Wakes up to release waiters past their deadline or of a stalled endpoint. */
  checker?: NodeJS.Timeout
}

/** Weight of the newest request in an endpoint's moving-average request time. */
const REQUEST_MS_WEIGHT = 0.02

export function createEndpointGate({
  maxWaitMs = 10_000,
  maxWaiting = Number.POSITIVE_INFINITY,
  overflowDrainMs = 5_000,
  stallAfterMs = 500,
  stallAfterRequests = 20,
  minStallMs = 100,
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

  /** How long a full endpoint may finish nothing before it counts as stalled. */
  const stallMs = (id: string) => {
    const ms = requestMs.get(id)
    return ms === undefined ? stallAfterMs : Math.min(stallAfterMs, Math.max(minStallMs, ms * stallAfterRequests))
  }
  const isStalled = (id: string, state: EndpointState) =>
    state.active >= state.limit && now() - state.progressAt >= stallMs(id)

  /** Beyond maxWaiting: whether the queue ahead would drain within overflowDrainMs (unknown: no). */
  const drainsSoon = (id: string, state: EndpointState) => {
    const ms = requestMs.get(id)
    return ms !== undefined && (state.waiting.length * ms) / state.limit <= overflowDrainMs
  }

  /** One timer per endpoint with waiters: at the first waiter's deadline or when the endpoint would count as stalled. */
  const watchWaiters = (id: string, state: EndpointState) => {
    if (state.checker || state.waiting.length === 0) return
    // Waiters queue in arrival order with the same wait, so the first has the earliest deadline.
    const stallAt = state.active >= state.limit ? state.progressAt + stallMs(id) : Number.POSITIVE_INFINITY
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
      const next = state.waiting.shift()
      if (next) {
        state.active++
        void admit(id, state, next.limits, next.deadline).then(next.resolve)
      } else {
        dropIfIdle(id, state)
      }
    }
  }

  // Called with a concurrency slot already taken; applies the rate spacing.
  const admit = async (id: string, state: EndpointState, limits: GateLimits, deadline: number) => {
    const release = makeRelease(id, state)
    const rate = limits.ratePerSecond
    if (!rate || rate <= 0) return release
    const at = now()
    const startAt = Math.max(at, state.nextStartAt)
    if (startAt > deadline) {
      release()
      return null
    }
    state.nextStartAt = startAt + 1000 / rate
    if (startAt > at) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          sleepers.delete(timer)
          resolve()
        }, startAt - at)
        sleepers.set(timer, resolve)
      })
    }
    if (closed) {
      release()
      return null
    }
    return release
  }

  return {
    acquire(id, limits) {
      if (closed) return Promise.resolve(null)
      let state = states.get(id)
      if (!state) {
        state = { active: 0, waiting: [], nextStartAt: 0, limit: limits.maxConcurrency, progressAt: now() }
        states.set(id, state)
      }
      state.limit = Math.max(1, limits.maxConcurrency)
      const deadline = now() + maxWaitMs
      if (state.active < state.limit && state.waiting.length === 0) {
        state.active++
        state.progressAt = now()
        return admit(id, state, limits, deadline)
      }
      if (isStalled(id, state) || (state.waiting.length >= maxWaiting && !drainsSoon(id, state)))
        return Promise.resolve(null)
      const s = state
      return new Promise((resolve) => {
        s.waiting.push({ resolve, deadline, limits })
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
