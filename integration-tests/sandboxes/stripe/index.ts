import { createServer } from "node:http"
import { listen, trackSockets } from "../lib/listen"
import type { HandlerContext } from "./context"
import { handleControl } from "./control"
import { FaultPlan } from "./faults"
import { IdempotencyStore } from "./idempotency"
import { markPaid } from "./invoice-lifecycle"
import { findInvoice } from "./invoices"
import type { CallFilter, RequestLogEntry, StripeSandbox, StripeSandboxOptions } from "./sandbox"
import { createApiListener } from "./server"
import { newWebhookSecret } from "./signature"
import { snapshot, Store } from "./store"
import { EventBus } from "./webhooks"

export type { CallFilter, RequestLogEntry, StripeSandbox, StripeSandboxOptions } from "./sandbox"
export type { FailSpec, FaultMode } from "./faults"
export type { DeliveryResult, DeliveryState, EventRecord } from "./webhooks"
export type * from "./types"
export { API_VERSION } from "./webhooks"

/**
 * A stateful, in-process Stripe (REST v1 invoicing subset) on 127.0.0.1 for
 * tests, the demo and benchmarks. Point the real SDK at it with
 * `new Stripe("sk_test_x", { ...sbx.stripeClientOptions })`.
 */
export async function startStripeSandbox(opts: StripeSandboxOptions = {}): Promise<StripeSandbox> {
  const clockMs = opts.now ?? Date.now
  const store = new Store(clockMs)
  const webhookSecret = opts.webhookSecret ?? newWebhookSecret()
  const bus = new EventBus({
    webhookUrl: opts.webhookUrl,
    secret: webhookSecret,
    autoDeliver: opts.autoDeliverEvents ?? true,
    retryDelaysMs: opts.webhookRetryDelaysMs ?? [50, 200, 500],
    attemptTimeoutMs: opts.webhookTimeoutMs ?? 2000,
    clockMs,
  })
  const faults = new FaultPlan()
  const idempotency = new IdempotencyStore()
  const log: RequestLogEntry[] = []
  const server = createServer()
  // Stripe's SDK keeps connections alive; don't let Node's 5 s default race it.
  server.keepAliveTimeout = 60_000
  const closeServer = trackSockets(server)
  let baseUrl = ""

  /** Context for changes made outside an API request (hosted-page payment, manual emits). */
  const systemContext = (): HandlerContext => ({
    store,
    baseUrl,
    events: () => bus.all().map((r) => r.event),
    emit: (type, object, previous) => void bus.record(type, object, { id: null, idempotency_key: null }, previous),
  })

  const sandbox: StripeSandbox = {
    url: "",
    port: 0,
    stripeClientOptions: { host: "127.0.0.1", port: 0, protocol: "http" },
    webhookSecret,
    customers: () => snapshot([...store.customers.values()]),
    invoices: () => snapshot([...store.invoices.values()].map((r) => store.renderInvoice(r))),
    creditNotes: () => snapshot([...store.creditNotes.values()]),
    events: () => snapshot(bus.all()),
    requests: () => snapshot(log),
    callCount: (filter?: CallFilter) => log.filter((entry) => matches(entry, filter)).length,
    failNext: (spec) => faults.add(spec),
    setWebhookUrl: (url) => bus.setWebhookUrl(url),
    payInvoice: (id) => {
      const record = findInvoice(store, id)
      if (record.invoice.status !== "open" && record.invoice.status !== "uncollectible") {
        throw new Error(`Stripe sandbox: invoice ${id} is ${record.invoice.status}, only open or uncollectible invoices can be paid`)
      }
      return markPaid(systemContext(), record, { outOfBand: false })
    },
    emit: (type, object) => bus.record(type, object, { id: null, idempotency_key: null }),
    resendEvent: (id) => bus.resend(id),
    deliverEventsManually: () => bus.setAutoDeliver(false),
    pendingEvents: () => snapshot(bus.pending()),
    deliver: (ids) => bus.deliver(ids),
    flushEvents: () => bus.flush(),
    close: async () => {
      bus.close()
      await closeServer()
    },
  }

  server.on(
    "request",
    createApiListener({
      store,
      bus,
      faults,
      idempotency,
      log,
      apiKeyPrefix: opts.apiKey ?? "sk_test_",
      baseUrl: () => baseUrl,
      control: (req, res, url, body) => handleControl(sandbox, req, res, url, body),
    })
  )
  const port = await listen(server, opts.port)
  baseUrl = `http://127.0.0.1:${port}`
  sandbox.url = baseUrl
  sandbox.port = port
  sandbox.stripeClientOptions = { host: "127.0.0.1", port, protocol: "http" }
  return sandbox
}

function matches(entry: RequestLogEntry, filter: CallFilter | undefined): boolean {
  if (!filter) return true
  if (filter.method && entry.method !== filter.method.toUpperCase()) return false
  if (filter.path !== undefined) {
    if (typeof filter.path === "string" ? entry.path !== filter.path : !new RegExp(filter.path.source, filter.path.flags.replace(/[gy]/g, "")).test(entry.path)) return false
  }
  if (filter.idempotencyKey !== undefined && entry.idempotencyKey !== filter.idempotencyKey) return false
  if (filter.executed !== undefined && entry.executed !== filter.executed) return false
  return true
}
