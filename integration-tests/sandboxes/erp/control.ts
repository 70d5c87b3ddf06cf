/**
 * The sandbox's control surface over HTTP, under `/_sandbox/…` (no auth, no faults, no latency),
 * for the demo and for tools outside this process:
 *
 *   GET  /_sandbox/state[?kind=]            orders, customers, fulfillment requests, shipments, stats
 *   GET  /_sandbox/orders/<id>[?kind=]      that order's records + upsertCount / createCount
 *   POST /_sandbox/down    {mode?, forMs?}  mode "reset" (default), "503", or "refuse" (needs forMs:
 *                                           a refusing sandbox cannot hear "/up")
 *   POST /_sandbox/up
 *   POST /_sandbox/latency {ms}
 *   POST /_sandbox/throttle {n, retryAfterSeconds, httpDate?, method?, pathIncludes?}
 *   POST /_sandbox/fail    {n, status, body?, method?, pathIncludes?, skip?}
 *   POST /_sandbox/shipments {orderId, trackingNumber, carrier?, kind?}
 *   POST /_sandbox/revoke-tokens
 *   POST /_sandbox/reset
 */
import { reply, type Reply, type SandboxRequest } from "./http"
import type { DownMode } from "./server"
import type { ErpSandbox, RequestTarget } from "./index"
import type { SandboxKind } from "./store"

const KINDS = new Set<SandboxKind>(["netsuite", "business-central", "generic"])

export function createControl(sandbox: () => ErpSandbox): (req: SandboxRequest) => Promise<Reply> {
  return async (req) => {
    const s = sandbox()
    const body = (req.body ?? {}) as Record<string, unknown>
    const kindParam = req.query.get("kind") ?? undefined
    if (kindParam && !KINDS.has(kindParam as SandboxKind)) return reply(400, { error: `unknown kind ${kindParam}` })
    const kind = kindParam as SandboxKind | undefined
    const num = (v: unknown, fallback: number): number => (v === undefined ? fallback : Number(v))

    if (req.method === "GET" && req.path === "/state") {
      return reply(200, {
        salesOrders: s.salesOrders(kind),
        customers: s.customers(kind),
        fulfillmentRequests: s.fulfillmentRequests(kind),
        shipments: s.shipments(kind),
        stats: s.stats(),
      })
    }
    if (req.method === "GET" && req.path === "/stats") return reply(200, s.stats())
    const order = /^\/orders\/([^/]+)$/.exec(req.path)
    if (req.method === "GET" && order) {
      const id = decodeURIComponent(order[1]!)
      return reply(200, {
        orders: s.salesOrders(kind).filter((o) => o.externalId === id),
        upsertCount: s.upsertCount(id, kind),
        createCount: s.createCount(id, kind),
      })
    }
    if (req.method !== "POST") return reply(404, { error: `no control route ${req.method} ${req.path}` })
    switch (req.path) {
      case "/down": {
        const mode = (body.mode ?? "reset") as DownMode
        if (!["reset", "503", "refuse"].includes(mode))
          return reply(400, { error: `mode must be reset, 503 or refuse` })
        if (mode === "refuse" && body.forMs === undefined) return reply(400, { error: "refuse over HTTP needs forMs" })
        await s.goDown(mode, body.forMs === undefined ? undefined : Number(body.forMs))
        return reply(200, { ok: true, mode })
      }
      case "/up":
        await s.goUp()
        return reply(200, { ok: true })
      case "/latency":
        s.setLatency(num(body.ms, 0))
        return reply(200, { ok: true })
      case "/throttle":
        s.throttleNext(num(body.n, 1), num(body.retryAfterSeconds, 1), {
          httpDate: body.httpDate === true,
          ...requestTarget(body),
        })
        return reply(200, { ok: true })
      case "/fail":
        s.failNext(num(body.n, 1), num(body.status, 500), body.body, {
          ...requestTarget(body),
          skip: num(body.skip, 0),
        })
        return reply(200, { ok: true })
      case "/shipments":
        return reply(201, s.addShipment(body as unknown as Parameters<ErpSandbox["addShipment"]>[0]))
      case "/revoke-tokens":
        s.revokeTokens()
        return reply(200, { ok: true })
      case "/reset":
        s.reset()
        return reply(200, { ok: true })
      default:
        return reply(404, { error: `no control route POST ${req.path}` })
    }
  }
}

/** The request a fault is aimed at, from a control body's `method` and `pathIncludes`. */
function requestTarget(body: Record<string, unknown>): RequestTarget {
  return {
    method: typeof body.method === "string" ? body.method : undefined,
    pathIncludes: typeof body.pathIncludes === "string" ? body.pathIncludes : undefined,
  }
}
