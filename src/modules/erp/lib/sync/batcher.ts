/**
 * Collects items from many concurrent producers and writes them in few calls:
 * a flush happens `flushIntervalMs` after the first pending item or as soon
 * as `maxBatch` are pending. `add` resolves once its item is written (or
 * rejects with the write's error), so callers keep their ordering guarantees.
 */
export type Batcher<T, R> = {
  add(item: T): Promise<R>
  drain(): Promise<void>
}

export function createBatcher<T, R>(
  write: (items: T[]) => Promise<R[]>,
  options: { maxBatch: number; flushIntervalMs: number }
): Batcher<T, R> {
  type Pending = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }
  let pending: Pending[] = []
  let timer: NodeJS.Timeout | undefined
  const inFlight = new Set<Promise<void>>()

  const flush = (): void => {
    clearTimeout(timer)
    timer = undefined
    const batch = pending
    pending = []
    if (!batch.length) return
    const run = write(batch.map((p) => p.item)).then(
      (results) => batch.forEach((p, i) => p.resolve(results[i]!)),
      (e) => batch.forEach((p) => p.reject(e))
    )
    inFlight.add(run)
    void run.finally(() => inFlight.delete(run))
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject })
        if (pending.length >= options.maxBatch) flush()
        else timer ??= setTimeout(flush, options.flushIntervalMs)
      })
    },
    async drain() {
      flush()
      await Promise.allSettled([...inFlight])
    },
  }
}
