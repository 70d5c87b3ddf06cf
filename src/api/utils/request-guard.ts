import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ApiError, BAD_ESCAPE, NUL_BYTE } from "./api-error"
import { firstNulField } from "./nul-bytes"
import { backyRoutes, RouteMatch, splitPath, underBackyPrefix } from "./route-table"

/**
 * Runs before every other middleware of the app's routes (a middleware
 * without a method at "/" is registered first) and refuses, on backy's
 * routes, what would otherwise reach a handler or Postgres and end in a 500
 * or in Express's HTML page:
 *
 * - an unknown path under a backy prefix → 404; a method the route does not
 *   export → 405 with `Allow`;
 * - a path parameter that is not valid percent-encoding (Express would
 *   raise a URIError while decoding it; on /admin Medusa's own route finder
 *   meets it first, and the error handler answers the same 400) or that
 *   holds a NUL byte → 400 naming the parameter;
 * - a NUL byte in any query value or body string → 400 naming the field.
 *
 * Every response also loses Express's `X-Powered-By`.
 */
export function requestGuard(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  hidePoweredBy(req, res)
  const path = req.path
  const prefixed = underBackyPrefix(path)
  const match = backyRoutes().match(path)
  if (!match)
    return next(prefixed ? new ApiError(404, `path: ${path.slice(0, 200)} is not a route of this API`) : undefined)
  const method = req.method.toUpperCase()
  if (!allows(match, method)) {
    // Backy's few routes inside Medusa's areas share their paths with Medusa's: other methods are Medusa's to answer.
    if (!prefixed) return next()
    res.set("Allow", allowHeader(match))
    if (method === "OPTIONS") return void res.status(204).end()
    return next(
      new ApiError(405, `method: ${method} is not allowed on ${patternOf(match)}; allowed: ${allowHeader(match)}`)
    )
  }
  const problem = pathProblem(path, match) ?? nulProblem(req)
  // The token endpoints answer every refusal as RFC 6749 §5.2 says, which is what OAuth clients parse.
  if (problem && patternOf(match).endsWith("/oauth/token")) {
    res.setHeader("Cache-Control", "no-store")
    return void res.status(400).json({ error: "invalid_request", error_description: problem })
  }
  next(problem ? new ApiError(400, problem) : undefined)
}

/** Express sets the header in its own init middleware; switching the setting off spares the next responses. */
function hidePoweredBy(req: MedusaRequest, res: MedusaResponse) {
  res.removeHeader("X-Powered-By")
  if (req.app?.enabled("x-powered-by")) req.app.disable("x-powered-by")
}

function allows(match: RouteMatch, method: string): boolean {
  return match.methods.includes(method) || (method === "HEAD" && match.methods.includes("GET"))
}

function allowHeader(match: RouteMatch): string {
  const methods =
    match.methods.includes("GET") && !match.methods.includes("HEAD") ? [...match.methods, "HEAD"] : match.methods
  return methods.join(", ")
}

function patternOf(match: RouteMatch): string {
  return match.routes[0].pattern
}

function pathProblem(path: string, match: RouteMatch): string | undefined {
  const segments = splitPath(path)
  for (const [index, name] of match.paramAt) {
    let value: string
    try {
      value = decodeURIComponent(segments[index])
    } catch {
      return `${name}: ${BAD_ESCAPE}`
    }
    if (value.includes("\u0000")) return `${name}: ${NUL_BYTE}`
  }
  return undefined
}

function nulProblem(req: MedusaRequest): string | undefined {
  const inQuery = firstNulField(req.query, "query")
  if (inQuery) return `${inQuery}: ${NUL_BYTE}`
  const inBody = Buffer.isBuffer(req.body) ? undefined : firstNulField(req.body, "body")
  if (inBody) return `${inBody}: ${NUL_BYTE}`
  return undefined
}
