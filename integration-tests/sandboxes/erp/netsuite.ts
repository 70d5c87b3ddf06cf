/**
 * NetSuite SuiteTalk REST, the subset the connector uses: upsert by external id
 * (`PUT …/salesOrder/eid:<id>`, `PUT …/customer/eid:<id>`), GET/PATCH by `eid:` or internal id,
 * `!transform` to itemFulfillment / fulfillmentRequest, itemFulfillment collection with a
 * `q=lastModifiedDate ON_OR_AFTER "<date>"` filter. Writes answer 204 + Location, as NetSuite does.
 */
import { vendorError } from "./errors"
import { bearerToken, reply, SandboxError, type Reply, type SandboxRequest } from "./http"
import { decimalText, ErpStore, nowIso, type StoredFulfillment, type StoredLine, type StoredOrder, type StoredShipment } from "./store"
import { NETSUITE_TOKEN_PATH, type TokenIssuer } from "./tokens"

export const NETSUITE_RECORD_PATH = "/services/rest/record/v1"
const LINE_ID_FIELD = "custcol_backy_line_id"
const KIND = "netsuite" as const

type Body = Record<string, unknown>

const notFound = (): never => {
  throw new SandboxError(vendorError(KIND, 404, "NONEXISTENT_ID", "The record instance does not exist. Provide a valid record instance ID."))
}
const userError = (detail: string): never => {
  throw new SandboxError(vendorError(KIND, 400, "USER_ERROR", detail))
}

export function createNetSuiteHandler(store: ErpStore, tokens: TokenIssuer): (req: SandboxRequest) => Reply {
  const recordUrl = (req: SandboxRequest, type: string, id: string): string => `${req.origin}/netsuite${NETSUITE_RECORD_PATH}/${type}/${id}`

  function orderJson(req: SandboxRequest, o: StoredOrder): Body {
    return {
      links: [{ rel: "self", href: recordUrl(req, "salesOrder", o.erpId) }],
      id: o.erpId,
      ...o.fields,
      externalId: o.externalId,
      tranId: `SO${o.erpId}`,
      status: o.status === "cancelled" ? { id: "H", refName: "Closed" } : { id: "B", refName: "Pending Fulfillment" },
      item: {
        items: o.lines.map((l) => ({
          line: l.key,
          item: { id: itemId(l.sku), refName: l.sku },
          description: l.description,
          quantity: l.quantity,
          rate: l.unitPrice === undefined ? undefined : Number(l.unitPrice),
          amount: l.amount === undefined ? undefined : Number(l.amount),
          isClosed: !!l.closed,
          [LINE_ID_FIELD]: l.lineId,
        })),
      },
    }
  }

  function findOrder(ref: string): StoredOrder {
    const order = ref.startsWith("eid:") ? store.findOrder(KIND, ref.slice(4)) : store.orderByErpId(KIND, ref)
    return order ?? notFound()
  }

  function upsertOrder(req: SandboxRequest, externalId: string): Reply {
    const body = (req.body ?? {}) as Body
    const items = ((body.item as Body | undefined)?.items ?? undefined) as Body[] | undefined
    const entity = body.entity as Body | undefined
    if (!entity || (!entity.id && !entity.externalId)) userError("Please enter value(s) for: Customer")
    const existing = store.findOrder(KIND, externalId)
    if (!existing && !items?.length) userError("You must enter at least one line item for this transaction.")
    const lines = items ? items.map((i, n) => toLine(i, n + 1)) : existing!.lines
    const replaceItems = req.query.get("replace")?.split(",").includes("item")
    const { item: _item, ...fields } = body
    const now = nowIso()
    const order: StoredOrder = existing
      ? {
          ...existing,
          fields: { ...existing.fields, ...fields },
          lines: items && !replaceItems ? [...existing.lines, ...lines.map((l, n) => ({ ...l, key: existing.lines.length + n + 1 }))] : lines,
          raw: req.rawBody,
          version: existing.version + 1,
          updatedAt: now,
        }
      : { kind: KIND, externalId, erpId: String(store.nextNumber()), fields, lines, status: "open", raw: req.rawBody, version: 1, createdAt: now, updatedAt: now }
    store.putOrder(order)
    store.countWrite(KIND, externalId, !existing)
    return reply(204, undefined, { Location: recordUrl(req, "salesOrder", order.erpId) })
  }

  function patchOrder(req: SandboxRequest, ref: string): Reply {
    const order = findOrder(ref)
    const body = (req.body ?? {}) as Body
    const { item, ...fields } = body
    const items = ((item as Body | undefined)?.items ?? []) as Body[]
    for (const change of items) {
      const line = order.lines.find((l) => l.key === Number(change.line))
      if (!line) {
        order.lines.push(toLine(change, order.lines.length + 1))
        continue
      }
      if (change.isClosed !== undefined) line.closed = change.isClosed === true
      if (change.quantity !== undefined) line.quantity = Number(change.quantity)
    }
    order.fields = { ...order.fields, ...fields }
    if (order.lines.length && order.lines.every((l) => l.closed)) order.status = "cancelled"
    order.version += 1
    order.updatedAt = nowIso()
    order.raw = req.rawBody
    store.countWrite(KIND, order.externalId, false)
    return reply(204, undefined, { Location: recordUrl(req, "salesOrder", order.erpId) })
  }

  function transform(req: SandboxRequest, ref: string, target: string): Reply {
    if (target !== "itemFulfillment" && target !== "fulfillmentRequest") userError(`Transformation to ${target} is not supported.`)
    const order = findOrder(ref)
    const body = (req.body ?? {}) as Body
    const externalId = typeof body.externalId === "string" ? body.externalId : undefined
    if (externalId && store.fulfillments.has(`${KIND}|${externalId}`)) {
      throw new SandboxError(vendorError(KIND, 400, "DUP_RCRD", "This record already exists. A record with this external ID already exists."))
    }
    const requested = (((body.item as Body | undefined)?.items ?? []) as Body[]).filter((i) => i.itemReceive !== false)
    const lines = requested.map((i) => {
      const line = order.lines.find((l) => l.key === Number(i.orderLine)) ?? userError(`Invalid orderLine ${String(i.orderLine)}`)
      return { sku: line.sku, quantity: Number(i.quantity ?? line.quantity), orderLine: line.key }
    })
    const fulfillment: StoredFulfillment = {
      kind: KIND,
      externalId: externalId ?? `auto-${store.nextNumber()}`,
      erpId: String(store.nextNumber()),
      orderId: order.externalId,
      lines,
      raw: req.rawBody,
      createdAt: nowIso(),
    }
    store.fulfillments.set(`${KIND}|${fulfillment.externalId}`, fulfillment)
    return reply(204, undefined, { Location: recordUrl(req, target, fulfillment.erpId) })
  }

  function fulfillmentJson(req: SandboxRequest, f: StoredFulfillment | StoredShipment): Body {
    const order = store.findOrder(KIND, f.orderId)
    const shipped = "trackingNumbers" in f
    return {
      links: [{ rel: "self", href: recordUrl(req, "itemFulfillment", f.erpId) }],
      id: f.erpId,
      externalId: shipped ? undefined : f.externalId,
      tranDate: (shipped ? f.shippedAt : f.createdAt).slice(0, 10),
      lastModifiedDate: shipped ? f.shippedAt : f.createdAt,
      shipStatus: shipped ? { id: "C", refName: "Shipped" } : { id: "A", refName: "Picked" },
      createdFrom: order ? { id: order.erpId, refName: `Sales Order #SO${order.erpId}` } : undefined,
      shipMethod: shipped && f.carrier ? { id: "1", refName: f.carrier } : undefined,
      package: shipped ? { items: f.trackingNumbers.map((t) => ({ packageTrackingNumber: t })) } : undefined,
      item: {
        items: f.lines.map((l) => ({
          item: { id: itemId(l.sku), refName: l.sku },
          quantity: l.quantity,
          itemReceive: true,
          [LINE_ID_FIELD]: "lineId" in l ? l.lineId : undefined,
        })),
      },
    }
  }

  function allFulfillments(): Array<StoredFulfillment | StoredShipment> {
    return [...[...store.fulfillments.values()].filter((f) => f.kind === KIND && !f.cancelledAt), ...store.shipments.filter((s) => s.kind === KIND)]
  }

  /** A deleted fulfillment stays in the store (marked) for tests, but is gone from the API. */
  function deleteFulfillment(ref: string): Reply {
    const found = allFulfillments().find((f) => f.erpId === ref)
    if (!found) return notFound()
    if ("trackingNumbers" in found) userError("A shipped item fulfillment cannot be deleted.")
    ;(found as StoredFulfillment).cancelledAt = nowIso()
    return reply(204)
  }

  function listFulfillments(req: SandboxRequest): Reply {
    const since = parseQ(req.query.get("q"))
    const limit = Number(req.query.get("limit") ?? 1000)
    const offset = Number(req.query.get("offset") ?? 0)
    const matching = allFulfillments().filter((f) => !since || ("trackingNumbers" in f ? f.shippedAt : f.createdAt).slice(0, 10) >= since)
    const page = matching.slice(offset, offset + limit)
    return reply(200, {
      links: [],
      count: page.length,
      hasMore: offset + limit < matching.length,
      offset,
      totalResults: matching.length,
      items: page.map((f) => ({ links: [{ rel: "self", href: recordUrl(req, "itemFulfillment", f.erpId) }], id: f.erpId })),
    })
  }

  function upsertCustomer(req: SandboxRequest, key: string, byInternalId: boolean): Reply {
    const existing = byInternalId ? [...store.customers.values()].find((c) => c.kind === KIND && c.erpId === key) : store.customers.get(`${KIND}|${key}`)
    if (byInternalId && !existing) notFound()
    const body = (req.body ?? {}) as Body
    if (!existing && !body.companyName) userError("Please enter value(s) for: Company Name")
    const customer = existing
      ? { ...existing, fields: { ...existing.fields, ...body }, raw: req.rawBody, version: existing.version + 1 }
      : { kind: KIND, key, erpId: String(store.nextNumber()), fields: body, raw: req.rawBody, version: 1 }
    store.customers.set(`${KIND}|${customer.key}`, customer)
    return reply(204, undefined, { Location: recordUrl(req, "customer", customer.erpId) })
  }

  return (req) => {
    if (req.path === NETSUITE_TOKEN_PATH && req.method === "POST") return tokens.netsuite(req)
    if (!req.path.startsWith(NETSUITE_RECORD_PATH)) return vendorError(KIND, 404, "INVALID_URL", `Invalid URL ${req.path}`)
    if (!tokens.valid(bearerToken(req.headers), KIND)) {
      return vendorError(KIND, 401, "INVALID_LOGIN", "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.")
    }
    const [type, ref, action, target] = req.path.slice(NETSUITE_RECORD_PATH.length + 1).split("/").map(decodeURIComponent)
    const m = req.method
    if (type === "salesOrder") {
      if (!ref && m === "GET") {
        const orders = [...store.orders.values()].filter((o) => o.kind === KIND).slice(0, Number(req.query.get("limit") ?? 1000))
        return reply(200, { links: [], count: orders.length, hasMore: false, offset: 0, totalResults: orders.length, items: orders.map((o) => ({ id: o.erpId })) })
      }
      if (ref && action === "!transform" && target && m === "POST") return transform(req, ref, target)
      if (ref && !action && m === "PUT") return ref.startsWith("eid:") ? upsertOrder(req, ref.slice(4)) : userError("Upsert needs an external id (eid:)")
      if (ref && !action && m === "PATCH") return patchOrder(req, ref)
      if (ref && !action && m === "GET") {
        const json = orderJson(req, findOrder(ref))
        const fields = req.query.get("fields")
        return reply(200, fields ? Object.fromEntries(Object.entries(json).filter(([k]) => k === "id" || fields.split(",").includes(k))) : json)
      }
    }
    if (type === "customer" && ref) {
      if (m === "PUT" && ref.startsWith("eid:")) return upsertCustomer(req, ref.slice(4), false)
      if (m === "PATCH") return ref.startsWith("eid:") ? upsertCustomer(req, ref.slice(4), false) : upsertCustomer(req, ref, true)
      if (m === "GET") {
        const c = ref.startsWith("eid:") ? store.customers.get(`${KIND}|${ref.slice(4)}`) : [...store.customers.values()].find((x) => x.kind === KIND && x.erpId === ref)
        return c ? reply(200, { id: c.erpId, externalId: c.key, ...c.fields }) : notFound()
      }
    }
    if ((type === "itemFulfillment" || type === "fulfillmentRequest") && m === "GET") {
      if (!ref) return listFulfillments(req)
      const byEid = ref.startsWith("eid:") ? store.fulfillments.get(`${KIND}|${ref.slice(4)}`) : undefined
      const found = ref.startsWith("eid:") ? (byEid?.cancelledAt ? undefined : byEid) : allFulfillments().find((f) => f.erpId === ref)
      return found ? reply(200, fulfillmentJson(req, found)) : notFound()
    }
    if ((type === "itemFulfillment" || type === "fulfillmentRequest") && m === "DELETE" && ref) return deleteFulfillment(ref)
    return vendorError(KIND, 405, "INVALID_REQUEST", `${m} ${req.path} is not supported by the sandbox`)
  }
}

function toLine(item: Body, key: number): StoredLine {
  const ref = (item.item ?? {}) as Body
  const sku = String(ref.externalId ?? ref.refName ?? ref.id ?? "")
  if (!sku) userError("Please enter value(s) for: Item")
  if (item.quantity === undefined) userError("Please enter value(s) for: Quantity")
  return {
    key,
    sku,
    quantity: Number(item.quantity),
    unitPrice: decimalText(item.rate),
    amount: decimalText(item.amount),
    description: typeof item.description === "string" ? item.description : undefined,
    lineId: typeof item[LINE_ID_FIELD] === "string" ? (item[LINE_ID_FIELD] as string) : undefined,
  }
}

/** A stable fake internal id per item number. */
function itemId(sku: string): string {
  let h = 0
  for (const c of sku) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return String(100 + (h % 900000))
}

/** `lastModifiedDate ON_OR_AFTER "3/14/2025"` (or an ISO date) → `2025-03-14`. */
function parseQ(q: string | null): string | undefined {
  if (!q) return undefined
  const match = /ON_OR_AFTER\s+"([^"]+)"/.exec(q)
  if (!match) throw new SandboxError(vendorError(KIND, 400, "INVALID_PARAMETER", `Unsupported query ${q}`))
  const text = match[1]!
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  if (us) return `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`
  return text.slice(0, 10)
}
