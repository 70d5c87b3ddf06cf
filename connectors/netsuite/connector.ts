/**
 * NetSuite (SuiteTalk REST web services) adapter.
 *
 * - Auth: OAuth 2.0 client credentials (M2M); each token request carries a fresh JWT client
 *   assertion signed with the certificate's private key.
 * - Writes are upserts keyed by our ids: `PUT /record/v1/salesOrder/eid:<order id>` and
 *   `PUT /record/v1/customer/eid:<company id>` create or update (Oracle, "Using the Upsert
 *   Operation"); NetSuite answers 204 with the record's `Location` either way, so `created` is
 *   only true for records this adapter knows it created (fulfillments). A changed order (revision
 *   > 1) is read first, so the update addresses its lines by `line` key and never tries to remove
 *   a fulfilled or billed line (`lines.ts`); a first revision is written in one request.
 * - Returns: the sales order stays as sold (`orderAsSold`: NetSuite will not lower a line below
 *   its fulfilled quantity), and each received return is a credit memo upserted by our return id
 *   (`credit-memo.ts`).
 * - Currencies are referenced by internal id, resolved from the ISO code; SKUs read back are the
 *   item's `itemid`; both through SuiteQL, cached per connection (`lookups.ts`).
 * - In-flight requests are capped per connection (`concurrency`); NetSuite rejects the request
 *   past the account limit rather than queueing it.
 *
 * @module
 */
import { ConnectorBase, idFromLocation, requireSettings, toDate, type ConnectorDeps } from "../lib/connector-base"
import { ErpPermanentError, ErpRetryableError, isErpError } from "../lib/errors"
import { OAuth2ClientCredentials } from "../lib/http/auth"
import type { HttpClient } from "../lib/http/client"
import type {
  CancelResult,
  CustomerUpsertResult,
  FulfillmentRequest,
  FulfillmentRequestResult,
  HubCustomer,
  HubOrder,
  HubReturn,
  Shipment,
  UpsertResult,
} from "../lib/types"
import { orderAsSold } from "../lib/returns"
import { createClientAssertion, defaultAlgorithm, importPrivateKey, NETSUITE_DEFAULT_SCOPES } from "./client-assertion"
import { toNetSuiteCreditMemo } from "./credit-memo"
import { isDuplicateExternalId, parseNetSuiteError } from "./errors"
import { fulfillmentItems, keyedItemLines } from "./lines"
import { NetSuiteLookups } from "./lookups"
import {
  DEFAULT_LINE_ID_FIELD,
  eid,
  fromNetSuiteFulfillment,
  itemIdsOf,
  orderLines,
  queryDate,
  replacedSublists,
  toNetSuiteCustomer,
  toNetSuiteSalesOrder,
  type NetSuiteOrderLine,
  type NetSuiteRef,
} from "./mapping"
import {
  defaultBaseUrl,
  RECORD_PATH,
  SUITEQL_PATH,
  TOKEN_PATH,
  validateNetSuiteOptions,
  type NetSuiteCredentials,
  type NetSuiteSettings,
} from "./settings"

// Smallest account concurrency limit (shared service tier without SuiteCloud Plus).
const DEFAULT_CONCURRENCY = 5
// salesOrder `orderStatus` ids with nothing left to cancel: C Cancelled, H Closed. The letters are
// in `orderStatus` (A Pending Approval, B Pending Fulfillment, …; Oracle, "Use Case For Approving
// Your Sales Order", section_159795516182); `status` carries the status text, not the letter.
const CLOSED_ORDER_STATUSES = new Set(["C", "H"])
// itemFulfillment shipStatus: A Picked, B Packed, C Shipped. Only C is a shipment.
const SHIPPED = "C"
const PAGE_SIZE = 1000

export class NetSuiteConnector extends ConnectorBase {
  static readonly kind = "netsuite" as const
  readonly kind = NetSuiteConnector.kind
  readonly baseUrl: string
  readonly tokenUrl: string
  private readonly http: HttpClient
  private readonly oauth: OAuth2ClientCredentials
  private readonly lookups: NetSuiteLookups

  static validateOptions(settings: NetSuiteSettings, credentials: NetSuiteCredentials): void {
    validateNetSuiteOptions(settings, credentials)
  }

  constructor(
    private readonly settings: NetSuiteSettings,
    credentials: NetSuiteCredentials,
    deps: ConnectorDeps = {},
    connectionId = settings?.accountId
  ) {
    NetSuiteConnector.validateOptions(settings, credentials)
    super("netsuite", connectionId, deps)
    this.redactor.add(credentials.privateKey)
    const privateKey = importPrivateKey(credentials.privateKey)
    const algorithm = credentials.algorithm ?? defaultAlgorithm(privateKey)
    this.baseUrl = (settings.baseUrl ?? defaultBaseUrl(settings.accountId)).replace(/\/+$/, "")
    this.tokenUrl = settings.tokenUrl ?? `${this.baseUrl}${TOKEN_PATH}`

    this.oauth = new OAuth2ClientCredentials({
      tokenUrl: this.tokenUrl,
      clientId: credentials.clientId,
      transport: this.createTokenClient(settings),
      redactor: this.redactor,
      now: this.now,
      extraParams: async () => ({
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await createClientAssertion({
          clientId: credentials.clientId,
          certificateId: credentials.certificateId,
          privateKey,
          algorithm,
          tokenUrl: this.tokenUrl,
          scopes: settings.scopes ?? NETSUITE_DEFAULT_SCOPES,
          nowMs: this.now(),
        }),
      }),
    })
    this.http = this.createApiClient(
      { ...settings, concurrency: settings.concurrency ?? DEFAULT_CONCURRENCY },
      { baseURL: `${this.baseUrl}${RECORD_PATH}`, auth: this.oauth, parseVendorError: parseNetSuiteError }
    )
    this.lookups = new NetSuiteLookups(this.http, `${this.baseUrl}${SUITEQL_PATH}`, settings.currencyIds)
  }

  /** Token requests made so far (one per token lifetime, shared by concurrent callers). */
  get tokenRequestCount(): number {
    return this.oauth.tokenRequests
  }

  protected async ping(): Promise<void> {
    await this.http.request({ operation: "healthCheck", method: "GET", url: "/salesOrder", params: { limit: 1 } })
  }

  async upsertCustomer(customer: HubCustomer): Promise<CustomerUpsertResult> {
    requireSettings("netsuite upsertCustomer", { company_id: customer.company_id, name: customer.name })
    const currencyId = customer.currency_code
      ? await this.lookups.currencyId(customer.currency_code, "upsertCustomer")
      : undefined
    const body = toNetSuiteCustomer(customer, this.settings, { currencyId })
    // A customer the ERP already knows by internal id is updated in place; otherwise upsert by our id.
    const res = customer.erp_account_number
      ? await this.http.request({
          operation: "upsertCustomer",
          method: "PATCH",
          url: `/customer/${encodeURIComponent(customer.erp_account_number)}`,
          body,
        })
      : await this.http.request({
          operation: "upsertCustomer",
          method: "PUT",
          url: `/customer/${eid(customer.company_id)}`,
          params: { replace: "addressBook" },
          body,
        })
    const erpId = idFromLocation(res.headers.location) ?? customer.erp_account_number ?? customer.company_id
    return { erpId, accountNumber: erpId, created: false }
  }

  /**
   * Creates the order, or brings the one NetSuite has to the order's state: lines matched by their
   * line id are updated in place by `line` key, new ones added, dropped ones removed, or closed
   * when fulfilled or billed (see `lines.ts`). Returned units stay on the order (as sold): their
   * credit is the return's credit memo (`upsertReturn`).
   */
  async upsertSalesOrder(hubOrder: HubOrder): Promise<UpsertResult> {
    const order = orderAsSold(hubOrder)
    // Mapped first: an order that does not add up, or whose id cannot be an external id, is
    // refused before any request.
    const path = `/salesOrder/${eid(order.id)}`
    const body = toNetSuiteSalesOrder(order, this.settings)
    body.currency = { id: await this.lookups.currencyId(order.currency_code, "upsertSalesOrder") }
    // A first revision is written straight away (one request, not two): the hub has never had
    // it fulfilled or edited in NetSuite, so no line there can refuse the replace. If NetSuite
    // refuses anyway and the order is there (someone worked it in NetSuite), the keyed path below
    // takes over; with no order there the refusal is about the order itself and stands.
    let firstRefusal: unknown
    if (order.revision === 1) {
      try {
        return await this.putSalesOrder(path, body, order.id)
      } catch (e) {
        if (!isErpError(e) || e.status !== 400) throw e
        firstRefusal = e
      }
    }
    const existing = await this.getSalesOrder(order.id, "upsertSalesOrder")
    if (!existing && firstRefusal) throw firstRefusal
    if (existing) {
      const wanted = (body.item as { items: Array<Record<string, unknown>> }).items
      body.item = {
        items: keyedItemLines(wanted, orderLines(existing), this.settings.lineIdField ?? DEFAULT_LINE_ID_FIELD),
      }
    }
    return this.putSalesOrder(path, body, existing?.id !== undefined ? String(existing.id) : order.id)
  }

  /**
   * The return as a credit memo, upserted by our return id: a repeated call updates the same
   * record (its lines replaced by the return's), never adds a second.
   */
  async upsertReturn(order: HubOrder, ret: HubReturn): Promise<UpsertResult> {
    const path = `/creditMemo/${eid(ret.id)}`
    const body = toNetSuiteCreditMemo(order, ret, this.settings)
    body.currency = { id: await this.lookups.currencyId(order.currency_code, "upsertReturn") }
    const res = await this.http.request({
      operation: "upsertReturn",
      method: "PUT",
      url: path,
      params: { replace: replacedSublists(this.settings) },
      body,
    })
    return { erpId: idFromLocation(res.headers.location) ?? ret.id, created: false }
  }

  /** replace=item(,taxDetails): lines the request leaves out are removed, keyed ones updated. */
  private async putSalesOrder(path: string, body: Record<string, unknown>, knownId: string): Promise<UpsertResult> {
    const res = await this.http.request({
      operation: "upsertSalesOrder",
      method: "PUT",
      url: path,
      params: { replace: replacedSublists(this.settings) },
      body,
    })
    return { erpId: idFromLocation(res.headers.location) ?? knownId, created: false }
  }

  /** Closes every open line (NetSuite's REST form of cancelling an order). */
  async cancelSalesOrder(orderId: string): Promise<CancelResult> {
    const record = await this.getSalesOrder(orderId, "cancelSalesOrder")
    if (!record) return { status: "not_found" }
    const erpId = String(record.id)
    const status = (record.orderStatus as NetSuiteRef | undefined)?.id
    const open = orderLines(record).filter((l) => !l.isClosed)
    if ((status && CLOSED_ORDER_STATUSES.has(status)) || open.length === 0)
      return { status: "already_cancelled", erpId }
    await this.http.request({
      operation: "cancelSalesOrder",
      method: "PATCH",
      url: `/salesOrder/${encodeURIComponent(erpId)}`,
      body: { item: { items: open.map((l) => ({ line: l.line, isClosed: true })) } },
    })
    return { status: "cancelled", erpId }
  }

  /**
   * Transforms the sales order into an itemFulfillment (status Picked) or a fulfillmentRequest
   * for the requested lines, with our fulfillment id as its external id; a request that already
   * exists is returned as is. The transform pre-fills every fulfillable line, so every other open
   * line is named with `itemReceive: false` (see `lines.ts`).
   */
  async createFulfillmentRequest(req: FulfillmentRequest): Promise<FulfillmentRequestResult> {
    const recordType = this.settings.fulfillmentRecordType ?? "itemFulfillment"
    const existing = await this.findFulfillment(recordType, req.id)
    if (existing) return { erpRef: existing, created: false }

    const order = await this.getSalesOrder(req.order_id, "createFulfillmentRequest")
    if (!order) {
      // Order sync and fulfillment run on separate queues; the order may simply not be there yet.
      throw new ErpRetryableError(
        `${this.key} createFulfillmentRequest: sales order ${req.order_id} is not in NetSuite yet`,
        {
          connector: this.key,
          operation: "createFulfillmentRequest",
          status: 404,
          requestMayHaveBeenProcessed: false,
        }
      )
    }
    const soLines = orderLines(order)
    const body: Record<string, unknown> = {
      externalId: req.id,
      memo: req.shipping_method
        ? `backy fulfillment ${req.id} (${req.shipping_method})`
        : `backy fulfillment ${req.id}`,
      item: { items: fulfillmentItems(await this.requestedLines(req, soLines), soLines) },
    }
    if (recordType === "itemFulfillment") body.shipStatus = { id: "A" }

    try {
      const res = await this.http.request({
        operation: "createFulfillmentRequest",
        method: "POST",
        url: `/salesOrder/${encodeURIComponent(String(order.id))}/!transform/${recordType}`,
        body,
      })
      return { erpRef: idFromLocation(res.headers.location) ?? req.id, created: true }
    } catch (e) {
      // An earlier attempt got through before its response was lost: already done.
      if (isErpError(e) && e instanceof ErpPermanentError && isDuplicateExternalId(e.vendorCode, e.vendorMessage)) {
        const id = await this.findFulfillment(recordType, req.id)
        if (id) return { erpRef: id, created: false }
      }
      throw e
    }
  }

  /**
   * Deletes the item fulfillment (or fulfillment request) our fulfillment became, unless it has
   * shipped: NetSuite keeps a shipped fulfillment, and so must we.
   */
  async cancelFulfillmentRequest(req: Pick<FulfillmentRequest, "id" | "order_id">): Promise<CancelResult> {
    const recordType = this.settings.fulfillmentRecordType ?? "itemFulfillment"
    const res = await this.http.request<{ id?: string | number; shipStatus?: { id?: string } }>({
      operation: "cancelFulfillmentRequest",
      method: "GET",
      url: `/${recordType}/${eid(req.id)}`,
      allowStatus: [404],
    })
    if (res.status === 404) return { status: "not_found" }
    const erpId = String(res.data.id ?? req.id)
    if (res.data.shipStatus?.id === SHIPPED) {
      throw new ErpPermanentError(
        `${this.key} cancelFulfillmentRequest: fulfillment ${req.id} has already shipped (${recordType} ${erpId})`,
        {
          connector: this.key,
          operation: "cancelFulfillmentRequest",
        }
      )
    }
    const del = await this.http.request({
      operation: "cancelFulfillmentRequest",
      method: "DELETE",
      url: `/${recordType}/${encodeURIComponent(erpId)}`,
      allowStatus: [404],
    })
    return del.status === 404 ? { status: "already_cancelled", erpId } : { status: "cancelled", erpId }
  }

  /** Shipped item fulfillments modified on or after `since` (day granularity; dedupe on `erp_id`). */
  async readShipments(since: Date | string): Promise<Shipment[]> {
    const q = `lastModifiedDate ON_OR_AFTER "${queryDate(toDate(since), this.settings.queryDateFormat)}"`
    const ids: string[] = []
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.http.request<{ items?: Array<{ id: string }>; hasMore?: boolean }>({
        operation: "readShipments",
        method: "GET",
        url: "/itemFulfillment",
        params: { q, limit: PAGE_SIZE, offset },
      })
      ids.push(...(page.data.items ?? []).map((i) => String(i.id)))
      if (!page.data.hasMore) break
    }

    const externalIds = new Map<string, string | undefined>()
    const shipped: Array<{ record: Record<string, unknown>; orderId: string }> = []
    for (const id of ids) {
      const { data: record } = await this.http.request<Record<string, unknown>>({
        operation: "readShipments",
        method: "GET",
        url: `/itemFulfillment/${encodeURIComponent(id)}`,
        params: { expandSubResources: true },
      })
      if ((record.shipStatus as { id?: string } | undefined)?.id !== SHIPPED) continue
      const soId = (record.createdFrom as { id?: string } | undefined)?.id
      if (!soId) continue
      if (!externalIds.has(soId)) externalIds.set(soId, await this.salesOrderExternalId(soId))
      const orderId = externalIds.get(soId)
      // Orders without an external id were not synced by the hub.
      if (orderId) shipped.push({ record, orderId })
    }
    const skus = await this.lookups.itemNumbers(
      shipped.flatMap(({ record }) => itemIdsOf(orderLines(record))),
      "readShipments"
    )
    return shipped.map(({ record, orderId }) => fromNetSuiteFulfillment(record, orderId, this.settings, skus))
  }

  private async getSalesOrder(orderId: string, operation: string): Promise<Record<string, unknown> | undefined> {
    const res = await this.http.request<Record<string, unknown>>({
      operation,
      method: "GET",
      url: `/salesOrder/${eid(orderId)}`,
      params: { expandSubResources: true },
      allowStatus: [404],
    })
    return res.status === 404 ? undefined : res.data
  }

  private async salesOrderExternalId(internalId: string): Promise<string | undefined> {
    const res = await this.http.request<{ externalId?: string }>({
      operation: "readShipments",
      method: "GET",
      url: `/salesOrder/${encodeURIComponent(internalId)}`,
      params: { fields: "externalId" },
      allowStatus: [404],
    })
    return res.status === 404 ? undefined : res.data.externalId
  }

  private async findFulfillment(recordType: string, requestId: string): Promise<string | undefined> {
    const res = await this.http.request<{ id?: string | number }>({
      operation: "createFulfillmentRequest",
      method: "GET",
      url: `/${recordType}/${eid(requestId)}`,
      allowStatus: [404],
    })
    return res.status === 404 ? undefined : String(res.data.id ?? requestId)
  }

  /**
   * Our request lines → the sales order lines they fulfil, with the quantity: by the line-id
   * column, else (a line written without one) by SKU, the item's `itemid`.
   */
  private async requestedLines(
    req: FulfillmentRequest,
    soLines: NetSuiteOrderLine[]
  ): Promise<Map<NetSuiteOrderLine, number>> {
    const field = this.settings.lineIdField ?? DEFAULT_LINE_ID_FIELD
    const requested = new Map<NetSuiteOrderLine, number>()
    const free = (l: NetSuiteOrderLine): boolean => !requested.has(l) && l.line !== undefined
    let skus: Map<string, string> | undefined
    for (const wanted of req.lines) {
      let match = soLines.find((l) => free(l) && l[field] === wanted.line_id)
      if (!match) {
        skus ??= await this.lookups.itemNumbers(itemIdsOf(soLines), "createFulfillmentRequest")
        match = soLines.find((l) => free(l) && l[field] === undefined && skus!.get(String(l.item?.id)) === wanted.sku)
      }
      if (!match) {
        throw new ErpPermanentError(
          `${this.key} createFulfillmentRequest: order ${req.order_id} has no line ${wanted.line_id} (${wanted.sku})`,
          {
            connector: this.key,
            operation: "createFulfillmentRequest",
          }
        )
      }
      requested.set(match, wanted.quantity)
    }
    return requested
  }
}
