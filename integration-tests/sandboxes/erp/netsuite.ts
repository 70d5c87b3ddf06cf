/**
 * NetSuite SuiteTalk REST, the subset the connector uses, shaped after Oracle's NetSuite Help
 * Center (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/…):
 *
 * - upsert by external id (`PUT …/salesOrder/eid:<id>`, `PUT …/customer/eid:<id>`; "Using the
 *   Upsert Operation", section_156335203191), GET/PATCH by `eid:` or internal id. Writes answer
 *   204 + Location.
 * - The salesOrder `item` sublist is keyed by `line`: a request line with a matching `line` updates
 *   that line, one without is added; with `replace=item` the lines a request leaves out are removed
 *   ("Updating a Sublist", section_1545295601; "Replacing a Sublist", section_1545297048; "Use Case
 *   For Updating Your Sales Order", section_159795512874). A line with an item fulfillment against
 *   it cannot be removed (only closed with `isClosed`); the sandbox refuses such a save.
 * - `orderStatus` holds the status letter (A Pending Approval, B Pending Fulfillment, … H Closed;
 *   "Use Case For Approving Your Sales Order", section_159795516182); `status` holds its text.
 * - `currency` references a currency record by internal id; what a reference shows as `refName` is
 *   the currency's name ("US Dollar"). An id the account does not have is refused the way Oracle's
 *   "Error Handling in REST Web Services" (section_156570709583) shows an invalid reference: 400,
 *   `INVALID_CONTENT`, "You have entered an Invalid Field Value … for the following field: …",
 *   with `o:errorPath`.
 * - `!transform/itemFulfillment` (and fulfillmentRequest) starts from every line that can still be
 *   fulfilled, at the quantity left, as NetSuite's transform pre-fills the fulfillment; request
 *   lines address them by `orderLine`, set `quantity`, or leave one out with `itemReceive: false`
 *   ("Use Case For Fulfilling Your Sales Order", section_159795518068, writes it `itemreceive`;
 *   both spellings are read). A request that names nothing ships everything.
 * - Item references show `refName` as NetSuite lists items: the parent item, " : ", then the item's
 *   number and display name. The item's own number is its `itemid`, readable with SuiteQL.
 * - SuiteQL (`POST /services/rest/query/v1/suiteql`, "Executing SuiteQL Queries Through REST Web
 *   Services", section_157909186990): only the two queries the connector sends (currencies by
 *   ISO code, item numbers by id), with the collection paging envelope.
 * - itemFulfillment collection with a `q=lastModifiedDate ON_OR_AFTER "<date>"` filter ("Record
 *   Collection Filtering", section_1545222128).
 * - creditMemo ("Credit Memo", article_164460021767: "used to refund or credit a customer
 *   account"), upserted by external id like the sales order (`PUT …/creditMemo/eid:<id>`, 204 +
 *   Location), read by `eid:` or internal id. A new one needs a customer and a line, as every sales
 *   transaction does; its `item` sublist is replaced or merged like the sales order's.
 *
 * Not modelled: billing (`quantityBilled` is always 0), pick/pack quantities (every item
 * fulfillment counts as fulfilled), item types (every open line can be fulfilled).
 */
import { vendorError } from "./errors"
import { bearerToken, reply, SandboxError, type Reply, type SandboxRequest } from "./http"
import {
  decimalText,
  ErpStore,
  nowIso,
  type StoredFulfillment,
  type StoredLine,
  type StoredOrder,
  type StoredShipment,
} from "./store"
import { NETSUITE_TOKEN_PATH, type TokenIssuer } from "./tokens"
import { NETSUITE_CURRENCIES } from "./totals/netsuite"
import { netSuiteStoredTotals } from "./totals/stored"

export const NETSUITE_RECORD_PATH = "/services/rest/record/v1"
export const NETSUITE_SUITEQL_PATH = "/services/rest/query/v1/suiteql"
const LINE_ID_FIELD = "custcol_backy_line_id"
const KIND = "netsuite" as const
// The parent item the sandbox's items sit under, so refNames read "Parent : number name".
const ITEM_PARENT = "Hub Catalog"

type Body = Record<string, unknown>
type Ref = { id?: unknown; externalId?: unknown; refName?: unknown }

const notFound = (): never => {
  throw new SandboxError(
    vendorError(KIND, 404, "NONEXISTENT_ID", "The record instance does not exist. Provide a valid record instance ID.")
  )
}
const userError = (detail: string): never => {
  throw new SandboxError(vendorError(KIND, 400, "USER_ERROR", detail))
}
/** Oracle's documented answer to a reference NetSuite cannot resolve (see the module comment). */
const invalidFieldValue = (value: unknown, field: string, errorPath: string): never => {
  const answer = vendorError(
    KIND,
    400,
    "INVALID_CONTENT",
    `Error while accessing resource: You have entered an Invalid Field Value ${String(value)} for the following field: ${field}`
  )
  const details = (answer.body as Body)["o:errorDetails"] as Body[]
  details[0]!["o:errorPath"] = errorPath
  throw new SandboxError(answer)
}

const ORDER_STATUS: Record<string, string> = {
  B: "Pending Fulfillment",
  E: "Pending Billing/Partially Fulfilled",
  F: "Pending Billing",
  H: "Closed",
}

export function createNetSuiteHandler(store: ErpStore, tokens: TokenIssuer): (req: SandboxRequest) => Reply {
  const recordUrl = (req: SandboxRequest, type: string, id: string): string =>
    `${req.origin}/netsuite${NETSUITE_RECORD_PATH}/${type}/${id}`
  /** Items by internal id; an item is known once a line references it. */
  const items = new Map<string, { itemid: string; displayName?: string }>()
  /** The highest `line` each order has used: NetSuite does not hand a removed line's number out again. */
  const lastLine = new Map<string, number>()

  // ── references ────────────────────────────────────────────────────────────────────────────

  /** The internal id a stored line's item has (referenced by internal id, or by external id = SKU). */
  function itemOf(sku: string, description?: string): { id: string; refName: string } {
    const id = /^\d+$/.test(sku) && items.has(sku) ? sku : itemId(sku)
    if (!items.has(id)) items.set(id, { itemid: sku, displayName: description })
    const item = items.get(id)!
    return { id, refName: `${ITEM_PARENT} : ${item.itemid}${item.displayName ? ` ${item.displayName}` : ""}` }
  }

  /** A line's `item` reference → the sandbox's SKU for it. */
  function skuOf(ref: Ref, description: string | undefined, path: string): string {
    if (typeof ref.externalId === "string" && ref.externalId) {
      itemOf(ref.externalId, description)
      return ref.externalId
    }
    if (ref.id !== undefined && ref.id !== null && ref.id !== "") {
      const id = String(ref.id)
      if (!items.has(id)) items.set(id, { itemid: id, displayName: description })
      return id
    }
    return userError(`Please enter value(s) for: Item (${path})`)
  }

  function checkCurrency(body: Body): void {
    if (body.currency === undefined) return
    const ref = (body.currency ?? {}) as Ref
    if (ref.id === undefined || !NETSUITE_CURRENCIES.some((c) => c.id === String(ref.id))) {
      invalidFieldValue(ref.id ?? ref.refName ?? ref.externalId, "currency", "currency")
    }
  }

  function currencyJson(ref: unknown): Body | undefined {
    const id = (ref as Ref | undefined)?.id
    const currency = NETSUITE_CURRENCIES.find((c) => c.id === String(id))
    return currency ? { links: [], id: currency.id, refName: currency.name } : undefined
  }

  // ── lines ─────────────────────────────────────────────────────────────────────────────────

  /** Quantity fulfilled per `line`: item fulfillments created from the line, or shipped for it. */
  function fulfilledByLine(o: StoredOrder): Map<number, number> {
    const transformed = new Map<number, number>()
    for (const f of store.fulfillments.values()) {
      if (f.kind !== KIND || f.orderId !== o.externalId || f.cancelledAt) continue
      for (const l of f.lines)
        if (l.orderLine !== undefined) transformed.set(l.orderLine, (transformed.get(l.orderLine) ?? 0) + l.quantity)
    }
    // A shipment reported for the order is an item fulfillment too (usually one of the above, shipped).
    const shipped = new Map<number, number>()
    for (const s of store.shipments) {
      if (s.kind !== KIND || s.orderId !== o.externalId) continue
      for (const l of s.lines) {
        const line = o.lines.find((x) => (l.lineId ? x.lineId === l.lineId : x.sku === l.sku))
        if (line) shipped.set(line.key, (shipped.get(line.key) ?? 0) + l.quantity)
      }
    }
    const out = new Map<number, number>()
    for (const key of new Set([...transformed.keys(), ...shipped.keys()]))
      out.set(key, Math.max(transformed.get(key) ?? 0, shipped.get(key) ?? 0))
    return out
  }

  const newKey = (o: { erpId: string; lines: StoredLine[] }): number => {
    const next = Math.max(lastLine.get(o.erpId) ?? 0, ...o.lines.map((l) => l.key)) + 1
    lastLine.set(o.erpId, next)
    return next
  }

  function newLine(item: Body, key: number, path: string): StoredLine {
    const description = typeof item.description === "string" ? item.description : undefined
    const sku = skuOf((item.item ?? {}) as Ref, description, `${path}.item`)
    if (item.quantity === undefined) userError("Please enter value(s) for: Quantity")
    return {
      key,
      sku,
      quantity: Number(item.quantity),
      unitPrice: decimalText(item.rate),
      amount: decimalText(item.amount),
      description,
      lineId: typeof item[LINE_ID_FIELD] === "string" ? (item[LINE_ID_FIELD] as string) : undefined,
      closed: closedFlag(item) ?? false,
    }
  }

  /** A keyed update of one line: fields the request leaves out keep their values. */
  function updatedLine(line: StoredLine, item: Body, fulfilled: number, path: string): StoredLine {
    const next: StoredLine = { ...line }
    if (item.item !== undefined) {
      const sku = skuOf(item.item as Ref, next.description, `${path}.item`)
      if (sku !== line.sku && fulfilled > 0)
        userError(`You cannot change the item on line ${line.key}: it has been fulfilled.`)
      next.sku = sku
    }
    if (item.quantity !== undefined) {
      const quantity = Number(item.quantity)
      if (quantity < fulfilled)
        userError(`The quantity on line ${line.key} cannot be less than the quantity fulfilled (${fulfilled}).`)
      next.quantity = quantity
    }
    // NetSuite keeps amount = quantity × rate: a new amount alone derives the rate, a new rate or
    // quantity alone derives the amount.
    if (item.rate !== undefined || item.amount !== undefined || item.quantity !== undefined) {
      next.unitPrice =
        item.rate !== undefined ? decimalText(item.rate) : item.amount !== undefined ? undefined : line.unitPrice
      next.amount = item.amount !== undefined ? decimalText(item.amount) : undefined
    }
    if (typeof item.description === "string") next.description = item.description
    if (typeof item[LINE_ID_FIELD] === "string") next.lineId = item[LINE_ID_FIELD] as string
    const closed = closedFlag(item)
    if (closed !== undefined) next.closed = closed
    return next
  }

  /**
   * The order's lines after a write of `requested`: keyed lines updated in place, the others added
   * at the end, and with `replace` the lines left out removed — refused for a line with a
   * fulfillment against it.
   */
  function applyItems(o: StoredOrder, requested: Body[], replace: boolean): StoredLine[] {
    const fulfilled = fulfilledByLine(o)
    const updates = new Map<number, StoredLine>()
    const added: StoredLine[] = []
    const pending = { erpId: o.erpId, lines: [...o.lines] }
    requested.forEach((item, n) => {
      const path = `item.items[${n}]`
      const key = item.line === undefined ? undefined : Number(item.line)
      const current = key === undefined || updates.has(key) ? undefined : o.lines.find((l) => l.key === key)
      if (current) {
        updates.set(current.key, updatedLine(current, item, fulfilled.get(current.key) ?? 0, path))
        return
      }
      const line = newLine(item, newKey(pending), path)
      pending.lines.push(line)
      added.push(line)
    })
    const kept: StoredLine[] = []
    for (const l of o.lines) {
      const update = updates.get(l.key)
      if (update) kept.push(update)
      else if (!replace) kept.push({ ...l })
      else if ((fulfilled.get(l.key) ?? 0) > 0) {
        // The envelope and code are NetSuite's; Oracle's help does not print this message, so its wording is the sandbox's.
        userError(
          `Error while accessing a resource. You cannot remove line ${l.key} (${l.sku}): it has been fulfilled. Close the line instead.`
        )
      }
    }
    return [...kept, ...added]
  }

  function orderStatus(o: StoredOrder): string {
    const open = o.lines.filter((l) => !l.closed)
    if (o.status === "cancelled" || open.length === 0) return "H"
    const fulfilled = fulfilledByLine(o)
    const done = open.filter((l) => (fulfilled.get(l.key) ?? 0) >= l.quantity).length
    if (done === open.length) return "F"
    return open.some((l) => (fulfilled.get(l.key) ?? 0) > 0) ? "E" : "B"
  }

  // ── salesOrder ────────────────────────────────────────────────────────────────────────────

  /** subtotal, taxTotal and total as NetSuite would compute them from the record (totals/netsuite.ts). */
  function totalsJson(o: StoredOrder): Body {
    const t = netSuiteStoredTotals(o)
    const num = (v: string | null) => (v === null ? null : Number(v))
    return { subtotal: num(t.subtotal), taxTotal: num(t.taxTotal), total: num(t.total) }
  }

  function orderJson(req: SandboxRequest, o: StoredOrder): Body {
    const fulfilled = fulfilledByLine(o)
    const status = orderStatus(o)
    return {
      links: [{ rel: "self", href: recordUrl(req, "salesOrder", o.erpId) }],
      id: o.erpId,
      ...o.fields,
      externalId: o.externalId,
      tranId: `SO${o.erpId}`,
      currency: currencyJson(o.fields.currency),
      ...totalsJson(o),
      orderStatus: { id: status, refName: ORDER_STATUS[status] },
      status: { id: ORDER_STATUS[status], refName: ORDER_STATUS[status] },
      item: {
        items: o.lines.map((l) => ({
          line: l.key,
          item: itemOf(l.sku, l.description),
          description: l.description,
          quantity: l.quantity,
          quantityFulfilled: fulfilled.get(l.key) ?? 0,
          quantityBilled: 0,
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

  const replacesItems = (req: SandboxRequest): boolean => req.query.get("replace")?.split(",").includes("item") === true
  const requestedItems = (body: Body): Body[] | undefined =>
    ((body.item as Body | undefined)?.items ?? undefined) as Body[] | undefined

  function upsertOrder(req: SandboxRequest, externalId: string): Reply {
    const body = (req.body ?? {}) as Body
    const requested = requestedItems(body)
    const entity = body.entity as Body | undefined
    if (!entity || (!entity.id && !entity.externalId)) userError("Please enter value(s) for: Customer")
    checkCurrency(body)
    const existing = store.findOrder(KIND, externalId)
    if (!existing && !requested?.length) userError("You must enter at least one line item for this transaction.")
    const { item: _item, ...fields } = body
    const now = nowIso()
    let order: StoredOrder
    if (existing) {
      const lines = requested ? applyItems(existing, requested, replacesItems(req)) : existing.lines
      order = {
        ...existing,
        fields: { ...existing.fields, ...fields },
        lines,
        raw: req.rawBody,
        version: existing.version + 1,
        updatedAt: now,
      }
    } else {
      const erpId = String(store.nextNumber())
      const draft = { erpId, lines: [] as StoredLine[] }
      const lines = requested!.map((item, n) => {
        const line = newLine(item, newKey(draft), `item.items[${n}]`)
        draft.lines.push(line)
        return line
      })
      order = {
        kind: KIND,
        externalId,
        erpId,
        fields,
        lines,
        status: "open",
        raw: req.rawBody,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }
    }
    store.putOrder(order)
    store.countWrite(KIND, externalId, !existing)
    return reply(204, undefined, { Location: recordUrl(req, "salesOrder", order.erpId) })
  }

  function patchOrder(req: SandboxRequest, ref: string): Reply {
    const order = findOrder(ref)
    const body = (req.body ?? {}) as Body
    checkCurrency(body)
    const { item: _item, ...fields } = body
    const requested = requestedItems(body)
    if (requested) order.lines = applyItems(order, requested, replacesItems(req))
    order.fields = { ...order.fields, ...fields }
    if (order.lines.length && order.lines.every((l) => l.closed)) order.status = "cancelled"
    order.version += 1
    order.updatedAt = nowIso()
    order.raw = req.rawBody
    store.countWrite(KIND, order.externalId, false)
    return reply(204, undefined, { Location: recordUrl(req, "salesOrder", order.erpId) })
  }

  function transform(req: SandboxRequest, ref: string, target: string): Reply {
    if (target !== "itemFulfillment" && target !== "fulfillmentRequest")
      userError(`Transformation to ${target} is not supported.`)
    const order = findOrder(ref)
    const body = (req.body ?? {}) as Body
    const externalId = typeof body.externalId === "string" ? body.externalId : undefined
    if (externalId && store.fulfillments.has(`${KIND}|${externalId}`)) {
      throw new SandboxError(
        vendorError(KIND, 400, "DUP_RCRD", "This record already exists. A record with this external ID already exists.")
      )
    }
    // The pre-filled fulfillment: every open line with something left to fulfil, all of it.
    const fulfilled = fulfilledByLine(order)
    const prefill = new Map<number, { line: StoredLine; left: number; quantity: number; receive: boolean }>()
    for (const line of order.lines) {
      const left = line.quantity - (fulfilled.get(line.key) ?? 0)
      if (!line.closed && left > 0) prefill.set(line.key, { line, left, quantity: left, receive: true })
    }
    for (const change of requestedItems(body) ?? []) {
      const receive = change.itemReceive ?? change.itemreceive
      const entry = prefill.get(Number(change.orderLine))
      if (!entry) {
        if (receive === false) continue
        userError(
          `Invalid orderLine ${String(change.orderLine)}: the sales order has no line left to fulfill with that number.`
        )
      }
      if (receive !== undefined) entry!.receive = receive === true
      if (change.quantity !== undefined) {
        const quantity = Number(change.quantity)
        if (quantity > entry!.left)
          userError(`You can not fulfill more than the remaining quantity (${entry!.left}) of line ${entry!.line.key}.`)
        entry!.quantity = quantity
      }
    }
    const lines = [...prefill.values()]
      .filter((e) => e.receive && e.quantity > 0)
      .map((e) => ({ sku: e.line.sku, quantity: e.quantity, orderLine: e.line.key }))
    if (!lines.length) userError("You must have at least one valid line item for this transaction.")
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

  // ── creditMemo ──────────────────────────────────────────────────────────────────────────

  function upsertCreditMemo(req: SandboxRequest, externalId: string): Reply {
    const body = (req.body ?? {}) as Body
    const requested = requestedItems(body)
    const entity = body.entity as Body | undefined
    if (!entity || (!entity.id && !entity.externalId)) userError("Please enter value(s) for: Customer")
    checkCurrency(body)
    const existing = store.findCreditMemos(KIND, externalId)[0]
    if (!existing && !requested?.length) userError("You must enter at least one line item for this transaction.")
    const { item: _item, ...fields } = body
    const now = nowIso()
    let memo: StoredOrder
    if (existing) {
      memo = {
        ...existing,
        fields: { ...existing.fields, ...fields },
        lines: requested ? applyItems(existing, requested, replacesItems(req)) : existing.lines,
        raw: req.rawBody,
        version: existing.version + 1,
        updatedAt: now,
      }
    } else {
      const draft = { erpId: String(store.nextNumber()), lines: [] as StoredLine[] }
      for (const [n, item] of requested!.entries()) draft.lines.push(newLine(item, newKey(draft), `item.items[${n}]`))
      memo = {
        kind: KIND,
        externalId,
        erpId: draft.erpId,
        fields,
        lines: draft.lines,
        status: "open",
        raw: req.rawBody,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }
    }
    store.putCreditMemo(memo)
    store.countWrite(KIND, externalId, !existing)
    return reply(204, undefined, { Location: recordUrl(req, "creditMemo", memo.erpId) })
  }

  function creditMemoJson(req: SandboxRequest, m: StoredOrder): Body {
    return {
      links: [{ rel: "self", href: recordUrl(req, "creditMemo", m.erpId) }],
      id: m.erpId,
      ...m.fields,
      externalId: m.externalId,
      tranId: `CM${m.erpId}`,
      currency: currencyJson(m.fields.currency),
      ...totalsJson(m),
      item: {
        items: m.lines.map((l) => ({
          line: l.key,
          item: itemOf(l.sku, l.description),
          description: l.description,
          quantity: l.quantity,
          rate: l.unitPrice === undefined ? undefined : Number(l.unitPrice),
          amount: l.amount === undefined ? undefined : Number(l.amount),
          [LINE_ID_FIELD]: l.lineId,
        })),
      },
    }
  }

  function findCreditMemo(ref: string): StoredOrder {
    const memo = ref.startsWith("eid:")
      ? store.findCreditMemos(KIND, ref.slice(4))[0]
      : [...store.creditMemos.values()].find((m) => m.kind === KIND && m.erpId === ref)
    return memo ?? notFound()
  }

  // ── itemFulfillment ───────────────────────────────────────────────────────────────────────

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
        items: f.lines.map((l) => {
          const orderLine = "orderLine" in l ? order?.lines.find((x) => x.key === l.orderLine) : undefined
          return {
            orderLine: orderLine?.key,
            item: itemOf(l.sku, orderLine?.description),
            quantity: l.quantity,
            itemReceive: true,
            // The line-id column is copied from the order line (a column field applied to Item Fulfillment).
            [LINE_ID_FIELD]: "lineId" in l ? l.lineId : orderLine?.lineId,
          }
        }),
      },
    }
  }

  function allFulfillments(): Array<StoredFulfillment | StoredShipment> {
    return [
      ...[...store.fulfillments.values()].filter((f) => f.kind === KIND && !f.cancelledAt),
      ...store.shipments.filter((s) => s.kind === KIND),
    ]
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
    const matching = allFulfillments().filter(
      (f) => !since || ("trackingNumbers" in f ? f.shippedAt : f.createdAt).slice(0, 10) >= since
    )
    const page = matching.slice(offset, offset + limit)
    return reply(200, {
      links: [],
      count: page.length,
      hasMore: offset + limit < matching.length,
      offset,
      totalResults: matching.length,
      items: page.map((f) => ({
        links: [{ rel: "self", href: recordUrl(req, "itemFulfillment", f.erpId) }],
        id: f.erpId,
      })),
    })
  }

  // ── customer ──────────────────────────────────────────────────────────────────────────────

  function upsertCustomer(req: SandboxRequest, key: string, byInternalId: boolean): Reply {
    const existing = byInternalId
      ? [...store.customers.values()].find((c) => c.kind === KIND && c.erpId === key)
      : store.customers.get(`${KIND}|${key}`)
    if (byInternalId && !existing) notFound()
    const body = (req.body ?? {}) as Body
    if (!existing && !body.companyName) userError("Please enter value(s) for: Company Name")
    checkCurrency(body)
    const customer = existing
      ? { ...existing, fields: { ...existing.fields, ...body }, raw: req.rawBody, version: existing.version + 1 }
      : { kind: KIND, key, erpId: String(store.nextNumber()), fields: body, raw: req.rawBody, version: 1 }
    store.customers.set(`${KIND}|${customer.key}`, customer)
    return reply(204, undefined, { Location: recordUrl(req, "customer", customer.erpId) })
  }

  // ── SuiteQL ───────────────────────────────────────────────────────────────────────────────

  function suiteQl(req: SandboxRequest): Reply {
    const q = String(((req.body ?? {}) as Body).q ?? "")
      .replace(/\s+/g, " ")
      .trim()
    let rows: Body[]
    const itemQuery = /^SELECT id, itemid FROM item WHERE id IN \(([\d,\s]+)\)$/i.exec(q)
    if (/^SELECT id, symbol FROM currency WHERE isinactive = 'F'$/i.test(q)) {
      rows = NETSUITE_CURRENCIES.map((c) => ({ id: c.id, symbol: c.symbol }))
    } else if (itemQuery) {
      const ids = itemQuery[1]!.split(",").map((s) => s.trim())
      rows = ids.filter((id) => items.has(id)).map((id) => ({ id, itemid: items.get(id)!.itemid }))
    } else {
      return userError(`Invalid search query. The sandbox answers only the connector's queries, not: ${q}`)
    }
    const limit = Number(req.query.get("limit") ?? 1000)
    const offset = Number(req.query.get("offset") ?? 0)
    const page = rows.slice(offset, offset + limit)
    // SuiteQL values come back as text, each row with its (empty) links.
    return reply(200, {
      links: [{ rel: "self", href: `${req.origin}/netsuite${NETSUITE_SUITEQL_PATH}?limit=${limit}&offset=${offset}` }],
      count: page.length,
      hasMore: offset + limit < rows.length,
      items: page.map((r) => ({ links: [], ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])) })),
      offset,
      totalResults: rows.length,
    })
  }

  return (req) => {
    if (req.path === NETSUITE_TOKEN_PATH && req.method === "POST") return tokens.netsuite(req)
    const suiteQlCall = req.path === NETSUITE_SUITEQL_PATH
    if (!req.path.startsWith(NETSUITE_RECORD_PATH) && !suiteQlCall)
      return vendorError(KIND, 404, "INVALID_URL", `Invalid URL ${req.path}`)
    if (!tokens.valid(bearerToken(req.headers), KIND)) {
      return vendorError(
        KIND,
        401,
        "INVALID_LOGIN",
        "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail."
      )
    }
    const m = req.method
    if (suiteQlCall)
      return m === "POST"
        ? suiteQl(req)
        : vendorError(KIND, 405, "INVALID_REQUEST", `${m} ${req.path} is not supported`)
    const [type, ref, action, target] = req.path
      .slice(NETSUITE_RECORD_PATH.length + 1)
      .split("/")
      .map(decodeURIComponent)
    if (type === "salesOrder") {
      if (!ref && m === "GET") {
        const orders = [...store.orders.values()]
          .filter((o) => o.kind === KIND)
          .slice(0, Number(req.query.get("limit") ?? 1000))
        return reply(200, {
          links: [],
          count: orders.length,
          hasMore: false,
          offset: 0,
          totalResults: orders.length,
          items: orders.map((o) => ({ id: o.erpId })),
        })
      }
      if (ref && action === "!transform" && target && m === "POST") return transform(req, ref, target)
      if (ref && !action && m === "PUT")
        return ref.startsWith("eid:") ? upsertOrder(req, ref.slice(4)) : userError("Upsert needs an external id (eid:)")
      if (ref && !action && m === "PATCH") return patchOrder(req, ref)
      if (ref && !action && m === "GET") {
        const json = orderJson(req, findOrder(ref))
        const fields = req.query.get("fields")
        return reply(
          200,
          fields
            ? Object.fromEntries(Object.entries(json).filter(([k]) => k === "id" || fields.split(",").includes(k)))
            : json
        )
      }
    }
    if (type === "creditMemo" && ref) {
      if (m === "PUT")
        return ref.startsWith("eid:")
          ? upsertCreditMemo(req, ref.slice(4))
          : userError("Upsert needs an external id (eid:)")
      if (m === "GET") return reply(200, creditMemoJson(req, findCreditMemo(ref)))
    }
    if (type === "customer" && ref) {
      if (m === "PUT" && ref.startsWith("eid:")) return upsertCustomer(req, ref.slice(4), false)
      if (m === "PATCH")
        return ref.startsWith("eid:") ? upsertCustomer(req, ref.slice(4), false) : upsertCustomer(req, ref, true)
      if (m === "GET") {
        const c = ref.startsWith("eid:")
          ? store.customers.get(`${KIND}|${ref.slice(4)}`)
          : [...store.customers.values()].find((x) => x.kind === KIND && x.erpId === ref)
        return c
          ? reply(200, { id: c.erpId, externalId: c.key, ...c.fields, currency: currencyJson(c.fields.currency) })
          : notFound()
      }
    }
    if ((type === "itemFulfillment" || type === "fulfillmentRequest") && m === "GET") {
      if (!ref) return listFulfillments(req)
      const byEid = ref.startsWith("eid:") ? store.fulfillments.get(`${KIND}|${ref.slice(4)}`) : undefined
      const found = ref.startsWith("eid:")
        ? byEid?.cancelledAt
          ? undefined
          : byEid
        : allFulfillments().find((f) => f.erpId === ref)
      return found ? reply(200, fulfillmentJson(req, found)) : notFound()
    }
    if ((type === "itemFulfillment" || type === "fulfillmentRequest") && m === "DELETE" && ref)
      return deleteFulfillment(ref)
    return vendorError(KIND, 405, "INVALID_REQUEST", `${m} ${req.path} is not supported by the sandbox`)
  }
}

/** `isClosed`, as the REST API Browser spells it, or `isclosed`, as Oracle's use-case samples do. */
function closedFlag(item: Body): boolean | undefined {
  const value = item.isClosed ?? item.isclosed
  return value === undefined ? undefined : value === true
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
