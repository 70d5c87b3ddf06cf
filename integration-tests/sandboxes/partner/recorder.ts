import type { IncomingHttpHeaders } from "node:http"

export interface PartnerDelivery {
  /** Path without the query string. */
  path: string
  method: string
  /** Lower-case names, as Node parses them; `{}` when recordBodies is false. */
  headers: IncomingHttpHeaders
  /** Raw body as received; "" when recordBodies is false. */
  body: string
  /** ms since epoch. */
  receivedAt: number
  /** Value of the id header (default `webhook-id`), kept even in lean mode. */
  id?: string
  /**
   * How the receiver answered: the status it sent, or "hang"/"reset" when it never
   * acknowledged the request (the sender will retry it). Kept even in lean mode.
   */
  answer?: number | "hang" | "reset"
}

interface Waiter {
  n: number
  path?: string
  resolve: () => void
  reject: (err: Error) => void
}

/** Deliveries plus O(1) counters; waiters are only checked when someone waits. */
export class Recorder {
  private list: PartnerDelivery[] = []
  private total = 0
  private readonly perPath = new Map<string, number>()
  private waiters: Waiter[] = []

  add(delivery: PartnerDelivery): void {
    this.list.push(delivery)
    this.total += 1
    this.perPath.set(delivery.path, (this.perPath.get(delivery.path) ?? 0) + 1)
    if (this.waiters.length > 0) this.wake()
  }

  deliveries(path?: string): PartnerDelivery[] {
    return path === undefined ? this.list.slice() : this.list.filter((d) => d.path === path)
  }

  count(path?: string): number {
    return path === undefined ? this.total : (this.perPath.get(path) ?? 0)
  }

  waitFor(n: number, path: string | undefined, timeoutMs: number): Promise<void> {
    if (this.count(path) >= n) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        n,
        path,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
        reject: (err) => {
          clearTimeout(timer)
          reject(err)
        },
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        const where = path === undefined ? "in total" : `on ${path}`
        reject(
          new Error(
            `partner receiver: expected ${n} deliveries ${where} within ${timeoutMs} ms, got ${this.count(path)}`
          )
        )
      }, timeoutMs)
      this.waiters.push(waiter)
    })
  }

  /** On close: nobody should keep waiting (or keep jest alive) for deliveries that can't come. */
  cancelWaiters(): void {
    const waiting = this.waiters
    this.waiters = []
    for (const w of waiting) w.reject(new Error("partner receiver closed while waiting for deliveries"))
  }

  clear(): void {
    this.list = []
    this.total = 0
    this.perPath.clear()
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.count(w.path) >= w.n)
    if (ready.length === 0) return
    this.waiters = this.waiters.filter((w) => !ready.includes(w))
    for (const w of ready) w.resolve()
  }
}
