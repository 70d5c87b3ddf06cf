import { request as httpRequest, type ClientRequest } from "node:http"
import { newId } from "./ids"
import { signPayload } from "./signature"
import { snapshot } from "./store"
import type { StripeEvent } from "./types"

/** The API version stripe@23.1.0 pins; events carry it like real ones. */
export const API_VERSION = "2026-10-28.endive"

/**
 * pending: never attempted · delivering: request in flight · retrying: failed, another attempt is due ·
 * delivered: got a 2xx · failed: attempts exhausted · no_endpoint: auto mode without a webhook URL.
 */
export type DeliveryState = "pending" | "delivering" | "retrying" | "delivered" | "failed" | "no_endpoint"

export interface DeliveryAttempt {
  at: number
  url: string
  status?: number
  error?: string
}

export interface EventRecord {
  event: StripeEvent
  delivery: { state: DeliveryState; attempts: DeliveryAttempt[] }
}

export interface DeliveryResult {
  eventId: string
  state: DeliveryState
  attempts: number
  lastStatus?: number
}

export interface EventBusOptions {
  webhookUrl?: string
  secret: string
  autoDeliver: boolean
  /** Waits between attempts; attempts = delays + 1. */
  retryDelaysMs: number[]
  attemptTimeoutMs: number
  clockMs: () => number
  /** Runs on every event the sandbox itself emits, before it is stored or sent; throws to refuse it. */
  check?: (event: StripeEvent) => void
}

/**
 * Records events and POSTs them, signed, to the webhook endpoint. Auto mode
 * sends first attempts in creation order without blocking the API answer;
 * retries run on their own timers (so one failing event doesn't hold others).
 * Manual mode keeps events pending until `deliver(ids)` — in any order.
 */
export class EventBus {
  private readonly records: EventRecord[] = []
  private readonly byId = new Map<string, EventRecord>()
  private queue: Promise<void> = Promise.resolve()
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly requests = new Set<ClientRequest>()
  private closed = false

  constructor(private readonly opts: EventBusOptions) {}

  get webhookUrl(): string | undefined {
    return this.opts.webhookUrl
  }

  setWebhookUrl(url: string | undefined): void {
    this.opts.webhookUrl = url
  }

  setAutoDeliver(auto: boolean): void {
    this.opts.autoDeliver = auto
  }

  all(): EventRecord[] {
    return this.records
  }

  get(id: string): EventRecord | undefined {
    return this.byId.get(id)
  }

  pending(): StripeEvent[] {
    return this.records.filter((r) => r.delivery.state === "pending").map((r) => r.event)
  }

  /** `unchecked`: an event a test made up (sandbox.emit), not one the sandbox produced. */
  record(
    type: string,
    object: object,
    request: StripeEvent["request"],
    previousAttributes?: Record<string, unknown>,
    opts: { unchecked?: boolean } = {}
  ): StripeEvent {
    const data: StripeEvent["data"] = { object: snapshot(object) }
    if (previousAttributes && Object.keys(previousAttributes).length)
      data.previous_attributes = snapshot(previousAttributes)
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: Math.floor(this.opts.clockMs() / 1000),
      data,
      livemode: false,
      pending_webhooks: this.opts.webhookUrl ? 1 : 0,
      request,
      type,
    }
    if (!opts.unchecked) this.opts.check?.(event)
    const rec: EventRecord = { event, delivery: { state: "pending", attempts: [] } }
    this.records.push(rec)
    this.byId.set(event.id, rec)
    if (this.opts.autoDeliver) {
      if (!this.opts.webhookUrl) rec.delivery.state = "no_endpoint"
      // setImmediate: let the API answer leave first, as it does on Stripe.
      else
        this.track((this.queue = this.queue.then(() => new Promise(setImmediate)).then(() => this.firstAttempt(rec))))
    }
    return event
  }

  /** Delivers the given events one after another, in the order given, each with its retries. */
  async deliver(ids: string[]): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = []
    for (const id of ids) results.push(await this.track(this.deliverWithRetries(this.mustGet(id))))
    return results
  }

  /** Same event (same id) once more, e.g. to test duplicate handling. */
  async resend(id: string): Promise<DeliveryResult> {
    return this.track(this.deliverWithRetries(this.mustGet(id)))
  }

  /** Manual mode: sends everything pending. Both modes: waits until no delivery or retry is in progress. */
  async flush(): Promise<void> {
    if (!this.opts.autoDeliver && this.opts.webhookUrl) await this.deliver(this.pending().map((e) => e.id))
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.allSettled([...this.inFlight])
      if (this.timers.size > 0 && this.inFlight.size === 0) await new Promise((r) => setTimeout(r, 5))
    }
  }

  close(): void {
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    for (const req of this.requests) req.destroy()
    this.requests.clear()
  }

  private mustGet(id: string): EventRecord {
    const rec = this.byId.get(id)
    if (!rec) throw new Error(`Stripe sandbox: no such event ${id}`)
    return rec
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p)
    const done = () => this.inFlight.delete(p)
    p.then(done, done)
    return p
  }

  private async firstAttempt(rec: EventRecord): Promise<void> {
    if (await this.attempt(rec)) return
    this.scheduleRetry(rec, 0)
  }

  private scheduleRetry(rec: EventRecord, retryIndex: number): void {
    const delay = this.opts.retryDelaysMs[retryIndex]
    if (delay === undefined || this.closed) {
      rec.delivery.state = "failed"
      return
    }
    rec.delivery.state = "retrying"
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.track(this.attempt(rec).then((ok) => (ok ? undefined : this.scheduleRetry(rec, retryIndex + 1))))
    }, delay)
    this.timers.add(timer)
  }

  private async deliverWithRetries(rec: EventRecord): Promise<DeliveryResult> {
    if (!this.opts.webhookUrl) throw new Error("Stripe sandbox: no webhook URL set (setWebhookUrl)")
    let ok = await this.attempt(rec)
    for (const delay of this.opts.retryDelaysMs) {
      if (ok || this.closed) break
      await new Promise((r) => setTimeout(r, delay))
      ok = await this.attempt(rec)
    }
    if (!ok) rec.delivery.state = "failed"
    const last = rec.delivery.attempts[rec.delivery.attempts.length - 1]
    return {
      eventId: rec.event.id,
      state: rec.delivery.state,
      attempts: rec.delivery.attempts.length,
      lastStatus: last?.status,
    }
  }

  /** One signed POST; true on 2xx. */
  private attempt(rec: EventRecord): Promise<boolean> {
    const url = this.opts.webhookUrl
    if (!url || this.closed) return Promise.resolve(false)
    rec.delivery.state = "delivering"
    const body = JSON.stringify(rec.event, null, 2)
    const signature = signPayload(body, this.opts.secret, Math.floor(this.opts.clockMs() / 1000))
    const attempt: DeliveryAttempt = { at: this.opts.clockMs(), url }
    rec.delivery.attempts.push(attempt)
    return new Promise<boolean>((resolve) => {
      let settled = false
      const finish = (ok: boolean) => {
        if (settled) return
        settled = true
        this.requests.delete(req)
        if (ok) rec.delivery.state = "delivered"
        else if (rec.delivery.state === "delivering") rec.delivery.state = "retrying"
        resolve(ok)
      }
      // agent:false → one connection per attempt, nothing left open when the sandbox closes.
      const req = httpRequest(url, {
        method: "POST",
        agent: false,
        timeout: this.opts.attemptTimeoutMs,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(body),
          "stripe-signature": signature,
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
      })
      this.requests.add(req)
      req.on("response", (res) => {
        attempt.status = res.statusCode
        res.resume()
        res.on("end", () => finish((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300))
        res.on("error", () => finish(false))
      })
      req.on("timeout", () => req.destroy(new Error(`timed out after ${this.opts.attemptTimeoutMs} ms`)))
      req.on("error", (err) => {
        attempt.error = err.message
        finish(false)
      })
      req.end(body)
    })
  }
}
