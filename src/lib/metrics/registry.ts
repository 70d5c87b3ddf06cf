import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client"

/**
 * The hub's Prometheus metrics: one registry per process, served by
 * GET /metrics (src/api/metrics) and, in worker processes, by their own
 * listener (./server.ts). Leaf utility: modules and routes import it; it
 * imports no module. Gauges that need the database are filled at scrape time
 * by sources the modules register (./scrape.ts).
 *
 * Labels stay low-cardinality: fixed vocabularies (targets, outcomes, states,
 * statuses, route patterns), never order ids, endpoint ids or URLs.
 */

/** What a delivery was sent to: the `delivery.target_type` of the outbox, spelt short. */
export type DeliveryTarget = "webhook" | "erp"

/** `token-endpoint refusals` label: which API's token endpoint refused. */
export type TokenEndpoint = "erp" | "partners"

export type HubMetrics = ReturnType<typeof createHubMetrics>

function createHubMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: "backy_" })

  // The delivery hot path adds to plain numbers; the counter takes them at scrape time.
  const deliveryTallies = new Map<DeliveryTarget, Map<string, Tally>>()
  new Counter({
    name: "backy_delivery_results_total",
    help: "Delivery results recorded by this process's workers, by target (webhook, erp) and outcome (an attempt's outcome: success, server_error, timeout...; deferred: rescheduled without an attempt; canceled)",
    labelNames: ["target", "outcome"] as const,
    registers: [registry],
    collect() {
      for (const [target, tallies] of deliveryTallies) {
        for (const [outcome, tally] of tallies) {
          if (tally.value === tally.reported) continue
          this.inc({ target, outcome }, tally.value - tally.reported)
          tally.reported = tally.value
        }
      }
    },
  })

  return {
    registry,
    deliveryTallies,
    tokenRefusals: new Counter({
      name: "backy_oauth_token_refusals_total",
      help: "Refused requests at the OAuth token endpoints, by endpoint (erp, partners) and reason (the OAuth error code: invalid_client, rate_limited, invalid_request, invalid_scope, unsupported_grant_type)",
      labelNames: ["endpoint", "reason"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "backy_http_request_duration_seconds",
      help: "HTTP request latency, by method, route pattern (unmatched: no route) and status class",
      labelNames: ["method", "route", "status_class"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: "backy_delivery_queue_depth",
      help: "Pending deliveries that are due now, by target and lane (webhook first: never attempted, webhook retry: attempted before; erp sync)",
      labelNames: ["target", "lane"] as const,
      registers: [registry],
    }),
    oldestDueAge: new Gauge({
      name: "backy_delivery_oldest_due_age_seconds",
      help: "How long the oldest due delivery has been due, by target and lane (0 when none is due)",
      labelNames: ["target", "lane"] as const,
      registers: [registry],
    }),
    erpSyncLag: new Gauge({
      name: "backy_erp_sync_lag_seconds",
      help: "Age of the oldest pending ERP sync, since its event was recorded (0 when none is pending)",
      registers: [registry],
    }),
    breakers: new Gauge({
      name: "backy_breakers",
      help: "Circuit breakers held by this process, by target (webhook endpoints, erp connections) and state (closed, open, half-open)",
      labelNames: ["target", "state"] as const,
      registers: [registry],
    }),
    invoices: new Gauge({
      name: "backy_invoices",
      help: "Invoice records by status (pending, draft, open, paid, uncollectible, void)",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
    moneyDrift: new Gauge({
      name: "backy_money_drift_orders",
      help: "Orders with money drift (the drift report's drift_only count) among those placed in the last 7 days, computed at most once a minute",
      registers: [registry],
    }),
    sourceUp: new Gauge({
      name: "backy_metrics_source_up",
      help: "1 when the scrape-time source answered in time at the last scrape, 0 when it failed or timed out (its gauges then keep their previous values)",
      labelNames: ["source"] as const,
      registers: [registry],
    }),
  }
}

/**
 * The process's metrics. Kept on globalThis: the app's code can be loaded
 * more than once in a process (Medusa's loaders, test runners), and a second
 * registry would split the counters.
 */
const KEY = Symbol.for("backy.metrics")

export function hubMetrics(): HubMetrics {
  const global = globalThis as { [KEY]?: HubMetrics }
  global[KEY] ??= createHubMetrics()
  return global[KEY]
}

/** One (target, outcome)'s count: `value` counted, `reported` handed to the counter so far. */
type Tally = { value: number; reported: number }

/**
 * Counts delivery results of one target (backy_delivery_results_total): the
 * hot path pays a map lookup and an addition, not prom-client's label hash
 * (about 200 ns); the counter takes the tallies at each scrape.
 */
export function deliveryResultCounter(target: DeliveryTarget): (outcome: string) => void {
  return (outcome) => {
    const { deliveryTallies } = hubMetrics()
    let tallies = deliveryTallies.get(target)
    if (!tallies) deliveryTallies.set(target, (tallies = new Map()))
    let tally = tallies.get(outcome)
    if (!tally) tallies.set(outcome, (tally = { value: 0, reported: 0 }))
    tally.value += 1
  }
}
