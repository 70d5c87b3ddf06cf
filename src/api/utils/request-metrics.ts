import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { hubMetrics } from "../../lib/metrics/registry"
import { backyRoutes } from "./route-table"

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])

/**
 * backy_http_request_duration_seconds{method, route, status_class}: runs
 * first for every request (the root matcher in middlewares.ts) and observes
 * the time to the response's end. `route` is a pattern, never the raw path:
 * the Express route that answered (`/admin/invoices/:id`, Medusa's own
 * routes included), else backy's route the path matches (a request refused
 * by a middleware before its handler), else `unmatched` — so an id or a
 * scanner's random paths never become a label.
 */
export function requestMetrics(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const started = process.hrtime.bigint()
  res.once("finish", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const method = METHODS.has(req.method) ? req.method : "OTHER"
    hubMetrics().httpDuration.observe(
      { method, route: routePattern(req), status_class: `${Math.floor(res.statusCode / 100)}xx` },
      seconds
    )
  })
  next()
}

/** The route pattern of a finished request (see requestMetrics). */
export function routePattern(req: Pick<MedusaRequest, "route" | "baseUrl" | "path">): string {
  const path: unknown = req.route?.path
  if (typeof path === "string") return `${req.baseUrl ?? ""}${path}` || "/"
  return backyRoutes().match(req.path)?.routes[0].pattern ?? "unmatched"
}
