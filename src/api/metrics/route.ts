import type { MedusaContainer } from "@medusajs/framework/types"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { moneyDriftReportWorkflow } from "../../workflows/invoicing/money-drift-report"
import { STUCK_AFTER_MS } from "../../workflows/invoicing/steps/reconcile-invoices"
import { hubMetrics } from "../../lib/metrics/registry"
import { authorizeScrape, cachedFor, METRICS_CHALLENGE, metricsSettings, scrapeMetrics } from "../../lib/metrics/scrape"

/** The money drift gauge covers the invoices-reconcile job's window: orders placed in the last 7 days… */
const DRIFT_LOOKBACK_MS = 7 * 24 * 3600 * 1000
/** …and recomputes at most once a minute: the report reads every order of the window. */
const DRIFT_CACHE_MS = 60_000

let driftScope: MedusaContainer | undefined

/**
 * Drifting orders (the drift report's drift_only count) among those placed in
 * the window, leaving out the newest ones still being handled (as the job
 * does). A scrape that finds the computation running longer than its timeout
 * reports the source down and keeps the last value; the computation finishes
 * for the next scrape.
 */
const driftCount = cachedFor(DRIFT_CACHE_MS, async () => {
  const now = Date.now()
  const { result } = await moneyDriftReportWorkflow(driftScope!).run({
    input: {
      since: new Date(now - DRIFT_LOOKBACK_MS).toISOString(),
      until: new Date(now - STUCK_AFTER_MS).toISOString(),
      drift_only: true,
      limit: 1,
      offset: 0,
    },
  })
  return result.count
})

/**
 * GET /metrics — the hub's metrics in Prometheus' text format, for a scraper
 * holding METRICS_TOKEN (`Authorization: Bearer <token>`). Without
 * METRICS_TOKEN configured the route does not exist (the 404 of an unknown
 * path); a wrong or missing
 * token is a 401. Gauges that need the database are read now (the modules'
 * sources, each bounded by a timeout); worker processes serve the same on
 * METRICS_PORT.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const authorization = authorizeScrape(req.headers.authorization, metricsSettings()?.token)
  // Answered as any path nobody serves: nothing tells that the route exists.
  if (authorization === "not_configured") return next()
  if (authorization === "unauthorized") {
    res.setHeader("WWW-Authenticate", METRICS_CHALLENGE)
    res.status(401).json({ type: "unauthorized", message: "a valid metrics bearer token is required" })
    return
  }
  driftScope = req.scope
  const { contentType, body } = await scrapeMetrics({
    money_drift: async () => hubMetrics().moneyDrift.set(await driftCount()),
  })
  res.setHeader("Content-Type", contentType)
  res.setHeader("Cache-Control", "no-store")
  res.status(200).send(body)
}
