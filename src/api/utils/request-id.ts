import { randomUUID } from "node:crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withLogContext } from "../../lib/logging/context"

export const REQUEST_ID_HEADER = "X-Request-Id"

/**
 * A caller's id is kept when it is a plain token of at most 128 characters,
 * so a proxy's or partner's id correlates across systems while nothing a
 * caller sends can break a log line or a response header.
 */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/

/** The caller's X-Request-Id when acceptable, else a fresh one. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  const id = Array.isArray(incoming) ? incoming[0] : incoming
  return id && ACCEPTED.test(id) ? id : `req_${randomUUID()}`
}

/**
 * Names the request (X-Request-Id, echoed on the response) and runs the rest
 * of its handling in a log context carrying `request_id`: every line logged
 * on its behalf, in a route, workflow or module, says which request it was.
 * `req.requestId` is what Medusa's own access log line reports.
 */
export function requestId(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const id = requestIdOf(req.headers["x-request-id"])
  req.requestId = id
  res.setHeader(REQUEST_ID_HEADER, id)
  withLogContext({ request_id: id }, () => next())
}
