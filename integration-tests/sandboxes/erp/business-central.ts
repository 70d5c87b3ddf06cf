/**
 * Business Central API v2.0, the subset the connector uses, under
 * `/<tenant>/<environment>/api/v2.0/companies(<id>)`: salesOrders (+ $filter on
 * externalDocumentNumber, $expand=salesOrderLines), salesOrderLines, customers, salesShipments.
 * PATCH and DELETE need `If-Match` with the current `@odata.etag` (or `*`); a stale one gets 412
 * Request_EntityChanged. Like BC, nothing stops two orders with one externalDocumentNumber.
 * Tenant, environment and company are accepted but not used to partition the data.
 */
import { randomUUID } from "node:crypto"
import { vendorError } from "./errors"
import { bearerToken, reply, SandboxError, type Reply, type SandboxRequest } from "./http"
import { decimalText, ErpStore, nowIso, type StoredCustomer, type StoredLine, type StoredOrder } from "./store"
import type { TokenIssuer } from "./tokens"

const KIND = "business-central" as const
const COMPANY_PATH = /^\/([^/]+)\/([^/]+)\/api\/v2\.0\/companies\(([^)]+)\)(\/.*)?$/
const ENTITY = /^([A-Za-z]+)(?:\(([^)]+)\))?$/
const READ_ONLY = new Set(["id", "number", "@odata.etag", "@odata.context", "salesOrderLines", "status", "lastModifiedDateTime"])

type Body = Record<string, unknown>

const etagOf = (id: string, version: number): string => `W/"${Buffer.from(`JzE5OzE${id};${version};Jw==`).toString("base64")}"`
const badRequest = (code: string, message: string): never => {
  throw new SandboxError(vendorError(KIND, 400, code, message))
}
const notFound = (what: string): never => {
  throw new SandboxError(vendorError(KIND, 404, "Internal_RecordNotFound", `The ${what} does not exist.`))
}

/** The subset of OData `$filter` the connector sends: `<field> eq '<text>'` or `<field> ge <date>`. */
function parseFilter(filter: string | null): ((e: Body) => boolean) | undefined {
  if (!filter) return undefined
  const m = /^(\w+) (eq|ge|gt|le|lt) (?:'((?:[^']|'')*)'|(\S+))$/.exec(filter.trim())
  if (!m) return badRequest("BadRequest_NotSupported", `The filter '${filter}' is not supported by the sandbox.`)
  const [, field, op, quoted, bare] = m
  const value = quoted !== undefined ? quoted.replace(/''/g, "'") : bare!
  return (e) => {
    const actual = String(e[field!] ?? "")
    if (op === "eq") return actual === value
    if (op === "ge") return actual >= value
    if (op === "gt") return actual > value
    if (op === "le") return actual <= value
    return actual < value
  }
}

export function createBusinessCentralHandler(store: ErpStore, tokens: TokenIssuer): (req: SandboxRequest) => Reply {
  const lineJson = (o: StoredOrder, l: StoredLine): Body => ({
    "@odata.etag": etagOf(l.erpLineId!, l.version ?? 1),
    id: l.erpLineId,
    documentId: o.erpId,
    sequence: l.key,
    lineType: l.lineType ?? "Item",
    lineObjectNumber: l.sku,
    description: l.description ?? "",
    quantity: l.quantity,
    unitPrice: l.unitPrice === undefined ? 0 : Number(l.unitPrice),
    discountAmount: l.discount === undefined ? 0 : Number(l.discount),
    shipQuantity: l.shipQuantity ?? l.quantity,
  })

  const orderJson = (o: StoredOrder, expand: boolean): Body => ({
    "@odata.etag": etagOf(o.erpId, o.version),
    id: o.erpId,
    number: o.number,
    ...o.fields,
    externalDocumentNumber: o.externalId,
    status: "Draft",
    lastModifiedDateTime: o.updatedAt,
    ...(expand ? { salesOrderLines: o.lines.map((l) => lineJson(o, l)) } : {}),
  })

  const customerJson = (c: StoredCustomer): Body => ({ "@odata.etag": etagOf(c.erpId, c.version), id: c.erpId, ...c.fields, number: c.key })

  function requireEtag(req: SandboxRequest, current: string): void {
    const ifMatch = req.headers["if-match"]
    if (!ifMatch) {
      badRequest("BadRequest", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.")
    }
    if (ifMatch !== "*" && ifMatch !== current) {
      throw new SandboxError(vendorError(KIND, 412, "Request_EntityChanged", "Could not save the changes because the record was changed by another user. Refresh and try again."))
    }
  }

  // A deleted (cancelled) order stays in the store for tests to inspect but is gone from the API.
  const live = (o: StoredOrder | undefined): o is StoredOrder => !!o && o.status !== "cancelled"

  function order(id: string): StoredOrder {
    const o = store.orderByErpId(KIND, id)
    return live(o) ? o : notFound("Sales Header")
  }

  function writableFields(body: Body): Body {
    return Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.has(k)))
  }

  function createOrder(req: SandboxRequest): Reply {
    const body = writableFields((req.body ?? {}) as Body)
    if (!body.customerNumber && !body.customerId) badRequest("Application_FieldValidationException", "You must specify a customer to create a sales order.")
    const externalId = String(body.externalDocumentNumber ?? "")
    const { externalDocumentNumber: _e, ...fields } = body
    const now = nowIso()
    const o: StoredOrder = {
      kind: KIND,
      externalId,
      erpId: randomUUID(),
      number: `S-ORD${store.nextNumber()}`,
      fields,
      lines: [],
      status: "open",
      raw: req.rawBody,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }
    store.putOrder(o)
    store.countWrite(KIND, externalId, true)
    return reply(201, orderJson(o, false))
  }

  function touch(o: StoredOrder, raw: string): void {
    o.version += 1
    o.updatedAt = nowIso()
    o.raw = raw
    store.countWrite(KIND, o.externalId, false)
  }

  function lines(req: SandboxRequest, o: StoredOrder, lineId: string | undefined): Reply {
    const m = req.method
    if (!lineId && m === "GET") return reply(200, { value: o.lines.map((l) => lineJson(o, l)) })
    if (!lineId && m === "POST") {
      const b = (req.body ?? {}) as Body
      const lineType = String(b.lineType ?? "Item")
      if (lineType !== "Comment" && !b.lineObjectNumber) badRequest("Application_FieldValidationException", "lineObjectNumber must be specified.")
      const sequence = Number(b.sequence ?? (o.lines.reduce((max, l) => Math.max(max, l.key), 0) + 10000))
      const line: StoredLine = {
        key: sequence,
        erpLineId: randomUUID(),
        lineType,
        sku: String(b.lineObjectNumber ?? ""),
        quantity: Number(b.quantity ?? 0),
        unitPrice: decimalText(b.unitPrice),
        discount: decimalText(b.discountAmount),
        description: typeof b.description === "string" ? b.description : undefined,
        version: 1,
      }
      o.lines.push(line)
      o.lines.sort((a, z) => a.key - z.key)
      touch(o, req.rawBody)
      return reply(201, lineJson(o, line))
    }
    const line = o.lines.find((l) => l.erpLineId === lineId) ?? notFound("Sales Line")
    if (m === "GET") return reply(200, lineJson(o, line))
    requireEtag(req, lineJson(o, line)["@odata.etag"] as string)
    if (m === "DELETE") {
      o.lines = o.lines.filter((l) => l !== line)
      touch(o, req.rawBody)
      return reply(204)
    }
    if (m === "PATCH") {
      const b = (req.body ?? {}) as Body
      if (b.quantity !== undefined) line.quantity = Number(b.quantity)
      if (b.unitPrice !== undefined) line.unitPrice = decimalText(b.unitPrice)
      if (b.discountAmount !== undefined) line.discount = decimalText(b.discountAmount)
      if (b.description !== undefined) line.description = String(b.description)
      if (b.shipQuantity !== undefined) {
        if (Number(b.shipQuantity) > line.quantity) badRequest("Application_FieldValidationException", `Qty. to Ship cannot be more than ${line.quantity}.`)
        line.shipQuantity = Number(b.shipQuantity)
      }
      if (b.lineObjectNumber !== undefined) line.sku = String(b.lineObjectNumber)
      line.version = (line.version ?? 1) + 1
      touch(o, req.rawBody)
      return reply(200, lineJson(o, line))
    }
    return reply(405)
  }

  function salesOrders(req: SandboxRequest, id: string | undefined, rest: string[]): Reply {
    const m = req.method
    const expand = req.query.get("$expand")?.split(",").includes("salesOrderLines") ?? false
    if (!id && m === "GET") {
      const filter = parseFilter(req.query.get("$filter"))
      const all = [...store.orders.values()].filter((o) => o.kind === KIND && live(o))
      // The connector's lookup is by externalDocumentNumber: answer it from the index.
      const eq = /^externalDocumentNumber eq '((?:[^']|'')*)'$/.exec(req.query.get("$filter") ?? "")
      const candidates = eq ? store.findOrders(KIND, eq[1]!.replace(/''/g, "'")).filter(live) : all
      return reply(200, { value: candidates.map((o) => orderJson(o, expand)).filter((e) => !filter || filter(e)) })
    }
    if (!id && m === "POST") return createOrder(req)
    const o = order(id!)
    if (rest[0]) {
      const sub = ENTITY.exec(rest[0])
      if (sub?.[1] === "salesOrderLines") return lines(req, o, sub[2])
      return badRequest("BadRequest_NotFound", `Resource not found for the segment '${rest[0]}'.`)
    }
    if (m === "GET") return reply(200, orderJson(o, expand))
    requireEtag(req, etagOf(o.erpId, o.version))
    if (m === "DELETE") {
      o.status = "cancelled"
      o.updatedAt = nowIso()
      store.countWrite(KIND, o.externalId, false)
      return reply(204)
    }
    if (m === "PATCH") {
      const { externalDocumentNumber: _e, ...fields } = writableFields((req.body ?? {}) as Body)
      o.fields = { ...o.fields, ...fields }
      touch(o, req.rawBody)
      return reply(200, orderJson(o, false))
    }
    return reply(405)
  }

  function customers(req: SandboxRequest, id: string | undefined): Reply {
    const m = req.method
    const all = [...store.customers.values()].filter((c) => c.kind === KIND)
    if (!id && m === "GET") {
      const filter = parseFilter(req.query.get("$filter"))
      return reply(200, { value: all.map(customerJson).filter((e) => !filter || filter(e)) })
    }
    if (!id && m === "POST") {
      const b = writableFields((req.body ?? {}) as Body)
      const number = String(b.number ?? `C${store.nextNumber()}`)
      if (store.customers.has(`${KIND}|${number}`)) badRequest("Internal_EntityWithSameKeyExists", `The record already exists. Identification fields and values: No.='${number}'`)
      const c: StoredCustomer = { kind: KIND, key: number, erpId: randomUUID(), fields: b, raw: req.rawBody, version: 1 }
      store.customers.set(`${KIND}|${number}`, c)
      return reply(201, customerJson(c))
    }
    const c = all.find((x) => x.erpId === id) ?? notFound("Customer")
    if (m === "GET") return reply(200, customerJson(c))
    if (m === "PATCH") {
      requireEtag(req, etagOf(c.erpId, c.version))
      c.fields = { ...c.fields, ...writableFields((req.body ?? {}) as Body) }
      c.version += 1
      c.raw = req.rawBody
      return reply(200, customerJson(c))
    }
    return reply(405)
  }

  function salesShipments(req: SandboxRequest): Reply {
    const filter = parseFilter(req.query.get("$filter"))
    const expand = req.query.get("$expand")?.includes("salesShipmentLines") ?? false
    const value = store.shipments
      .filter((s) => s.kind === KIND)
      .map((s, i) => {
        const o = store.findOrder(KIND, s.orderId)
        return {
          id: s.erpId,
          number: `S-SHPT${102000 + i}`,
          externalDocumentNumber: s.orderId,
          postingDate: s.shippedAt.slice(0, 10),
          shipmentDate: s.shippedAt.slice(0, 10),
          customerNumber: o?.fields.customerNumber,
          packageTrackingNo: s.trackingNumbers[0] ?? "",
          shippingAgentCode: s.carrier ?? "",
          ...(expand
            ? { salesShipmentLines: s.lines.map((l, n) => ({ id: `${s.erpId}-${n}`, documentId: s.erpId, sequence: (n + 1) * 10000, lineType: "Item", lineObjectNumber: l.sku, quantity: l.quantity })) }
            : {}),
        }
      })
      .filter((e) => !filter || filter(e))
    return reply(200, { value })
  }

  return (req) => {
    if (/^(\/[^/]+)?\/oauth2\/v2\.0\/token$/.test(req.path) && req.method === "POST") return tokens.clientCredentials(req, KIND)
    const company = COMPANY_PATH.exec(req.path)
    if (!company) return vendorError(KIND, 404, "BadRequest_NotFound", `No HTTP resource was found that matches the request URI ${req.path}.`)
    if (!tokens.valid(bearerToken(req.headers), KIND)) {
      return vendorError(KIND, 401, "Authentication_InvalidCredentials", "The server has rejected the client credentials.")
    }
    const segments = (company[4] ?? "").split("/").filter(Boolean).map(decodeURIComponent)
    if (!segments.length) return reply(200, { id: company[3], systemVersion: "24.0", name: "CRONUS (sandbox)", displayName: "CRONUS (sandbox)" })
    const entity = ENTITY.exec(segments[0]!) ?? badRequest("BadRequest_NotFound", `Resource not found for the segment '${segments[0]}'.`)
    const [, set, id] = entity
    if (set === "salesOrders") return salesOrders(req, id, segments.slice(1))
    if (set === "customers") return customers(req, id)
    if (set === "salesShipments" && req.method === "GET") return salesShipments(req)
    return badRequest("BadRequest_NotFound", `Resource not found for the segment '${segments[0]}'.`)
  }
}
