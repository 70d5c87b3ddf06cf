import { errorHandler, getHttpResponseFromError } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { isDatabaseError } from "../../lib/errors/database-error"
import { describeError } from "../../lib/errors/describe-error"
import { withLogContext } from "../../lib/logging/context"
import { ApiError, ApiErrorBody, BAD_ESCAPE, NUL_BYTE, typeForStatus } from "./api-error"
import { backyRoutes, splitPath, underBackyPrefix } from "./route-table"
import { describeIssues } from "./validate-body"

/** Postgres refusing a NUL byte: in text (character_not_in_repertoire) and in jsonb (untranslatable_character). */
const NUL_SQLSTATES = new Set(["22021", "22P05"])

const UNKNOWN = "An unknown error occurred."

type HttpError = Error & { status: number; expose: boolean; type?: string; limit?: number; length?: number }

/**
 * The app's error handler (defineMiddlewares' `errorHandler` replaces
 * Medusa's for every route). Errors of backy's routes are answered in the
 * one documented shape (api-error.ts) and logged through describeError (no
 * SQL, no `[object Object]`); every other path gets Medusa's own handler,
 * unchanged.
 */
export function backyErrorHandler() {
  const medusaErrorHandler = errorHandler()
  return function handleBackyError(err: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    res.removeHeader("X-Powered-By")
    if (!isBackyRequest(req) && !isBackyConflict(err)) return medusaErrorHandler(err, req, res, next)
    if (res.headersSent) return next(err)
    const { status, body } = toApiError(err, req)
    const line = `${req.method} ${req.path} → ${status}: ${describeError(err)}`
    const logger = req.scope?.resolve(ContainerRegistrationKeys.LOGGER) ?? console
    // Named explicitly: Express can reach an error handler outside the request's async scope.
    withLogContext({ request_id: req.requestId, status }, () =>
      status >= 500 ? logger.error(line) : logger.info(line)
    )
    res.status(status).json(body)
  }
}

/**
 * A 409 of backy's own on one of Medusa's routes (a cart locked for approval):
 * Medusa's handler would replace its message with a generic idempotency text,
 * so it is answered in backy's shape, its code and message kept.
 */
function isBackyConflict(err: unknown): boolean {
  const e = (err ?? {}) as Record<string, unknown>
  return e.type === MedusaError.Types.CONFLICT && typeof e.code === "string" && BACKY_CONFLICT_CODES.has(e.code)
}
const BACKY_CONFLICT_CODES = new Set(["cart_pending_approval"])

/** Under a backy prefix, or one of backy's own routes inside Medusa's areas (with a method it exports). */
function isBackyRequest(req: MedusaRequest): boolean {
  if (underBackyPrefix(req.path)) return true
  return backyRoutes().match(req.path)?.methods.includes(req.method.toUpperCase()) ?? false
}

export function toApiError(err: unknown, req: MedusaRequest): { status: number; body: ApiErrorBody } {
  const answer = (status: number, message: string, type = typeForStatus(status), code?: unknown) => ({
    status,
    body: typeof code === "string" && code !== type ? { type, message, code } : { type, message },
  })
  const e = (err ?? {}) as Record<string, unknown>

  if (err instanceof ApiError) return answer(err.status, err.message)
  // Express (400) and Medusa's route finder for /admin and /store (no status) raise it for a malformed %-escape in the path.
  if (e.name === "URIError") return answer(400, `${malformedParam(req)}: ${BAD_ESCAPE}`)
  if (isHttpError(err)) return httpErrorAnswer(err)
  if (Array.isArray(e.issues)) return answer(400, describeIssues(e.issues as never, req.body))
  // The request guard refuses NUL bytes up front; this is for one that still reached Postgres.
  if (isDatabaseError(err) && NUL_SQLSTATES.has(err.code))
    return answer(400, `${req.method === "GET" ? "query" : "body"}: ${NUL_BYTE}`)

  let mapped
  try {
    mapped = getHttpResponseFromError(err)
  } catch {
    return answer(500, UNKNOWN, "unknown_error")
  }
  const { statusCode, body } = mapped
  // Medusa answers a CONFLICT with a generic idempotency text; ours say what conflicts ("erp_id: … already acknowledged as SO-1").
  if (e.type === MedusaError.Types.CONFLICT && typeof e.message === "string")
    return answer(409, e.message, "conflict", e.code)
  // Medusa's `code`: the error's own (ERR_WEBHOOK_SSRF_BLOCKED, net_terms_not_available) or its generic one.
  return answer(statusCode, body.message ?? UNKNOWN, body.type ?? typeForStatus(statusCode), body.code)
}

/** body-parser's errors (http-errors) carry `status` and `expose`. */
function isHttpError(err: unknown): err is HttpError {
  const e = err as Partial<HttpError> | null
  return typeof e === "object" && e !== null && typeof e.status === "number" && typeof e.expose === "boolean"
}

function httpErrorAnswer(err: HttpError): { status: number; body: ApiErrorBody } {
  const status = err.status >= 400 && err.status < 600 ? err.status : 500
  const answer = (message: string) => ({ status, body: { type: typeForStatus(status), message } })
  switch (err.type) {
    case "entity.too.large":
      return answer(`body: must be at most ${kilobytes(err.limit)}; this one is ${kilobytes(err.length)}`)
    case "entity.parse.failed":
      return answer(`body: is not valid JSON (${err.message})`)
    case "charset.unsupported":
    case "encoding.unsupported":
      return answer(`content-type: ${err.message}`)
    case "parameters.too.many":
      return answer("body: has too many form parameters")
  }
  return answer(status < 500 ? `request: ${err.message}` : UNKNOWN)
}

/** The parameter whose segment failed to decode ("path" when no backy route names it). */
function malformedParam(req: MedusaRequest): string {
  const match = backyRoutes().match(req.path)
  const segments = splitPath(req.path)
  for (const [index, name] of match?.paramAt ?? []) {
    try {
      decodeURIComponent(segments[index] ?? "")
    } catch {
      return name
    }
  }
  return "path"
}

function kilobytes(bytes: number | undefined): string {
  return bytes === undefined ? "unknown" : `${Math.ceil(bytes / 1024)} kB`
}
