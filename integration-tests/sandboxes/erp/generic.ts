/**
 * A plain JSON REST "in-house ERP" matching the generic connector's default routes:
 *
 *   POST /oauth/token                          client credentials (form or Basic)
 *   GET  /health
 *   PUT  /orders/{id}                          201 created / 200 updated → { id: "SO-…", externalId }
 *   PUT  /customers/{id}                       201 / 200 → { id: "C-…" }
 *   POST /orders/{id}/cancel                   200 / 404 / 409 already cancelled
 *   PUT  /orders/{orderId}/fulfillments/{id}   201 / 200 → { id: "F-…" }
 *   POST /orders/{orderId}/fulfillments/{id}/cancel   200 / 404 / 409 already cancelled
 *   GET  /shipments?since=<ISO>                { shipments: [...] }
 *
 * Auth: a token from /oauth/token, one of the static bearer tokens, or Basic credentials
 * (any, unless the sandbox was given specific ones). Request bodies are stored as received;
 * lines are read leniently (`lines`/`items`, `itemNo`/`sku`, `quantity`/`qty`, `unitPrice`/`price`)
 * because the connector's mapping is configurable.
 */
import { vendorError } from "./errors"
import { basicCredentials, bearerToken, reply, type Reply, type SandboxRequest } from "./http"
import {
  decimalText,
  ErpStore,
  nowIso,
  type StoredCustomer,
  type StoredFulfillment,
  type StoredLine,
  type StoredOrder,
} from "./store"
import type { TokenIssuer } from "./tokens"

const KIND = "generic" as const
type Body = Record<string, unknown>

export interface GenericAuthOptions {
  staticBearerTokens: string[]
}

export function createGenericHandler(
  store: ErpStore,
  tokens: TokenIssuer,
  auth: GenericAuthOptions
): (req: SandboxRequest) => Reply {
  function authorized(req: SandboxRequest): boolean {
    const bearer = bearerToken(req.headers)
    if (bearer) return tokens.valid(bearer, KIND) || auth.staticBearerTokens.includes(bearer)
    const basic = basicCredentials(req.headers)
    if (!basic?.username) return false
    const expected = tokens.credentials
    return !expected || (basic.username === expected.clientId && basic.password === expected.clientSecret)
  }

  function upsertOrder(req: SandboxRequest, id: string): Reply {
    const body = (req.body ?? {}) as Body
    if (typeof body !== "object" || Array.isArray(body))
      return vendorError(KIND, 400, "invalid_body", "Expected a JSON object")
    const existing = store.findOrder(KIND, id)
    const rawLines = (Array.isArray(body.lines) ? body.lines : Array.isArray(body.items) ? body.items : []) as Body[]
    const { lines: _l, items: _i, ...fields } = body
    const now = nowIso()
    const order: StoredOrder = {
      kind: KIND,
      externalId: id,
      erpId: existing?.erpId ?? `SO-${String(store.nextNumber()).padStart(6, "0")}`,
      fields,
      lines: rawLines.map(toLine),
      status: existing?.status ?? "open",
      raw: req.rawBody,
      version: (existing?.version ?? 0) + 1,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    }
    store.putOrder(order)
    store.countWrite(KIND, id, !existing)
    return reply(existing ? 200 : 201, { id: order.erpId, externalId: id, status: order.status })
  }

  function cancelOrder(id: string): Reply {
    const order = store.findOrder(KIND, id)
    if (!order) return vendorError(KIND, 404, "not_found", `Order ${id} not found`)
    if (order.status === "cancelled")
      return vendorError(KIND, 409, "already_cancelled", `Order ${id} is already cancelled`)
    order.status = "cancelled"
    order.updatedAt = nowIso()
    store.countWrite(KIND, id, false)
    return reply(200, { id: order.erpId, externalId: id, status: "cancelled" })
  }

  function upsertCustomer(req: SandboxRequest, id: string): Reply {
    const key = `${KIND}|${id}`
    const existing = store.customers.get(key)
    const customer: StoredCustomer = {
      kind: KIND,
      key: id,
      erpId: existing?.erpId ?? `C-${String(store.nextNumber()).padStart(6, "0")}`,
      fields: (req.body ?? {}) as Body,
      raw: req.rawBody,
      version: (existing?.version ?? 0) + 1,
    }
    store.customers.set(key, customer)
    return reply(existing ? 200 : 201, { id: customer.erpId, externalId: id })
  }

  function upsertFulfillment(req: SandboxRequest, orderId: string, id: string): Reply {
    if (!store.findOrder(KIND, orderId)) return vendorError(KIND, 404, "not_found", `Order ${orderId} not found`)
    const key = `${KIND}|${id}`
    const existing = store.fulfillments.get(key)
    const body = (req.body ?? {}) as Body
    const fulfillment: StoredFulfillment = {
      kind: KIND,
      externalId: id,
      erpId: existing?.erpId ?? `F-${String(store.nextNumber()).padStart(6, "0")}`,
      orderId,
      lines: ((Array.isArray(body.lines) ? body.lines : []) as Body[]).map((l) => ({
        sku: String(l.itemNo ?? l.sku ?? ""),
        quantity: Number(l.quantity ?? l.qty ?? 0),
      })),
      raw: req.rawBody,
      createdAt: existing?.createdAt ?? nowIso(),
    }
    store.fulfillments.set(key, fulfillment)
    return reply(existing ? 200 : 201, { id: fulfillment.erpId, externalId: id })
  }

  function cancelFulfillment(orderId: string, id: string): Reply {
    const fulfillment = store.fulfillments.get(`${KIND}|${id}`)
    if (!fulfillment || fulfillment.orderId !== orderId)
      return vendorError(KIND, 404, "not_found", `Fulfillment ${id} not found`)
    if (fulfillment.cancelledAt)
      return vendorError(KIND, 409, "already_cancelled", `Fulfillment ${id} is already cancelled`)
    fulfillment.cancelledAt = nowIso()
    return reply(200, { id: fulfillment.erpId, externalId: id, status: "cancelled" })
  }

  function shipments(req: SandboxRequest): Reply {
    const since = req.query.get("since") ?? ""
    return reply(200, {
      shipments: store.shipments
        .filter((s) => s.kind === KIND && s.shippedAt >= since)
        .map((s) => ({
          id: s.erpId,
          orderExternalId: s.orderId,
          trackingNumbers: s.trackingNumbers,
          carrier: s.carrier,
          shippedAt: s.shippedAt,
          lines: s.lines.map((l) => ({ itemNo: l.sku, quantity: l.quantity, lineId: l.lineId })),
        })),
    })
  }

  return (req) => {
    const m = req.method
    if (req.path === "/oauth/token" && m === "POST") return tokens.clientCredentials(req, KIND)
    if (!authorized(req))
      return vendorError(KIND, 401, "unauthorized", "Missing or invalid credentials", {
        "WWW-Authenticate": 'Bearer realm="erp-sandbox"',
      })
    const parts = req.path.split("/").filter(Boolean).map(decodeURIComponent)
    if (m === "GET" && parts.length === 1 && parts[0] === "health") return reply(200, { status: "ok" })
    if (m === "GET" && parts.length === 1 && parts[0] === "shipments") return shipments(req)
    if (parts[0] === "orders" && parts[1]) {
      if (parts.length === 2 && m === "PUT") return upsertOrder(req, parts[1])
      if (parts.length === 2 && m === "GET") {
        const o = store.findOrder(KIND, parts[1])
        return o
          ? reply(200, { id: o.erpId, externalId: o.externalId, status: o.status, ...o.fields })
          : vendorError(KIND, 404, "not_found", `Order ${parts[1]} not found`)
      }
      if (parts.length === 3 && parts[2] === "cancel" && m === "POST") return cancelOrder(parts[1])
      if (parts.length === 4 && parts[2] === "fulfillments" && m === "PUT")
        return upsertFulfillment(req, parts[1], parts[3]!)
      if (parts.length === 5 && parts[2] === "fulfillments" && parts[4] === "cancel" && m === "POST")
        return cancelFulfillment(parts[1], parts[3]!)
    }
    if (parts[0] === "customers" && parts.length === 2 && m === "PUT") return upsertCustomer(req, parts[1]!)
    return vendorError(KIND, 404, "not_found", `No route for ${m} ${req.path}`)
  }
}

function toLine(l: Body, i: number): StoredLine {
  return {
    key: i + 1,
    sku: String(l.itemNo ?? l.sku ?? l.item ?? ""),
    quantity: Number(l.quantity ?? l.qty ?? 0),
    unitPrice: decimalText(l.unitPrice ?? l.price ?? l.rate),
    amount: decimalText(l.amount ?? l.total),
    discount: decimalText(l.discount),
    tax: decimalText(l.tax),
    description: typeof l.description === "string" ? l.description : undefined,
    lineId: typeof l.lineId === "string" ? l.lineId : undefined,
  }
}
