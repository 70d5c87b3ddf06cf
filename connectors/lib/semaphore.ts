/**
 * A FIFO counting semaphore. NetSuite fails the request past the account's concurrency limit
 * instead of queueing it, so each connection caps its own in-flight requests.
 *
 * @module
 */
export class Semaphore {
  private active = 0
  private readonly queue: Array<() => void> = []

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`Semaphore limit must be a positive integer, got ${limit}`)
  }

  get inFlight(): number {
    return this.active
  }

  get waiting(): number {
    return this.queue.length
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.queue.push(resolve))
    } else {
      this.active += 1
    }
    try {
      return await fn()
    } finally {
      const next = this.queue.shift()
      // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
      if (next) next()
      else this.active -= 1
    }
  }
}
