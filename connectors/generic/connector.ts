/**
 * Generic JSON REST adapter for in-house ERPs: a base URL, an auth scheme (bearer, basic,
 * OAuth2 client credentials), a route per operation and a declarative field mapping
 * (`mapping-language.ts`).
 *
 * Writes carry `Idempotency-Key: <kind>:<our id>:<step>:v1`. Routes keyed by our ids (the
 * default `PUT /orders/{id}`) are idempotent by construction; a POST route is only resent after
 * an ambiguous failure when the ERP says it honours the key (`honoursIdempotencyKey`).
 *
 * @module
 */
import { ConnectorBase, idFromLocation, toDate, type ConnectorDeps } from "../lib/connector-base"
import { ErpPermanentError } from "../lib/errors"
import { assertOrderAddsUp } from "../lib/order-checks"
import { BasicAuth, BearerAuth, OAuth2ClientCredentials, type AuthProvider } from "../lib/http/auth"
import type { HttpClient, HttpResponse } from "../lib/http/client"
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
import { applyMapping, compileMapping, type CompiledMapping } from "./mapping-language"
import {
  DEFAULT_CUSTOMER_MAPPING,
  DEFAULT_FULFILLMENT_MAPPING,
  DEFAULT_ORDER_MAPPING,
  DEFAULT_PATHS,
  DEFAULT_SHIPMENT_MAPPING,
  parseRoute,
  validateGenericOptions,
  type GenericRestCredentials,
  type GenericRestSettings,
} from "./settings"

export class GenericRestConnector extends ConnectorBase {
  static readonly kind = "generic" as const
  readonly kind = GenericRestConnector.kind
  private readonly http: HttpClient
  private readonly auth?: AuthProvider
  private readonly mappings: {
    order: CompiledMapping
    customer: CompiledMapping
    fulfillment: CompiledMapping
    shipment: CompiledMapping
  }

  static validateOptions(settings: GenericRestSettings, credentials?: GenericRestCredentials): void {
    validateGenericOptions(settings, credentials)
  }

  constructor(
    private readonly settings: GenericRestSettings,
    credentials: GenericRestCredentials = {},
    deps: ConnectorDeps = {},
    connectionId = settings?.baseUrl
  ) {
    GenericRestConnector.validateOptions(settings, credentials)
    super("generic", connectionId, deps)
    this.mappings = {
      order: compileMapping(settings.mapping?.order ?? DEFAULT_ORDER_MAPPING, "generic mapping.order"),
      customer: compileMapping(settings.mapping?.customer ?? DEFAULT_CUSTOMER_MAPPING, "generic mapping.customer"),
      fulfillment: compileMapping(
        settings.mapping?.fulfillment ?? DEFAULT_FULFILLMENT_MAPPING,
        "generic mapping.fulfillment"
      ),
      shipment: compileMapping(settings.mapping?.shipment ?? DEFAULT_SHIPMENT_MAPPING, "generic mapping.shipment"),
    }
    this.auth = this.createAuth(credentials)
    this.http = this.createApiClient(settings, { baseURL: settings.baseUrl.replace(/\/+$/, ""), auth: this.auth })
  }

  private createAuth(c: GenericRestCredentials): AuthProvider | undefined {
    const auth = this.settings.auth
    switch (auth.type) {
      case "bearer":
        return new BearerAuth(c.token!, this.redactor)
      case "basic":
        return new BasicAuth(c.username!, c.password ?? "", this.redactor)
      case "oauth2":
        return new OAuth2ClientCredentials({
          tokenUrl: auth.tokenUrl,
          clientId: c.clientId!,
          clientSecret: c.clientSecret,
          clientAuthentication: auth.clientAuthentication,
          scope: auth.scope,
          audience: auth.audience,
          transport: this.createTokenClient(this.settings),
          redactor: this.redactor,
          now: this.now,
        })
      default:
        return undefined
    }
  }

  protected async ping(): Promise<void> {
    await this.call("healthCheck", "health", {})
  }

  async upsertCustomer(customer: HubCustomer): Promise<CustomerUpsertResult> {
    const res = await this.call("upsertCustomer", "upsertCustomer", customer, {
      body: applyMapping(this.mappings.customer, customer),
      idempotencyKey: `cus:${customer.company_id}:v1`,
    })
    const erpId = this.erpIdOf(res) ?? customer.erp_account_number ?? customer.company_id
    return { erpId, accountNumber: customer.erp_account_number ?? erpId, created: res.status === 201 }
  }

  async upsertSalesOrder(order: HubOrder): Promise<UpsertResult> {
    // The body states the order's parts; refuse an order whose parts would not add up to its total.
    assertOrderAddsUp(order)
    const res = await this.call("upsertSalesOrder", "upsertOrder", order, {
      body: applyMapping(this.mappings.order, order),
      idempotencyKey: `ord:${order.id}:upsert:v1`,
    })
    return { erpId: this.erpIdOf(res) ?? order.id, created: res.status === 201 }
  }

  async cancelSalesOrder(orderId: string): Promise<CancelResult> {
    const res = await this.call(
      "cancelSalesOrder",
      "cancelOrder",
      { id: orderId },
      {
        idempotencyKey: `ord:${orderId}:cancel:v1`,
        allowStatus: [404, 409],
      }
    )
    if (res.status === 404) return { status: "not_found" }
    if (res.status === 409) return { status: "already_cancelled" }
    return { status: "cancelled", erpId: this.erpIdOf(res) }
  }

  async createFulfillmentRequest(req: FulfillmentRequest): Promise<FulfillmentRequestResult> {
    const res = await this.call("createFulfillmentRequest", "createFulfillment", req, {
      body: applyMapping(this.mappings.fulfillment, req),
      idempotencyKey: `ful:${req.id}:create:v1`,
    })
    return { erpRef: this.erpIdOf(res) ?? req.id, created: res.status === 201 }
  }

  async cancelFulfillmentRequest(req: Pick<FulfillmentRequest, "id" | "order_id">): Promise<CancelResult> {
    const res = await this.call("cancelFulfillmentRequest", "cancelFulfillment", req, {
      idempotencyKey: `ful:${req.id}:cancel:v1`,
      allowStatus: [404, 409],
    })
    if (res.status === 404) return { status: "not_found" }
    if (res.status === 409) return { status: "already_cancelled" }
    return { status: "cancelled", erpId: this.erpIdOf(res) }
  }

  async readShipments(since: Date | string): Promise<Shipment[]> {
    const iso = toDate(since).toISOString()
    const res = await this.call("readShipments", "readShipments", { since: iso }, { params: { since: iso } })
    return this.shipmentsIn(res.data).map((raw) => {
      const mapped = applyMapping(this.mappings.shipment, raw) as Partial<Shipment>
      if (!mapped.erp_id || !mapped.order_id) {
        throw new ErpPermanentError(`${this.key} readShipments: a shipment lacks erp_id or order_id after mapping`, {
          connector: this.key,
          operation: "readShipments",
        })
      }
      return {
        erp_id: String(mapped.erp_id),
        order_id: String(mapped.order_id),
        tracking_numbers: Array.isArray(mapped.tracking_numbers)
          ? mapped.tracking_numbers.map(String)
          : mapped.tracking_numbers
            ? [String(mapped.tracking_numbers)]
            : [],
        carrier: mapped.carrier,
        shipped_at: mapped.shipped_at,
        lines: mapped.lines ?? [],
      }
    })
  }

  private async call(
    operation: string,
    route: keyof typeof DEFAULT_PATHS,
    values: object,
    extra: { body?: unknown; idempotencyKey?: string; allowStatus?: number[]; params?: Record<string, string> } = {}
  ): Promise<HttpResponse> {
    const { method, path } = parseRoute(this.settings.paths?.[route] ?? DEFAULT_PATHS[route])
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = (values as Record<string, unknown>)[name]
      if (value === undefined || value === null || value === "") {
        throw new ErpPermanentError(`${this.key} ${operation}: route ${path} needs {${name}}`, {
          connector: this.key,
          operation,
        })
      }
      return encodeURIComponent(String(value))
    })
    return this.http.request({
      operation,
      method,
      url,
      body: method === "GET" || method === "DELETE" ? undefined : extra.body,
      params: extra.params,
      allowStatus: extra.allowStatus,
      headers: extra.idempotencyKey ? { "Idempotency-Key": extra.idempotencyKey } : undefined,
      idempotent: method !== "POST" || this.settings.honoursIdempotencyKey === true,
    })
  }

  private erpIdOf(res: HttpResponse): string | undefined {
    const path = (this.settings.responseIdPath ?? "$.id").replace(/^\$\.?/, "")
    let value: unknown = res.data
    for (const key of path.split(".").filter(Boolean))
      value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined
    if (typeof value === "string" || typeof value === "number") return String(value)
    return idFromLocation(res.headers.location)
  }

  private shipmentsIn(data: unknown): unknown[] {
    if (this.settings.shipmentsPath) {
      let value: unknown = data
      for (const key of this.settings.shipmentsPath
        .replace(/^\$\.?/, "")
        .split(".")
        .filter(Boolean)) {
        value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined
      }
      return Array.isArray(value) ? value : []
    }
    if (Array.isArray(data)) return data
    const body = (data ?? {}) as Record<string, unknown>
    const found = [body.shipments, body.items, body.data].find(Array.isArray)
    return (found as unknown[] | undefined) ?? []
  }
}
