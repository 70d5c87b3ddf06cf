/**
 * Business Central API v2.0, the subset the connector uses, under
 * `/<tenant>/<environment>/api/v2.0/companies(<id>)`: salesOrders (+ $filter on
 * externalDocumentNumber, $expand=salesOrderLines), salesOrderLines, salesCreditMemos and
 * salesCreditMemoLines (the same), customers, salesShipments.
 * Tenant, environment and company are accepted but not used to partition the data. Like BC,
 * nothing stops two orders with one externalDocumentNumber.
 *
 * Each behaviour names its source; the short names used below:
 *
 * - [SO], [SOL], [SCM], [SCML], [SHP], [SHPL], [CUS]: the v2.0 API pages in
 *   microsoft/ALAppExtensions, `Apps/W1/APIV2/app/src/pages/`: `APIV2SalesOrders.Page.al`,
 *   `APIV2SalesOrderLines.Page.al`, `APIV2SalesCreditMemos.Page.al`,
 *   `APIV2SalesCreditMemLines.Page.al`, `APIV2SalesShipments.Page.al`,
 *   `APIV2SalesShipmentLines.Page.al`, `APIV2Customers.Page.al`. A field with `Editable = false`
 *   there is read-only here. The standard API has no sales return order page: a return is a
 *   credit memo.
 * - [SO-E2E]: `Apps/W1/APIV2/test/src/APIV2SalesOrdersE2E.Codeunit.al` (Microsoft's own API test:
 *   an order posted with `customerNumber` + `billToCustomerNumber` gets the bill-to customer's
 *   address, sell-to and ship-to addresses are sent by the client).
 * - [ERR]: Microsoft Learn, "Troubleshooting OData/API calls"
 *   (https://learn.microsoft.com/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-error-codes):
 *   error codes with their messages.
 * - [HTTP]: Microsoft Learn, "Troubleshooting web service errors", HTTP status codes
 *   (https://learn.microsoft.com/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting):
 *   409 Conflict "happens when another user has already changed the record(s) that the request is
 *   trying to modify".
 * - [MOD]: Microsoft Learn, "Using OData Web Services to Modify Data"
 *   (https://learn.microsoft.com/dynamics365/business-central/dev-itpro/webservices/use-odata-to-modify-data):
 *   PATCH requires `If-Match` (an ETag or `*`).
 *
 * What the sandbox does not model answers 501 with the code `Sandbox_NotModelled` (ours, not
 * BC's): a test that meets it needs the sandbox extended, not the connector bent.
 */
import { randomUUID } from "node:crypto"
import { vendorError } from "./errors"
import { bearerToken, reply, SandboxError, type Reply, type SandboxRequest } from "./http"
import { decimalText, ErpStore, nowIso, type StoredCustomer, type StoredLine, type StoredOrder } from "./store"
import type { TokenIssuer } from "./tokens"
import { bcDocumentTotals, bcLineAmounts, type BusinessCentralSetup } from "./totals/business-central"
import { bcLineFields } from "./totals/stored"

const KIND = "business-central" as const
const COMPANY_PATH = /^\/([^/]+)\/([^/]+)\/api\/v2\.0\/companies\(([^)]+)\)(\/.*)?$/
const ENTITY = /^([A-Za-z]+)(?:\(([^)]+)\))?$/

/** The fields each page marks `Editable = false`: writing one is refused ([ERR] BadRequest_InvalidOperation). */
const READ_ONLY = {
  // [SO]
  salesOrders: new Set([
    "id",
    "number",
    "customerName",
    "billToName",
    "billToAddressLine1",
    "billToAddressLine2",
    "billToCity",
    "billToCountry",
    "billToState",
    "billToPostCode",
    "discountAppliedBeforeTax",
    "totalAmountExcludingTax",
    "totalTaxAmount",
    "totalAmountIncludingTax",
    "status",
    "lastModifiedDateTime",
  ]),
  // [SOL]
  salesOrderLines: new Set([
    "id",
    "discountAppliedBeforeTax",
    "amountExcludingTax",
    "taxPercent",
    "totalTaxAmount",
    "amountIncludingTax",
    "invoiceDiscountAllocation",
    "netAmount",
    "netTaxAmount",
    "netAmountIncludingTax",
  ]),
  // [SCM]: as [SO], and Prices Including VAT too (BC takes it from the customer).
  salesCreditMemos: new Set([
    "id",
    "number",
    "customerName",
    "billToName",
    "pricesIncludeTax",
    "discountAppliedBeforeTax",
    "totalAmountExcludingTax",
    "totalTaxAmount",
    "totalAmountIncludingTax",
    "status",
    "lastModifiedDateTime",
  ]),
  // [SCML]: the same computed line fields as [SOL].
  salesCreditMemoLines: new Set([
    "id",
    "discountAppliedBeforeTax",
    "amountExcludingTax",
    "taxPercent",
    "totalTaxAmount",
    "amountIncludingTax",
    "invoiceDiscountAllocation",
    "netAmount",
    "netTaxAmount",
    "netAmountIncludingTax",
  ]),
  // [CUS]
  customers: new Set(["id", "balanceDue", "taxAreaDisplayName"]),
} as const

/** Writable line fields [SOL] [SCML] the sandbox stores; any other writable one is not modelled. */
const MODELLED_LINE_FIELDS = [
  "documentId",
  "sequence",
  "lineType",
  "lineObjectNumber",
  "description",
  "quantity",
  "unitPrice",
  "discountAmount",
  "taxCode",
]

/** A sales document entity set: its lines' set, what its pages let a client write, its number series. */
interface DocumentSet {
  set: "salesOrders" | "salesCreditMemos"
  lines: "salesOrderLines" | "salesCreditMemoLines"
  /** Writable line fields stored: a credit memo line has no Qty. to Ship ([SCML]). */
  lineFields: Set<string>
  /** The header's ship-to fields: a credit memo has none ([SCM]). */
  shipTo: boolean
  numberPrefix: string
  /** What BC's "not found" names (the page's source table). */
  table: string
}

const SALES_ORDERS: DocumentSet = {
  set: "salesOrders",
  lines: "salesOrderLines",
  lineFields: new Set([...MODELLED_LINE_FIELDS, "shipQuantity"]),
  shipTo: true,
  numberPrefix: "S-ORD",
  table: "Sales Order Entity Buffer",
}
const SALES_CREDIT_MEMOS: DocumentSet = {
  set: "salesCreditMemos",
  lines: "salesCreditMemoLines",
  lineFields: new Set(MODELLED_LINE_FIELDS),
  shipTo: false,
  numberPrefix: "S-CR",
  table: "Sales Cr. Memo Entity Buffer",
}

/** customers field → the salesOrder field suffix it fills for sellTo/billTo/shipTo [SO]. */
const ADDRESS_PARTS = [
  ["addressLine1", "AddressLine1"],
  ["addressLine2", "AddressLine2"],
  ["city", "City"],
  ["state", "State"],
  ["country", "Country"],
  ["postalCode", "PostCode"],
] as const

type Body = Record<string, unknown>

/** Sales & Receivables Setup, as far as the sandbox models it. */
export interface BusinessCentralNumbering {
  /**
   * The "Customer Nos." number series: its code and whether it allows manual numbers. A
   * customer POSTed with a `number` needs Manual Nos.; one without gets the series' next number.
   * Default `{ code: "CUST", manualNos: true }`.
   */
  customerNos: { code: string; manualNos: boolean }
}

export interface BusinessCentralHandler {
  (req: SandboxRequest): Reply
  /**
   * Before each of the next `n` PATCH/DELETE requests whose path includes `pathIncludes`,
   * another BC user saves that record (a line save also moves its order's ETag), so the request's
   * If-Match is stale and BC answers 409 Request_EntityChanged.
   */
  anotherUserSavesBeforeNextWrite(n: number, pathIncludes?: string): void
  reset(): void
}

const etagOf = (id: string, version: number): string =>
  `W/"${Buffer.from(`JzE5OzE${id};${version};Jw==`).toString("base64")}"`

const fail = (status: number, code: string, message: string): never => {
  throw new SandboxError(vendorError(KIND, status, code, message))
}
/** An AL `Error(...)` raised by the page or table: NavNCLDialogException [ERR]. */
const dialog = (message: string): never => fail(400, "Application_DialogException", message)
const notFound = (what: string, id: string): never =>
  fail(404, "Internal_RecordNotFound", `The ${what} does not exist. Identification fields and values: Id='${id}'`)
const notModelled = (what: string): never => {
  throw new SandboxError(
    reply(501, { error: { code: "Sandbox_NotModelled", message: `The ERP sandbox does not model ${what}.` } })
  )
}
const resourceNotFound = (segment: string): never =>
  fail(404, "BadRequest_ResourceNotFound", `Resource not found for the segment '${segment}'.`)

/** The request body without OData instance annotations (`@odata.etag` echoed back is ignored, not written). */
function bodyOf(req: SandboxRequest): Body {
  const body = req.body && typeof req.body === "object" ? (req.body as Body) : {}
  return Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith("@")))
}

/** Refuses a write to a field the page marks `Editable = false` ([ERR]: "Control '…' is read-only"). */
function refuseReadOnly(entitySet: keyof typeof READ_ONLY, body: Body): void {
  const field = Object.keys(body).find((k) => READ_ONLY[entitySet].has(k))
  if (field) fail(400, "BadRequest_InvalidOperation", `Control '${field}' is read-only.`)
}

/** The subset of OData `$filter` the connector sends: `<field> eq '<text>'` or `<field> ge <date>`. */
function parseFilter(filter: string | null): ((e: Body) => boolean) | undefined {
  if (!filter) return undefined
  const m = /^(\w+) (eq|ge|gt|le|lt) (?:'((?:[^']|'')*)'|(\S+))$/.exec(filter.trim())
  if (!m) return notModelled(`the filter '${filter}'`)
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

export function createBusinessCentralHandler(
  store: ErpStore,
  tokens: TokenIssuer,
  setup: BusinessCentralSetup,
  numbering: Partial<BusinessCentralNumbering> = {}
): BusinessCentralHandler {
  const lineFields = bcLineFields
  const customerNos = numbering.customerNos ?? { code: "CUST", manualNos: true }
  const num = (values: Record<string, string>): Record<string, number> =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)]))
  let concurrentEdits = { remaining: 0, pathIncludes: undefined as string | undefined }

  const lineJson = (o: StoredOrder, l: StoredLine, docs: DocumentSet = SALES_ORDERS): Body => ({
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
    taxCode: l.taxCode ?? "",
    ...num({ ...bcLineAmounts(lineFields(l), o.fields, setup) }),
    ...(docs.lineFields.has("shipQuantity") ? { shipQuantity: l.shipQuantity ?? l.quantity } : {}),
  })

  const orderJson = (o: StoredOrder, expand: boolean, docs: DocumentSet = SALES_ORDERS): Body => ({
    "@odata.etag": etagOf(o.erpId, o.version),
    id: o.erpId,
    number: o.number,
    ...o.fields,
    externalDocumentNumber: o.externalId,
    status: "Draft",
    pricesIncludeTax: o.fields.pricesIncludeTax === true,
    ...num({ ...bcDocumentTotals(o.fields, o.lines.map(lineFields), setup) }),
    lastModifiedDateTime: o.updatedAt,
    ...(expand ? { [docs.lines]: o.lines.map((l) => lineJson(o, l, docs)) } : {}),
  })

  const customerJson = (c: StoredCustomer): Body => ({
    "@odata.etag": etagOf(c.erpId, c.version),
    id: c.erpId,
    ...c.fields,
    number: c.key,
  })

  /**
   * PATCH needs If-Match [MOD]; without one BC cannot validate the concurrency token
   * ([ERR] BadRequest_InvalidToken). A stale one is 409 Request_EntityChanged ([ERR], [HTTP]).
   * A DELETE is checked when it carries one ([MOD] requires it for PATCH only).
   */
  function checkEtag(req: SandboxRequest, current: string): void {
    const ifMatch = req.headers["if-match"]
    if (!ifMatch) {
      if (req.method !== "PATCH") return
      fail(
        400,
        "BadRequest_InvalidToken",
        "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request."
      )
    }
    if (ifMatch !== "*" && ifMatch !== current)
      fail(409, "Request_EntityChanged", "Another user has already changed the record.")
  }

  /** Applies a pending `anotherUserSavesBeforeNextWrite` to this request's record. */
  function maybeAnotherUserSaves(req: SandboxRequest, save: () => void): void {
    const c = concurrentEdits
    if (c.remaining > 0 && (!c.pathIncludes || req.path.includes(c.pathIncludes))) {
      c.remaining -= 1
      save()
    }
  }

  // A deleted (cancelled) order stays in the store for tests to inspect but is gone from the API.
  const live = (o: StoredOrder | undefined): o is StoredOrder => !!o && o.status !== "cancelled"

  /** The set's records: orders, or credit memos (keyed the same way). */
  const recordsOf = (docs: DocumentSet): Map<string, StoredOrder> =>
    docs === SALES_ORDERS ? store.orders : store.creditMemos

  function document(id: string, docs: DocumentSet): StoredOrder {
    const o = recordsOf(docs).get(ErpStore.orderKey(KIND, id))
    return live(o) ? o : notFound(docs.table, id)
  }

  const customers = (): StoredCustomer[] => [...store.customers.values()].filter((c) => c.kind === KIND)
  const customerByNumber = (number: unknown): StoredCustomer | undefined =>
    store.customers.get(`${KIND}|${String(number)}`)
  const customerById = (id: unknown): StoredCustomer | undefined => customers().find((c) => c.erpId === String(id))

  /** The customer a (customerId, customerNumber) pair names, with [SO]'s errors for either side. */
  function namedCustomer(id: unknown, number: unknown, side: "sell-to" | "bill-to"): StoredCustomer | undefined {
    if (!id && !number) return undefined
    const byId = id ? (customerById(id) ?? dialog(`The ${side} customer cannot be found.`)) : undefined
    const byNumber = number ? (customerByNumber(number) ?? dialog(`The ${side} customer cannot be found.`)) : undefined
    if (byId && byNumber && byId !== byNumber)
      dialog(`The ${side} customer values do not match to a specific Customer.`)
    return byId ?? byNumber
  }

  function addressOf(c: StoredCustomer, prefix: "sellTo" | "billTo" | "shipTo"): Body {
    return Object.fromEntries(ADDRESS_PARTS.map(([from, to]) => [`${prefix}${to}`, c.fields[from] ?? ""]))
  }

  /**
   * What the Sales Header takes from its sell-to customer when `customerNumber`/`customerId` is
   * validated: name, sell-to and ship-to addresses (the client may then overwrite them, they are
   * writable [SO]), contact details, currency, and the bill-to customer.
   */
  const sellToFields = (c: StoredCustomer, docs: DocumentSet = SALES_ORDERS): Body => ({
    customerId: c.erpId,
    customerNumber: c.key,
    customerName: c.fields.displayName ?? "",
    ...addressOf(c, "sellTo"),
    ...(docs.shipTo ? { shipToName: c.fields.displayName ?? "", shipToContact: "", ...addressOf(c, "shipTo") } : {}),
    email: c.fields.email ?? "",
    phoneNumber: c.fields.phoneNumber ?? "",
    currencyCode: c.fields.currencyCode ?? "",
  })

  /** Bill-to name and address are read-only [SO]: they are the bill-to customer's ([SO-E2E]). */
  const billToFields = (c: StoredCustomer): Body => ({
    billToCustomerId: c.erpId,
    billToCustomerNumber: c.key,
    billToName: c.fields.displayName ?? "",
    ...addressOf(c, "billTo"),
  })

  function createDocument(req: SandboxRequest, docs: DocumentSet): Reply {
    const body = bodyOf(req)
    refuseReadOnly(docs.set, body)
    if (body[docs.lines] !== undefined) notModelled(`deep insert (${docs.lines} inside a ${docs.set} POST)`)
    // [SO] [SCM] CheckSellToCustomerSpecified; [ERR] lists this message under Application_DialogException.
    const sellTo =
      namedCustomer(body.customerId, body.customerNumber, "sell-to") ??
      dialog('A "customerNumber" or a "customerId" must be provided.')
    const billTo = namedCustomer(body.billToCustomerId, body.billToCustomerNumber, "bill-to") ?? sellTo
    const { externalDocumentNumber, ...sent } = body
    const externalId = String(externalDocumentNumber ?? "")
    const now = nowIso()
    const o: StoredOrder = {
      kind: KIND,
      externalId,
      erpId: randomUUID(),
      number: `${docs.numberPrefix}${store.nextNumber()}`,
      fields: { ...sellToFields(sellTo, docs), ...billToFields(billTo), ...sent },
      lines: [],
      status: "open",
      raw: req.rawBody,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }
    if (docs === SALES_ORDERS) store.putOrder(o)
    else store.putCreditMemo(o)
    store.countWrite(KIND, externalId, true)
    return reply(201, orderJson(o, false, docs))
  }

  function patchDocument(req: SandboxRequest, o: StoredOrder, docs: DocumentSet): Reply {
    const body = bodyOf(req)
    refuseReadOnly(docs.set, body)
    const { externalDocumentNumber, ...sent } = body
    if (externalDocumentNumber !== undefined && externalDocumentNumber !== o.externalId)
      notModelled(`changing the externalDocumentNumber of ${docs.set}`)
    const sellTo = namedCustomer(sent.customerId, sent.customerNumber, "sell-to")
    const billTo = namedCustomer(sent.billToCustomerId, sent.billToCustomerNumber, "bill-to")
    const newSellTo = sellTo && sellTo.key !== o.fields.customerNumber
    o.fields = {
      ...o.fields,
      ...(newSellTo
        ? { ...sellToFields(sellTo, docs), ...billToFields(billTo ?? sellTo) }
        : billTo
          ? billToFields(billTo)
          : {}),
      ...sent,
    }
    touch(o, req.rawBody)
    return reply(200, orderJson(o, false, docs))
  }

  /** Our write to the order: a new ETag, counted for the tests. */
  function touch(o: StoredOrder, raw: string): void {
    o.version += 1
    o.updatedAt = nowIso()
    o.raw = raw
    store.countWrite(KIND, o.externalId, false)
  }

  /**
   * Lines. BC recalculates a line's amounts and the document's on every line change (the
   * document's totals are fields of the salesOrder [SO]), so any line write moves the order's
   * ETag too: `touch`.
   */
  function lines(req: SandboxRequest, o: StoredOrder, lineId: string | undefined, docs: DocumentSet): Reply {
    const m = req.method
    const json = (l: StoredLine): Body => lineJson(o, l, docs)
    if (!lineId && m === "GET") return reply(200, { value: o.lines.map(json) })
    if (!lineId && m === "POST") {
      const b = bodyOf(req)
      refuseReadOnly(docs.lines, b)
      const unmodelled = Object.keys(b).find((k) => !docs.lineFields.has(k))
      if (unmodelled) notModelled(`the ${docs.lines} field '${unmodelled}'`)
      const sequence = Number(b.sequence ?? o.lines.reduce((max, l) => Math.max(max, l.key), 0) + 10000)
      const line: StoredLine = {
        key: sequence,
        erpLineId: randomUUID(),
        lineType: String(b.lineType ?? "Item"),
        sku: String(b.lineObjectNumber ?? ""),
        quantity: Number(b.quantity ?? 0),
        unitPrice: decimalText(b.unitPrice),
        discount: decimalText(b.discountAmount),
        taxCode: typeof b.taxCode === "string" ? b.taxCode : undefined,
        description: typeof b.description === "string" ? b.description : undefined,
        version: 1,
      }
      if (b.shipQuantity !== undefined) line.shipQuantity = qtyToShip(line, b.shipQuantity)
      o.lines.push(line)
      o.lines.sort((a, z) => a.key - z.key)
      touch(o, req.rawBody)
      return reply(201, json(line))
    }
    const line = o.lines.find((l) => l.erpLineId === lineId) ?? notFound("Sales Invoice Line Aggregate", lineId!)
    if (m === "GET") return reply(200, json(line))
    if (m !== "PATCH" && m !== "DELETE") return reply(405)
    maybeAnotherUserSaves(req, () => {
      line.version = (line.version ?? 1) + 1
      o.version += 1
    })
    checkEtag(req, json(line)["@odata.etag"] as string)
    if (m === "DELETE") {
      o.lines = o.lines.filter((l) => l !== line)
      touch(o, req.rawBody)
      return reply(204)
    }
    const b = bodyOf(req)
    refuseReadOnly(docs.lines, b)
    const unmodelled = Object.keys(b).find((k) => !docs.lineFields.has(k))
    if (unmodelled) notModelled(`the ${docs.lines} field '${unmodelled}'`)
    // [SOL] [SCML] OnValidate triggers of documentId, sequence and lineObjectNumber.
    if (b.documentId !== undefined && b.documentId !== o.erpId) dialog('The value for "documentId" cannot be modified.')
    if (b.sequence !== undefined && Number(b.sequence) !== line.key)
      dialog("The value for sequence cannot be modified. Delete and insert the line again.")
    if (b.lineObjectNumber !== undefined && line.sku !== "" && String(b.lineObjectNumber) !== line.sku)
      dialog('The value for "lineObjectNumber" cannot be modified.')
    if (b.lineType !== undefined && String(b.lineType) !== (line.lineType ?? "Item"))
      notModelled("changing a line's lineType")
    if (b.lineObjectNumber !== undefined) line.sku = String(b.lineObjectNumber)
    if (b.quantity !== undefined) line.quantity = Number(b.quantity)
    if (b.unitPrice !== undefined) line.unitPrice = decimalText(b.unitPrice)
    if (b.discountAmount !== undefined) line.discount = decimalText(b.discountAmount)
    if (b.taxCode !== undefined) line.taxCode = String(b.taxCode)
    if (b.description !== undefined) line.description = String(b.description)
    if (b.shipQuantity !== undefined) line.shipQuantity = qtyToShip(line, b.shipQuantity)
    line.version = (line.version ?? 1) + 1
    touch(o, req.rawBody)
    return reply(200, json(line))
  }

  /**
   * `shipQuantity` is the line's Qty. to Ship [SOL]; the Base App's Sales Line refuses more than
   * the outstanding quantity with "You cannot ship more than %1 units." (nothing is shipped in the
   * sandbox until a shipment is posted, so outstanding = quantity).
   */
  function qtyToShip(line: StoredLine, value: unknown): number {
    const quantity = Number(value)
    if (Math.abs(quantity) > Math.abs(line.quantity) || quantity * line.quantity < 0)
      dialog(`You cannot ship more than ${line.quantity} units.`)
    return quantity
  }

  function salesDocuments(req: SandboxRequest, id: string | undefined, rest: string[], docs: DocumentSet): Reply {
    const m = req.method
    const expand = req.query.get("$expand")?.split(",").includes(docs.lines) ?? false
    if (!id && m === "GET") {
      const filter = parseFilter(req.query.get("$filter"))
      const all = [...recordsOf(docs).values()].filter((o) => o.kind === KIND && live(o))
      // The connector's lookup is by externalDocumentNumber: answer orders from the index.
      const eq = /^externalDocumentNumber eq '((?:[^']|'')*)'$/.exec(req.query.get("$filter") ?? "")
      const candidates = eq
        ? (docs === SALES_ORDERS
            ? store.findOrders(KIND, eq[1]!.replace(/''/g, "'"))
            : store.findCreditMemos(KIND, eq[1]!.replace(/''/g, "'"))
          ).filter(live)
        : all
      return reply(200, {
        value: candidates.map((o) => orderJson(o, expand, docs)).filter((e) => !filter || filter(e)),
      })
    }
    if (!id && m === "POST") return createDocument(req, docs)
    const o = document(id!, docs)
    if (rest[0]) {
      const sub = ENTITY.exec(rest[0])
      if (sub?.[1] === docs.lines) return lines(req, o, sub[2], docs)
      return resourceNotFound(rest[0])
    }
    if (m === "GET") return reply(200, orderJson(o, expand, docs))
    if (m !== "PATCH" && m !== "DELETE") return reply(405)
    maybeAnotherUserSaves(req, () => {
      o.version += 1
      o.updatedAt = nowIso()
    })
    checkEtag(req, etagOf(o.erpId, o.version))
    if (m === "DELETE") {
      o.status = "cancelled"
      o.updatedAt = nowIso()
      store.countWrite(KIND, o.externalId, false)
      return reply(204)
    }
    return patchDocument(req, o, docs)
  }

  /**
   * [CUS]. The page inserts the Customer with its triggers: a `number` sent by the client is
   * validated against the "Customer Nos." series, which refuses it unless the series allows
   * manual numbers ([ERR] lists "You may not enter numbers manually. If you want to enter numbers
   * manually, please activate Manual Nos. in No. Series …" under Application_DialogException); a
   * customer sent without one gets the series' next number.
   */
  function customersSet(req: SandboxRequest, id: string | undefined): Reply {
    const m = req.method
    if (!id && m === "GET") {
      const filter = parseFilter(req.query.get("$filter"))
      return reply(200, {
        value: customers()
          .map(customerJson)
          .filter((e) => !filter || filter(e)),
      })
    }
    if (!id && m === "POST") {
      const b = bodyOf(req)
      refuseReadOnly("customers", b)
      if (!b.displayName) dialog('A "displayName" must be provided.')
      if (b.number !== undefined && b.number !== "" && !customerNos.manualNos) refuseManualNumber()
      const { number: sentNumber, ...fields } = b
      const number = sentNumber ? String(sentNumber) : `C${store.nextNumber()}`
      if (customerByNumber(number)) {
        fail(
          400,
          "Internal_EntityWithSameKeyExists",
          `The Customer already exists. Identification fields and values: No.='${number}'`
        )
      }
      const c: StoredCustomer = { kind: KIND, key: number, erpId: randomUUID(), fields, raw: req.rawBody, version: 1 }
      store.customers.set(`${KIND}|${number}`, c)
      return reply(201, customerJson(c))
    }
    const c = customers().find((x) => x.erpId === id) ?? notFound("Customer", id!)
    if (m === "GET") return reply(200, customerJson(c))
    if (m !== "PATCH") return m === "DELETE" ? notModelled("deleting customers") : reply(405)
    maybeAnotherUserSaves(req, () => (c.version += 1))
    checkEtag(req, etagOf(c.erpId, c.version))
    const b = bodyOf(req)
    refuseReadOnly("customers", b)
    if (b.displayName !== undefined && !b.displayName) dialog('The blank "displayName" is not allowed.')
    const { number, ...fields } = b
    // A new number renames the customer (the page's OnModifyRecord), through the same series check.
    if (number !== undefined && String(number) !== c.key) {
      if (!customerNos.manualNos) refuseManualNumber()
      if (customerByNumber(number))
        fail(
          400,
          "Internal_EntityWithSameKeyExists",
          `The Customer already exists. Identification fields and values: No.='${String(number)}'`
        )
      store.customers.delete(`${KIND}|${c.key}`)
      c.key = String(number)
      store.customers.set(`${KIND}|${c.key}`, c)
    }
    c.fields = { ...c.fields, ...fields }
    c.version += 1
    c.raw = req.rawBody
    return reply(200, customerJson(c))
  }

  function refuseManualNumber(): never {
    return dialog(
      `You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series ${customerNos.code}.`
    )
  }

  /**
   * Posted sales shipments, with only the fields [SHP] and [SHPL] have. The standard page has no
   * package tracking number and no shipping agent (the Sales Shipment Header table holds them, the
   * v2.0 page does not expose them and is `Extensible = false`), so what a test records with
   * `addShipment` as tracking stays in the store, as it would stay in BC's table.
   */
  function salesShipments(req: SandboxRequest): Reply {
    const filter = parseFilter(req.query.get("$filter"))
    const expand = req.query.get("$expand")?.includes("salesShipmentLines") ?? false
    const value = store.shipments
      .filter((s) => s.kind === KIND)
      .map((s, i) => {
        const o = store.findOrder(KIND, s.orderId)
        const number = `S-SHPT${102001 + i}`
        const day = s.shippedAt.slice(0, 10)
        return {
          id: s.erpId,
          number,
          externalDocumentNumber: s.orderId,
          postingDate: day,
          customerNumber: o?.fields.customerNumber ?? "",
          customerName: o?.fields.customerName ?? "",
          shipToName: o?.fields.shipToName ?? "",
          orderNumber: o?.number ?? "",
          lastModifiedDateTime: s.shippedAt,
          ...(expand
            ? {
                salesShipmentLines: s.lines.map((l, n) => ({
                  id: `${s.erpId.slice(0, 24)}${String(n).padStart(12, "0")}`,
                  documentId: s.erpId,
                  documentNo: number,
                  sequence: (n + 1) * 10000,
                  // [SHPL] lineType is the Sales Shipment Line's Type ("Item" for items).
                  lineType: "Item",
                  lineObjectNumber: l.sku,
                  description: o?.lines.find((ol) => ol.sku === l.sku)?.description ?? "",
                  quantity: l.quantity,
                  shipmentDate: day,
                })),
              }
            : {}),
        }
      })
      .filter((e) => !filter || filter(e))
    return reply(200, { value })
  }

  const handle = (req: SandboxRequest): Reply => {
    if (/^(\/[^/]+)?\/oauth2\/v2\.0\/token$/.test(req.path) && req.method === "POST")
      return tokens.clientCredentials(req, KIND)
    const company = COMPANY_PATH.exec(req.path)
    if (!company)
      return vendorError(
        KIND,
        404,
        "BadRequest_NotFound",
        `No HTTP resource was found that matches the request URI ${req.path}.`
      )
    if (!tokens.valid(bearerToken(req.headers), KIND)) {
      return vendorError(
        KIND,
        401,
        "Authentication_InvalidCredentials",
        "The server has rejected the client credentials."
      )
    }
    const segments = (company[4] ?? "").split("/").filter(Boolean).map(decodeURIComponent)
    if (!segments.length)
      return reply(200, {
        id: company[3],
        systemVersion: "24.0",
        name: "CRONUS (sandbox)",
        displayName: "CRONUS (sandbox)",
      })
    const entity = ENTITY.exec(segments[0]!) ?? resourceNotFound(segments[0]!)
    const [, set, id] = entity
    if (set === "salesOrders") return salesDocuments(req, id, segments.slice(1), SALES_ORDERS)
    if (set === "salesCreditMemos") return salesDocuments(req, id, segments.slice(1), SALES_CREDIT_MEMOS)
    if (set === "customers") return customersSet(req, id)
    // [SHP]: InsertAllowed, ModifyAllowed and DeleteAllowed are false.
    if (set === "salesShipments" && !id && req.method === "GET") return salesShipments(req)
    if (set === "salesShipments")
      return req.method === "GET" ? notModelled("reading one salesShipment by id") : reply(405)
    return resourceNotFound(segments[0]!)
  }

  return Object.assign(handle, {
    anotherUserSavesBeforeNextWrite(n: number, pathIncludes?: string): void {
      concurrentEdits = { remaining: n, pathIncludes }
    },
    reset(): void {
      concurrentEdits = { remaining: 0, pathIncludes: undefined }
    },
  })
}
