/**
 * The sandbox's HTTP entry point:
 *
 *   /_sandbox/…  → control (no auth, no faults, no latency)
 *   /netsuite/…, /bc/…, /generic/…  → down? → NetSuite concurrency limit → latency → throttle/fail
 *                                     (API calls only, not token requests; those the fault is aimed
 *                                     at, see RequestTarget) → vendor handler
 *
 * Nothing per request is heavier than a JSON parse and a few map lookups, so a benchmark can
 * push hundreds of orders a second through it with latency switched on.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { THROTTLE_CODE, UNAVAILABLE_CODE, vendorError } from "./errors"
import { parseBody, readBody, reply, SandboxError, send, type Reply, type SandboxRequest } from "./http"
import type { SandboxKind } from "./store"

export type DownMode = "refuse" | "reset" | "503"

/**
 * The API requests a throttle or failure is aimed at: every one unless narrowed. A test whose app
 * has other callers of the ERP (a scheduled poll) aims at the request it means, or the other
 * caller may take the fault.
 */
export interface RequestTarget {
  /** HTTP method, any case, e.g. "PUT". */
  method?: string
  /** Part of the path below the vendor prefix, e.g. "/salesOrder/eid:". */
  pathIncludes?: string
}

export interface FaultState {
  down?: DownMode
  latencyMs: number
  throttle: RequestTarget & { remaining: number; retryAfterSeconds: number; httpDate: boolean }
  fail: RequestTarget & { remaining: number; status: number; body?: unknown; skip: number }
  /** NetSuite account concurrency limit; past it requests get 429 CONCURRENCY_LIMIT_EXCEEDED. */
  netsuiteConcurrencyLimit?: number
}

export interface SandboxStats {
  requests: Record<SandboxKind, number>
  tokensIssued: number
  throttled: number
  failed: number
  reset: number
  unavailable: number
  concurrencyRejected: number
  netsuitePeakInFlight: number
}

export const newStats = (): SandboxStats => ({
  requests: { netsuite: 0, "business-central": 0, generic: 0 },
  tokensIssued: 0,
  throttled: 0,
  failed: 0,
  reset: 0,
  unavailable: 0,
  concurrencyRejected: 0,
  netsuitePeakInFlight: 0,
})

const PREFIXES: Array<[string, SandboxKind]> = [
  ["/netsuite", "netsuite"],
  ["/bc", "business-central"],
  ["/generic", "generic"],
]

export interface ListenerDeps {
  faults: FaultState
  stats: SandboxStats
  handlers: Record<SandboxKind, (req: SandboxRequest) => Reply>
  isTokenRequest(kind: SandboxKind, path: string): boolean
  control(req: SandboxRequest): Reply | Promise<Reply>
}

export function createListener(deps: ListenerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  let netsuiteInFlight = 0
  return (req, res) => {
    readBody(req).then(
      async (raw) => {
        const url = new URL(req.url ?? "/", "http://sandbox")
        const base: Omit<SandboxRequest, "path"> = {
          method: (req.method ?? "GET").toUpperCase(),
          query: url.searchParams,
          headers: req.headers,
          body: parseBody(raw, req.headers["content-type"]),
          rawBody: raw,
          origin: `http://${req.headers.host ?? "127.0.0.1"}`,
        }
        if (url.pathname.startsWith("/_sandbox/")) {
          return send(
            res,
            await safely(() => deps.control({ ...base, path: url.pathname.slice("/_sandbox".length) }), "generic")
          )
        }
        const match = PREFIXES.find(([prefix]) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))
        if (!match) return send(res, reply(404, { error: { code: "not_found", message: `No ERP at ${url.pathname}` } }))
        const [prefix, kind] = match
        const sreq: SandboxRequest = { ...base, path: url.pathname.slice(prefix.length) || "/" }
        deps.stats.requests[kind] += 1

        const f = deps.faults
        if (f.down === "reset" || f.down === "refuse") {
          deps.stats.reset += 1
          return req.socket.destroy()
        }
        if (f.down === "503") {
          deps.stats.unavailable += 1
          return send(
            res,
            vendorError(
              kind,
              503,
              UNAVAILABLE_CODE[kind],
              "The service is temporarily unavailable. Please try again later.",
              { "Retry-After": "1" }
            )
          )
        }

        const counted = kind === "netsuite"
        if (counted) {
          netsuiteInFlight += 1
          deps.stats.netsuitePeakInFlight = Math.max(deps.stats.netsuitePeakInFlight, netsuiteInFlight)
          res.once("close", () => (netsuiteInFlight -= 1))
          if (f.netsuiteConcurrencyLimit !== undefined && netsuiteInFlight > f.netsuiteConcurrencyLimit) {
            deps.stats.concurrencyRejected += 1
            return send(
              res,
              vendorError(
                kind,
                429,
                "CONCURRENCY_LIMIT_EXCEEDED",
                "Concurrent request limit exceeded. Request blocked."
              )
            )
          }
        }
        if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs))

        if (!deps.isTokenRequest(kind, sreq.path)) {
          if (f.throttle.remaining > 0 && isTargeted(f.throttle, sreq)) {
            f.throttle.remaining -= 1
            deps.stats.throttled += 1
            const retryAfter = f.throttle.httpDate
              ? new Date(Date.now() + f.throttle.retryAfterSeconds * 1000).toUTCString()
              : String(f.throttle.retryAfterSeconds)
            return send(
              res,
              vendorError(
                kind,
                429,
                THROTTLE_CODE[kind],
                "Too many requests. Retry after the period in the Retry-After header.",
                { "Retry-After": retryAfter }
              )
            )
          }
          if (f.fail.remaining > 0 && isTargeted(f.fail, sreq) && f.fail.skip-- <= 0) {
            f.fail.remaining -= 1
            deps.stats.failed += 1
            return send(
              res,
              f.fail.body !== undefined
                ? reply(f.fail.status, f.fail.body)
                : vendorError(kind, f.fail.status, "SANDBOX_FAILURE", "Injected failure")
            )
          }
        }
        send(res, await safely(() => deps.handlers[kind](sreq), kind))
      },
      () => req.destroy()
    )
  }
}

function isTargeted(target: RequestTarget, req: SandboxRequest): boolean {
  return (
    (!target.method || target.method.toUpperCase() === req.method) &&
    (!target.pathIncludes || req.path.includes(target.pathIncludes))
  )
}

async function safely(fn: () => Reply | Promise<Reply>, kind: SandboxKind): Promise<Reply> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof SandboxError) return e.reply
    return vendorError(kind, 500, "UNEXPECTED_ERROR", `Sandbox error: ${e instanceof Error ? e.message : String(e)}`)
  }
}
