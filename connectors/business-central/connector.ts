/**
 * Microsoft Dynamics 365 Business Central adapter (API v2.0).
 *
 * - Auth: Microsoft Entra client credentials, scope `https://api.businesscentral.dynamics.com/.default`.
 * - BC has no upsert and allows duplicate external document numbers, so every write starts
 *   with a lookup: `GET salesOrders?$filter=externalDocumentNumber eq '<order id>'`. A missing
 *   order is created (`POST salesOrders`), an existing one is patched; lines are then reconciled
 *   one by one, so a sync that died halfway resumes where it stopped.
 * - Updates and deletes send `If-Match: <@odata.etag>`; on 412 (someone changed the record)
 *   the record is read again and the write retried once.
 * - A create is a POST: it is not resent after an ambiguous failure (the lookup on the next
 *   call finds it if it got through).
 *
 * @module
 */
import { ConnectorBase, isoDay, requireSettings, type ConnectorDeps } from "../lib/connector-base"
import { ErpPermanentError, ErpRetryableError, isErpError } from "../lib/errors"
import { OAuth2ClientCredentials } from "../lib/http/auth"
import type { HttpClient, HttpRequest } from "../lib/http/client"
import type {
  CancelResult,
  CustomerUpsertResult,
  FulfillmentRequest,
  FulfillmentRequestResult,
  HubCustomer,
  HubOrder,
  Shipment,
  UpsertResult,
} from "../lib/types"
import { parseBusinessCentralError } from "./errors"
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
    connectionId = settings ? `${settings.tenantId}/${settings.environment}/${settings.companyId}` : "",
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
      { baseURL: this.baseUrl, auth: this.oauth, parseVendorError: parseBusinessCentralError },
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
      const res = await this.http.request<Entity>({ operation: "upsertCustomer", method: "POST", url: "customers", body: wanted })
      return { erpId: res.data.id, accountNumber: number, created: true }
    }
    const changes = changedFields(existing, wanted)
    if (Object.keys(changes).length) await this.patch("upsertCustomer", `customers(${existing.id})`, existing, changes)
    return { erpId: existing.id, accountNumber: number, created: false }
  }

  async upsertSalesOrder(order: HubOrder): Promise<UpsertResult> {
    const header = toBcSalesOrder(order, this.settings)
    const lines = toBcSalesOrderLines(order, this.settings)
    let existing = await this.findOrder(order.id, "upsertSalesOrder")
    let created = false
    if (!existing) {
      const res = await this.http.request<Entity>({ operation: "upsertSalesOrder", method: "POST", url: "salesOrders", body: header })
      existing = { ...res.data, salesOrderLines: [] }
      created = true
    } else {
      const changes = changedFields(existing, header)
      if (Object.keys(changes).length) await this.patch("upsertSalesOrder", `salesOrders(${existing.id})`, existing, changes)
    }
    await this.syncLines(existing.id, lines, existing.salesOrderLines as Entity[] | undefined)
    return { erpId: existing.id, created }
  }

  /** BC v2.0 has no cancel action for orders; an unposted order is deleted. */
  async cancelSalesOrder(orderId: string): Promise<CancelResult> {
    const existing = await this.findOrder(orderId, "cancelSalesOrder", false)
    if (!existing) return { status: "not_found" }
    await this.withFreshEtag("cancelSalesOrder", `salesOrders(${existing.id})`, existing, (etag) => ({
      operation: "cancelSalesOrder",
      method: "DELETE",
      url: `salesOrders(${existing.id})`,
      headers: { "If-Match": etag },
    }))
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
      throw new ErpRetryableError(`${this.key} createFulfillmentRequest: sales order ${req.order_id} is not in Business Central yet`, {
        connector: this.key,
        operation: "createFulfillmentRequest",
        status: 404,
        requestMayHaveBeenProcessed: false,
      })
    }
    const itemLines = ((order.salesOrderLines as Entity[] | undefined) ?? []).filter((l) => l.lineType === "Item")
    const target = new Map<Entity, number>(itemLines.map((l) => [l, 0]))
    for (const wanted of req.lines) {
      const line = itemLines.find((l) => l.lineObjectNumber === wanted.sku && target.get(l) === 0)
      if (!line) {
        throw new ErpPermanentError(`${this.key} createFulfillmentRequest: order ${req.order_id} has no open line for ${wanted.sku}`, {
          connector: this.key,
          operation: "createFulfillmentRequest",
        })
      }
      target.set(line, wanted.quantity)
    }
    let changed = 0
    for (const [line, quantity] of target) {
      if (Number(line.shipQuantity ?? 0) === quantity) continue
      await this.patch("createFulfillmentRequest", `salesOrders(${order.id})/salesOrderLines(${line.id})`, line, { shipQuantity: quantity })
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
    const lines = ((order.salesOrderLines as Entity[] | undefined) ?? []).filter((l) => l.lineType === "Item" && Number(l.shipQuantity ?? 0) > 0)
    for (const line of lines) {
      await this.patch("cancelFulfillmentRequest", `salesOrders(${order.id})/salesOrderLines(${line.id})`, line, { shipQuantity: 0 })
    }
    const erpId = String(order.number ?? order.id)
    return lines.length ? { status: "cancelled", erpId } : { status: "already_cancelled", erpId }
  }

  /** Sales shipments posted on or after `since` (day granularity; dedupe on `erp_id`). */
  async readShipments(since: Date | string): Promise<Shipment[]> {
    const records = await this.list("readShipments", "salesShipments", {
      $filter: `postingDate ge ${isoDay(since)}`,
      $expand: "salesShipmentLines",
    })
    return records.map((r) => fromBcShipment(r, this.settings)).filter((s): s is Shipment => s !== undefined)
  }

  private async findOrder(orderId: string, operation: string, expandLines = true): Promise<Entity | undefined> {
    const [first] = await this.list(operation, "salesOrders", {
      $filter: `externalDocumentNumber eq ${odataString(orderId)}`,
      ...(expandLines ? { $expand: "salesOrderLines" } : {}),
    })
    return first
  }

  /** Every entity of a collection query, following `@odata.nextLink`. */
  private async list(operation: string, url: string, params: Record<string, string>): Promise<Entity[]> {
    const out: Entity[] = []
    let next: { url: string; params?: Record<string, string> } | undefined = { url, params }
    while (next) {
      const res: { data: Collection } = await this.http.request<Collection>({ operation, method: "GET", url: next.url, params: next.params })
      out.push(...(res.data.value ?? []))
      const link = res.data["@odata.nextLink"]
      next = link ? { url: link } : undefined
    }
    return out
  }

  /** Makes BC's lines equal `wanted`, by sequence: create missing, patch changed, delete extra. */
  private async syncLines(orderId: string, wanted: BcLine[], known: Entity[] | undefined): Promise<void> {
    const base = `salesOrders(${orderId})/salesOrderLines`
    const existing = known ?? (await this.list("upsertSalesOrder", base, {}))
    const bySequence = new Map(existing.map((l) => [Number(l.sequence), l]))
    for (const line of wanted) {
      const current = bySequence.get(line.sequence)
      bySequence.delete(line.sequence)
      if (current && lineMatches(current, line)) continue
      if (current && current.lineType === line.lineType && (current.lineObjectNumber ?? "") === (line.lineObjectNumber ?? "")) {
        const { sequence: _sequence, lineType: _lineType, lineObjectNumber: _number, ...changes } = line
        await this.patch("upsertSalesOrder", `${base}(${current.id})`, current, changes)
        continue
      }
      if (current) await this.delete("upsertSalesOrder", `${base}(${current.id})`, current)
      await this.http.request({ operation: "upsertSalesOrder", method: "POST", url: base, body: line })
    }
    for (const extra of bySequence.values()) await this.delete("upsertSalesOrder", `${base}(${extra.id})`, extra)
  }

  private async patch(operation: string, url: string, current: Entity, body: Record<string, unknown>): Promise<void> {
    await this.withFreshEtag(operation, url, current, (etag) => ({ operation, method: "PATCH", url, body, headers: { "If-Match": etag } }))
  }

  private async delete(operation: string, url: string, current: Entity): Promise<void> {
    await this.withFreshEtag(operation, url, current, (etag) => ({ operation, method: "DELETE", url, headers: { "If-Match": etag } }))
  }

  /** Sends a conditional write; on 412 reads the record again and retries once with its new ETag. */
  private async withFreshEtag(operation: string, url: string, current: Entity, build: (etag: string) => HttpRequest): Promise<void> {
    try {
      await this.http.request(build(current["@odata.etag"] ?? "*"))
    } catch (e) {
      if (!(isErpError(e) && e.status === 412)) throw e
      this.logger.info(`${this.key} ${operation}: ETag changed under us, re-reading ${url}`)
      const fresh = await this.http.request<Entity>({ operation, method: "GET", url })
      await this.http.request(build(fresh.data["@odata.etag"] ?? "*"))
    }
  }
}
