import { createServer } from "node:http"
import { listen, trackSockets } from "../lib/listen"
import type { HandlerContext } from "./context"
import { handleControl } from "./control"
import { FaultPlan } from "./faults"
import { IdempotencyStore } from "./idempotency"
import { markPaid } from "./invoice-lifecycle"
import { findInvoice } from "./invoices"
import { checkEvent } from "./openapi/validate"
import type { CallFilter, ContractViolation, RequestLogEntry, StripeSandbox, StripeSandboxOptions } from "./sandbox"
import { createApiListener } from "./server"
import { newWebhookSecret } from "./signature"
import { snapshot, Store } from "./store"
import { EventBus } from "./webhooks"

export type { CallFilter, ContractViolation, RequestLogEntry, StripeSandbox, StripeSandboxOptions } from "./sandbox"
export type { FailSpec, FaultMode, FaultTiming } from "./faults"
export type { DeliveryResult, DeliveryState, EventRecord } from "./webhooks"
export type * from "./types"
export { API_VERSION } from "./webhooks"

/**
 * A stateful, in-process Stripe (REST v1 invoicing subset) on 127.0.0.1 for
 * tests, the demo and benchmarks. Point the real SDK at it with
 * `new Stripe("sk_test_x", { ...sbx.stripeClientOptions })`.
 *
 * Every request is checked against the contract transcribed from Stripe's
 * OpenAPI document (openapi/contract.ts) before it runs, and refused as
 * Stripe refuses it; every answer and event is checked after, and one that
 * breaks the contract becomes a 500 and a `contractViolations()` entry.
 */
export async function startStripeSandbox(opts: StripeSandboxOptions = {}): Promise<StripeSandbox> {
  // Stripe's time, which advanceClock moves forward (e.g. past a key's 24 h).
  const baseClockMs = opts.now ?? Date.now
  let clockOffsetMs = 0
  const clockMs = () => baseClockMs() + clockOffsetMs
  const store = new Store(clockMs)
  const webhookSecret = opts.webhookSecret ?? newWebhookSecret()
  const violations: ContractViolation[] = []
  const bus = new EventBus({
    webhookUrl: opts.webhookUrl,
    secret: webhookSecret,
    autoDeliver: opts.autoDeliverEvents ?? true,
    retryDelaysMs: opts.webhookRetryDelaysMs ?? [50, 200, 500],
    attemptTimeoutMs: opts.webhookTimeoutMs ?? 2000,
    clockMs,
    // An event that breaks the contract is a sandbox bug: refuse it loudly (the emitting call fails).
    check: (event) => {
      const problems = checkEvent(event, `event ${event.type}`)
      if (!problems.length) return
      violations.push({ at: clockMs(), requestId: event.request.id, source: `event ${event.type}`, problems })
      console.error(`Stripe sandbox contract violation in event ${event.type}: ${problems.join("; ")}`)
      throw new Error(`Stripe sandbox contract violation in event ${event.type}: ${problems.slice(0, 5).join("; ")}`)
    },
  })
  const faults = new FaultPlan()
  const idempotency = new IdempotencyStore(() => store.now())
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
    contractViolations: () => snapshot(violations),
    failNext: (spec) => faults.add(spec),
    advanceClock: (seconds) => {
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new Error("Stripe sandbox: advanceClock takes a non-negative number of seconds")
      clockOffsetMs += seconds * 1000
      return store.now()
    },
    setWebhookUrl: (url) => bus.setWebhookUrl(url),
    payInvoice: (id) => {
      const record = findInvoice(store, id)
      if (record.invoice.status !== "open" && record.invoice.status !== "uncollectible") {
        throw new Error(
          `Stripe sandbox: invoice ${id} is ${record.invoice.status}, only open or uncollectible invoices can be paid`
        )
      }
      return markPaid(systemContext(), record, { outOfBand: false })
    },
    // Made up by a test (any shape, e.g. a partial invoice): not checked against the contract.
    emit: (type, object) =>
      bus.record(type, object, { id: null, idempotency_key: null }, undefined, { unchecked: true }),
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
      violations,
      recordResponses: opts.recordResponses ?? false,
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
    if (
      typeof filter.path === "string"
        ? entry.path !== filter.path
        : !new RegExp(filter.path.source, filter.path.flags.replace(/[gy]/g, "")).test(entry.path)
    )
      return false
  }
  if (filter.idempotencyKey !== undefined && entry.idempotencyKey !== filter.idempotencyKey) return false
  if (filter.executed !== undefined && entry.executed !== filter.executed) return false
  return true
}
