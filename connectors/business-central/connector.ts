/**
 * Microsoft Dynamics 365 Business Central adapter (API v2.0).
 *
 * - Auth: Microsoft Entra client credentials, scope `https://api.businesscentral.dynamics.com/.default`.
 * - BC has no upsert and allows duplicate external document numbers, so every write starts
 *   with a lookup: `GET salesOrders?$filter=externalDocumentNumber eq '<order id>'`. A missing
 *   order is created (`POST salesOrders`), an existing one is patched; lines are then reconciled
 *   one by one, so a sync that died halfway resumes where it stopped.
 * - Updates and deletes send `If-Match: <@odata.etag>`. A stale one gets 409 Request_EntityChanged
 *   (someone saved the record since it was read: a BC user, or BC itself, which recalculates an
 *   order whenever one of its lines changes): the record is read again and the write rebuilt from
 *   it, at most `MAX_WRITE_ATTEMPTS` times (`conditionalWrite`).
 * - A create is a POST: it is not resent after an ambiguous failure (the lookup on the next
 *   call finds it if it got through).
 * - Customers are created under a number the hub chooses, which needs BC's Customer Nos. series
 *   to allow manual numbers; a refusal becomes an `ErpConfigError` saying how to fix the setup.
 * - Shipments are the standard `salesShipments`, which have no tracking number; tracking comes
 *   only from the merchant's own API page, when `settings.shipmentTracking` names one.
 * - Returns: the sales order stays as sold (`orderAsSold`: BC will not lower a line below its
 *   Quantity Shipped), and each received return is a sales credit memo found by
 *   externalDocumentNumber = our return id, written the same way as an order (`credit-memo.ts`).
 *
 * @module
 */
import { ConnectorBase, isoDay, requireSettings, type ConnectorDeps } from "../lib/connector-base"
import { detailsOf, ErpConfigError, ErpPermanentError, ErpRetryableError, isErpError } from "../lib/errors"
import { OAuth2ClientCredentials } from "../lib/http/auth"
import type { HttpClient, HttpRequest } from "../lib/http/client"
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
import { toBcSalesCreditMemo, toBcSalesCreditMemoLines } from "./credit-memo"
import { isEntityChanged, isManualNumberRefused, parseBusinessCentralError } from "./errors"
import {
  changedFields,
  customerNumberFor,
  fromBcShipment,
  lineMatches,
  odataString,
  toBcCustomer,
  toBcSalesOrder,
  toBcSalesOrderLines,
  type BcLine,
  type BcShipmentTracking,
} from "./mapping"
import {
  companyUrl,
  DEFAULT_SCOPE,
  defaultTokenUrl,
  validateBusinessCentralOptions,
  type BusinessCentralCredentials,
  type BusinessCentralSettings,
} from "./settings"

type Entity = Record<string, unknown> & { id: string; "@odata.etag"?: string }
type Collection = { value?: Entity[]; "@odata.nextLink"?: string }

// BC allows 100 simultaneous requests per user, shared with every other integration.
const DEFAULT_CONCURRENCY = 10
// Tries of one conditional write while BC keeps answering Request_EntityChanged; a record that
// changes under us this often is busy, and the next sync of the order tries again.
const MAX_WRITE_ATTEMPTS = 3

/** A sales document entity set and its lines' (API v2.0: the same line fields on both). */
type DocumentSet = { set: "salesOrders" | "salesCreditMemos"; lines: "salesOrderLines" | "salesCreditMemoLines" }
const SALES_ORDERS: DocumentSet = { set: "salesOrders", lines: "salesOrderLines" }
const SALES_CREDIT_MEMOS: DocumentSet = { set: "salesCreditMemos", lines: "salesCreditMemoLines" }

export class BusinessCentralConnector extends ConnectorBase {
  static readonly kind = "business-central" as const
  readonly kind = BusinessCentralConnector.kind
  readonly baseUrl: string
  private readonly http: HttpClient
  private readonly oauth: OAuth2ClientCredentials

  static validateOptions(settings: BusinessCentralSettings, credentials: BusinessCentralCredentials): void {
    validateBusinessCentralOptions(settings, credentials)
  }

  constructor(
    private readonly settings: BusinessCentralSettings,
    credentials: BusinessCentralCredentials,
    deps: ConnectorDeps = {},
    connectionId = settings ? `${settings.tenantId}/${settings.environment}/${settings.companyId}` : ""
  ) {
    BusinessCentralConnector.validateOptions(settings, credentials)
    super("business-central", connectionId, deps)
    this.baseUrl = companyUrl(settings)
    this.oauth = new OAuth2ClientCredentials({
      tokenUrl: settings.tokenUrl ?? defaultTokenUrl(settings.tenantId),
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      scope: settings.scope ?? DEFAULT_SCOPE,
      transport: this.createTokenClient(settings),
      redactor: this.redactor,
      now: this.now,
    })
    this.http = this.createApiClient(
      { ...settings, concurrency: settings.concurrency ?? DEFAULT_CONCURRENCY },
      { baseURL: this.baseUrl, auth: this.oauth, parseVendorError: parseBusinessCentralError }
    )
  }

  get tokenRequestCount(): number {
    return this.oauth.tokenRequests
  }

  protected async ping(): Promise<void> {
    await this.http.request({ operation: "healthCheck", method: "GET", url: "" })
  }

  async upsertCustomer(customer: HubCustomer): Promise<CustomerUpsertResult> {
    requireSettings("business-central upsertCustomer", { company_id: customer.company_id, name: customer.name })
    const wanted = toBcCustomer(customer, this.settings)
    const number = customerNumberFor(customer)
    const [existing] = await this.list("upsertCustomer", "customers", { $filter: `number eq ${odataString(number)}` })
    if (!existing) {
      const res = await this.http
        .request<Entity>({ operation: "upsertCustomer", method: "POST", url: "customers", body: wanted })
        .catch((e: unknown) => {
          if (!isManualNumberRefused(e)) throw e
          throw new ErpConfigError(
            `${this.key} upsertCustomer: Business Central refused customer number ${number} because its Customer Nos. number series ` +
              `does not allow manual numbers. Either turn on Manual Nos. for that series (Sales & Receivables Setup, Customer Nos.), ` +
              `or create the customer in Business Central and set the company's erp_account_number to its number. BC said: ${e.vendorMessage}`,
            detailsOf(e)
          )
        })
      return { erpId: res.data.id, accountNumber: number, created: true }
    }
    await this.patch("upsertCustomer", `customers(${existing.id})`, existing, (current) =>
      changedFields(current, wanted)
    )
    return { erpId: existing.id, accountNumber: number, created: false }
  }

  /** The order as sold (returned units stay; their credit is the return's credit memo). */
  async upsertSalesOrder(hubOrder: HubOrder): Promise<UpsertResult> {
    const order = orderAsSold(hubOrder)
    const header = toBcSalesOrder(order, this.settings)
    const lines = toBcSalesOrderLines(order, this.settings)
    return this.upsertDocument(SALES_ORDERS, order.id, header, lines, "upsertSalesOrder")
  }

  /** The return as a sales credit memo, found again by its externalDocumentNumber (our return id). */
  async upsertReturn(order: HubOrder, ret: HubReturn): Promise<UpsertResult> {
    const header = toBcSalesCreditMemo(order, ret, this.settings)
    const lines = toBcSalesCreditMemoLines(order, ret, this.settings)
    return this.upsertDocument(SALES_CREDIT_MEMOS, ret.id, header, lines, "upsertReturn")
  }

  /**
   * Finds the document by externalDocumentNumber, creates it (POST, never resent: the next call's
   * lookup finds one that got through) or patches its header, then reconciles its lines.
   */
  private async upsertDocument(
    documents: DocumentSet,
    externalId: string,
    header: Record<string, unknown>,
    lines: BcLine[],
    operation: string
  ): Promise<UpsertResult> {
    let existing = await this.findDocument(documents, externalId, operation)
    let created = false
    if (!existing) {
      const res = await this.http.request<Entity>({ operation, method: "POST", url: documents.set, body: header })
      existing = { ...res.data, [documents.lines]: [] }
      created = true
    } else {
      await this.patch(operation, `${documents.set}(${existing.id})`, existing, (current) =>
        changedFields(current, header)
      )
    }
    await this.syncLines(documents, existing.id, lines, existing[documents.lines] as Entity[] | undefined, operation)
    return { erpId: existing.id, created }
  }

  /** BC v2.0 has no cancel action for orders; an unposted order is deleted. */
  async cancelSalesOrder(orderId: string): Promise<CancelResult> {
    const existing = await this.findOrder(orderId, "cancelSalesOrder", false)
    if (!existing) return { status: "not_found" }
    await this.delete("cancelSalesOrder", `salesOrders(${existing.id})`, existing)
    return { status: "cancelled", erpId: existing.id }
  }

  /**
   * Sets each line's `shipQuantity` (Qty. to Ship) to what this request asks for and the other
   * lines' to 0: the warehouse ships exactly the requested lines. Idempotent: a repeated request
   * changes nothing.
   */
  async createFulfillmentRequest(req: FulfillmentRequest): Promise<FulfillmentRequestResult> {
    const order = await this.findOrder(req.order_id, "createFulfillmentRequest")
    if (!order) {
      // Order sync and fulfillment run on separate queues; the order may simply not be there yet.
      throw new ErpRetryableError(
        `${this.key} createFulfillmentRequest: sales order ${req.order_id} is not in Business Central yet`,
        {
          connector: this.key,
          operation: "createFulfillmentRequest",
          status: 404,
          requestMayHaveBeenProcessed: false,
        }
      )
    }
    const itemLines = ((order.salesOrderLines as Entity[] | undefined) ?? []).filter((l) => l.lineType === "Item")
    const target = new Map<Entity, number>(itemLines.map((l) => [l, 0]))
    for (const wanted of req.lines) {
      const line = itemLines.find((l) => l.lineObjectNumber === wanted.sku && target.get(l) === 0)
      if (!line) {
        throw new ErpPermanentError(
          `${this.key} createFulfillmentRequest: order ${req.order_id} has no open line for ${wanted.sku}`,
          {
            connector: this.key,
            operation: "createFulfillmentRequest",
          }
        )
      }
      target.set(line, wanted.quantity)
    }
    let changed = 0
    for (const [line, quantity] of target) {
      if (Number(line.shipQuantity ?? 0) === quantity) continue
      await this.patch(
        "createFulfillmentRequest",
        `salesOrders(${order.id})/salesOrderLines(${line.id})`,
        line,
        (current) => (Number(current.shipQuantity ?? 0) === quantity ? {} : { shipQuantity: quantity })
      )
      changed += 1
    }
    return { erpRef: String(order.number ?? order.id), created: changed > 0 }
  }

  /**
   * A BC fulfillment request is the order lines' Qty. to Ship, so withdrawing it sets them back
   * to 0. Whatever has been posted as a shipment stays shipped (BC keeps posted shipments).
   */
  async cancelFulfillmentRequest(req: Pick<FulfillmentRequest, "id" | "order_id">): Promise<CancelResult> {
    const order = await this.findOrder(req.order_id, "cancelFulfillmentRequest")
    if (!order) return { status: "not_found" }
    const lines = ((order.salesOrderLines as Entity[] | undefined) ?? []).filter(
      (l) => l.lineType === "Item" && Number(l.shipQuantity ?? 0) > 0
    )
    for (const line of lines) {
      await this.patch(
        "cancelFulfillmentRequest",
        `salesOrders(${order.id})/salesOrderLines(${line.id})`,
        line,
        (current) => (Number(current.shipQuantity ?? 0) === 0 ? {} : { shipQuantity: 0 })
      )
    }
    const erpId = String(order.number ?? order.id)
    return lines.length ? { status: "cancelled", erpId } : { status: "already_cancelled", erpId }
  }

  /**
   * Sales shipments posted on or after `since` (day granularity; dedupe on `erp_id`). The standard
   * page carries no tracking: each shipment has no tracking numbers and no carrier unless
   * `settings.shipmentTracking` names the merchant's API page that has them.
   */
  async readShipments(since: Date | string): Promise<Shipment[]> {
    const day = isoDay(since)
    const records = await this.list("readShipments", "salesShipments", {
      $filter: `postingDate ge ${day}`,
      $expand: "salesShipmentLines",
    })
    const tracking = this.settings.shipmentTracking
      ? await this.readTracking(day)
      : new Map<string, BcShipmentTracking>()
    return records
      .map((r) => fromBcShipment(r, tracking.get(String(r.id))))
      .filter((s): s is Shipment => s !== undefined)
  }

  /** Tracking number (and carrier) per shipment id, from the custom page `settings.shipmentTracking`. */
  private async readTracking(day: string): Promise<Map<string, BcShipmentTracking>> {
    const t = this.settings.shipmentTracking!
    const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined)
    const rows = await this.list("readShipments", `${companyUrl(this.settings, t.apiRoute)}/${t.entitySet}`, {
      $filter: `postingDate ge ${day}`,
      $select: ["id", t.trackingNumberField, ...(t.carrierField ? [t.carrierField] : [])].join(","),
    })
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          trackingNumber: text(r[t.trackingNumberField]),
          carrier: t.carrierField ? text(r[t.carrierField]) : undefined,
        },
      ])
    )
  }

  private findOrder(orderId: string, operation: string, expandLines = true): Promise<Entity | undefined> {
    return this.findDocument(SALES_ORDERS, orderId, operation, expandLines)
  }

  private async findDocument(
    documents: DocumentSet,
    externalId: string,
    operation: string,
    expandLines = true
  ): Promise<Entity | undefined> {
    const [first] = await this.list(operation, documents.set, {
      $filter: `externalDocumentNumber eq ${odataString(externalId)}`,
      ...(expandLines ? { $expand: documents.lines } : {}),
    })
    return first
  }

  /** Every entity of a collection query, following `@odata.nextLink`. */
  private async list(operation: string, url: string, params: Record<string, string>): Promise<Entity[]> {
    const out: Entity[] = []
    let next: { url: string; params?: Record<string, string> } | undefined = { url, params }
    while (next) {
      const res: { data: Collection } = await this.http.request<Collection>({
        operation,
        method: "GET",
        url: next.url,
        params: next.params,
      })
      out.push(...(res.data.value ?? []))
      const link = res.data["@odata.nextLink"]
      next = link ? { url: link } : undefined
    }
    return out
  }

  /** Makes BC's lines equal `wanted`, by sequence: create missing, patch changed, delete extra. */
  private async syncLines(
    documents: DocumentSet,
    documentId: string,
    wanted: BcLine[],
    known: Entity[] | undefined,
    operation: string
  ): Promise<void> {
    const base = `${documents.set}(${documentId})/${documents.lines}`
    const existing = known ?? (await this.list(operation, base, {}))
    const bySequence = new Map(existing.map((l) => [Number(l.sequence), l]))
    for (const line of wanted) {
      const current = bySequence.get(line.sequence)
      bySequence.delete(line.sequence)
      if (current && lineMatches(current, line)) continue
      if (
        current &&
        current.lineType === line.lineType &&
        (current.lineObjectNumber ?? "") === (line.lineObjectNumber ?? "")
      ) {
        // sequence and lineObjectNumber cannot be modified (APIV2SalesOrderLines.Page.al), so they are not sent.
        const { sequence: _sequence, lineType: _lineType, lineObjectNumber: _number, ...changes } = line
        await this.patch(operation, `${base}(${current.id})`, current, (fresh) =>
          lineMatches(fresh, line) ? {} : changes
        )
        continue
      }
      if (current) await this.delete(operation, `${base}(${current.id})`, current)
      await this.http.request({ operation, method: "POST", url: base, body: line })
    }
    for (const extra of bySequence.values()) await this.delete(operation, `${base}(${extra.id})`, extra)
  }

  /** PATCHes what `changes` says the record still needs (nothing: no request). */
  private async patch(
    operation: string,
    url: string,
    current: Entity,
    changes: (record: Entity) => Record<string, unknown>
  ): Promise<void> {
    await this.conditionalWrite(operation, url, current, (record) => {
      const body = changes(record)
      return Object.keys(body).length
        ? { operation, method: "PATCH", url, body, headers: { "If-Match": etagOf(record) } }
        : undefined
    })
  }

  private async delete(operation: string, url: string, current: Entity): Promise<void> {
    await this.conditionalWrite(operation, url, current, (record) => ({
      operation,
      method: "DELETE",
      url,
      headers: { "If-Match": etagOf(record) },
    }))
  }

  /**
   * Sends the write `build` makes from the record as last read. On 409 Request_EntityChanged the
   * record is read again and the write rebuilt from the fresh copy (`build` returns undefined when
   * it needs nothing any more; a record deleted meanwhile needs no DELETE), at most
   * `MAX_WRITE_ATTEMPTS` writes; then a retryable error, so the sync tries again later.
   */
  private async conditionalWrite(
    operation: string,
    url: string,
    current: Entity,
    build: (record: Entity) => HttpRequest | undefined
  ): Promise<void> {
    let record = current
    for (let attempt = 1; ; attempt++) {
      const request = build(record)
      if (!request) return
      try {
        await this.http.request(request)
        return
      } catch (e) {
        if (!isEntityChanged(e)) throw e
        if (attempt >= MAX_WRITE_ATTEMPTS) {
          throw new ErpRetryableError(
            `${this.key} ${operation}: HTTP 409 Request_EntityChanged on each of ${attempt} writes to ${url}: the record keeps changing; the next sync tries again.`,
            { ...detailsOf(e), cause: e }
          )
        }
        this.logger.info(
          `${this.key} ${operation}: ${url} was changed by someone else (409 Request_EntityChanged), reading it again`
        )
        const fresh = await this.read(operation, url)
        if (!fresh) {
          if (request.method === "DELETE") return
          throw e
        }
        record = fresh
      }
    }
  }

  /** The record at `url`, or undefined when BC no longer has it. */
  private async read(operation: string, url: string): Promise<Entity | undefined> {
    try {
      return (await this.http.request<Entity>({ operation, method: "GET", url })).data
    } catch (e) {
      if (isErpError(e) && e.status === 404) return undefined
      throw e
    }
  }
}

const etagOf = (record: Entity): string => record["@odata.etag"] ?? "*"
