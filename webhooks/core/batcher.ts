/**
 * Collects items from many concurrent callers and writes them in few calls:
 * a flush happens `flushIntervalMs` after the first pending item or as soon
 * as `maxBatch` are pending. `add` resolves with its own item's result once
 * the batch is written (or rejects with the write's error), so each caller
 * keeps its ordering guarantees (e.g. persist first, then enqueue).
 *
 * The durability core batches claims and results with it: each store write
 * has a fixed cost (a round trip, a commit) that a larger batch shares.
 * @module
 */

export interface BatcherOptions {
  /** Pending items that trigger an immediate flush. */
  maxBatch: number
  /** Longest a pending item waits for more to join it. */
  flushIntervalMs: number
}

export interface Batcher<T, R> {
  /** Resolves with `item`'s result once its batch is written. */
  add(item: T): Promise<R>
  /** Flushes whatever is pending and waits for every write in flight. */
  drain(): Promise<void>
}

/** `write` gets the items in arrival order and returns one result per item, in the same order. */
export function createBatcher<T, R>(
  write: (items: T[]) => Promise<readonly R[]>,
  { maxBatch, flushIntervalMs }: BatcherOptions
): Batcher<T, R> {
  type Pending = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }
  let pending: Pending[] = []
  let timer: NodeJS.Timeout | undefined
  const inFlight = new Set<Promise<void>>()

  const flush = (): void => {
    clearTimeout(timer)
    timer = undefined
    const batch = pending
    pending = []
    if (batch.length === 0) return
    const run = write(batch.map((p) => p.item)).then(
      (results) => batch.forEach((p, i) => p.resolve(results[i]!)),
      (error) => batch.forEach((p) => p.reject(error))
    )
    inFlight.add(run)
    void run.finally(() => inFlight.delete(run))
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject })
        if (pending.length >= maxBatch) flush()
        else timer ??= setTimeout(flush, flushIntervalMs)
      })
    },
    async drain() {
      flush()
      await Promise.allSettled([...inFlight])
    },
  }
}
