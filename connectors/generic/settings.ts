/**
 * Generic JSON REST connection options, and the default mappings used when a connection does
 * not bring its own.
 *
 * @module
 */
import { requireSettings, type ConnectionSettings } from "../lib/connector-base"
import { ErpConfigError } from "../lib/errors"
import type { MappingSpec } from "./mapping-language"

export type GenericAuth =
  | { type: "none" }
  | { type: "bearer" }
  | { type: "basic" }
  | { type: "oauth2"; tokenUrl: string; scope?: string; audience?: string; clientAuthentication?: "body" | "basic" }

/** `"<METHOD> <path>"`; `{name}` placeholders are filled (URL-encoded) from the operation's input. */
export type RouteSpec = string

export interface GenericRestSettings extends ConnectionSettings {
  baseUrl: string
  auth: GenericAuth
  paths: {
    /** Placeholders: `{id}`, `{display_id}`. Default `PUT /orders/{id}`. */
    upsertOrder?: RouteSpec
    /** Placeholders: `{company_id}`, `{erp_account_number}`. Default `PUT /customers/{company_id}`. */
    upsertCustomer?: RouteSpec
    /** Placeholder: `{id}`. 404 = not found, 409 = already cancelled. Default `POST /orders/{id}/cancel`. */
    cancelOrder?: RouteSpec
    /** Placeholders: `{order_id}`, `{id}`. Default `PUT /orders/{order_id}/fulfillments/{id}`. */
    createFulfillment?: RouteSpec
    /** Placeholders: `{order_id}`, `{id}`. 404 = not found, 409 = already cancelled (or shipped: say so in the body). Default `POST /orders/{order_id}/fulfillments/{id}/cancel`. */
    cancelFulfillment?: RouteSpec
    /** Placeholder: `{since}` (ISO timestamp); also sent as `?since=`. Default `GET /shipments`. */
    readShipments?: RouteSpec
    /** Default `GET /health`. */
    health?: RouteSpec
  }
  mapping?: {
    order?: MappingSpec
    customer?: MappingSpec
    fulfillment?: MappingSpec
    /** ERP shipment → our `Shipment` fields. */
    shipment?: MappingSpec
  }
  /** Where the ERP's record id is in write responses. Default `$.id`, then the `Location` header. */
  responseIdPath?: string
  /** Where the shipment array is in the read response. Default: the body itself, or `.shipments`/`.items`/`.data`. */
  shipmentsPath?: string
  /**
   * The ERP honours `Idempotency-Key` (always sent on writes), so a POST may be resent after an
   * ambiguous failure. Default false.
   */
  honoursIdempotencyKey?: boolean
}

export interface GenericRestCredentials {
  token?: string
  username?: string
  password?: string
  clientId?: string
  clientSecret?: string
}

export const DEFAULT_PATHS: Required<GenericRestSettings["paths"]> = {
  upsertOrder: "PUT /orders/{id}",
  upsertCustomer: "PUT /customers/{company_id}",
  cancelOrder: "POST /orders/{id}/cancel",
  createFulfillment: "PUT /orders/{order_id}/fulfillments/{id}",
  cancelFulfillment: "POST /orders/{order_id}/fulfillments/{id}/cancel",
  readShipments: "GET /shipments",
  health: "GET /health",
}

const address = (from: string, to: string): MappingSpec => ({
  [`${to}.name`]: `$.${from}.company`,
  [`${to}.firstName`]: `$.${from}.first_name`,
  [`${to}.lastName`]: `$.${from}.last_name`,
  [`${to}.line1`]: `$.${from}.address_1`,
  [`${to}.line2`]: `$.${from}.address_2`,
  [`${to}.city`]: `$.${from}.city`,
  [`${to}.region`]: `$.${from}.province`,
  [`${to}.postalCode`]: `$.${from}.postal_code`,
  [`${to}.country`]: `$.${from}.country_code | upper`,
  [`${to}.phone`]: `$.${from}.phone`,
})

/**
 * The default order body. The contract for the receiving ERP (connectors/README.md, "Money"):
 * every amount is exact and authoritative; a line is worth `amount` (net of its discount and of
 * tax) plus `tax`; shipping is `shipping` (net of its discount and of tax) plus `shippingTax`; the
 * order's `total` = Σ lines' (amount + tax) + shipping + shippingTax − credit. `unitPrice` is the
 * price as the buyer was quoted it, informational: gross when `unitPriceIncludesTax`, and it may be
 * finer than the currency (10.125), so an ERP must not recompute amounts from it. Discounts are net
 * of tax (`discount`), the tax they took off beside them (`discountTax`).
 */
export const DEFAULT_ORDER_MAPPING: MappingSpec = {
  externalId: "$.id",
  orderNumber: "$.display_id | string",
  orderDate: "$.placed_at | date",
  currency: "$.currency_code | upper",
  poNumber: "$.po_number",
  pricesIncludeTax: "$.tax_inclusive",
  "customer.accountNumber": "$.customer.erp_account_number",
  "customer.externalId": "$.customer.company_id",
  "customer.name": "$.customer.name",
  "customer.email": "$.customer.email",
  ...address("customer.billing_address", "billTo"),
  ...address("customer.shipping_address", "shipTo"),
  "lines[].lineId": "$.lines[].line_id",
  "lines[].itemNo": "$.lines[].sku",
  "lines[].description": "$.lines[].title",
  "lines[].quantity": "$.lines[].quantity",
  "lines[].unitPrice": "$.lines[].unit_price | decimal",
  "lines[].unitPriceIncludesTax": "$.lines[].tax_inclusive",
  "lines[].taxRate": "$.lines[].tax_rate | decimal",
  "lines[].subtotal": "$.lines[].subtotal_minor | money",
  "lines[].discount": "$.lines[].discount_minor | money",
  "lines[].discountTax": "$.lines[].discount_tax_minor | money",
  "lines[].amount": "$.lines[].net_minor | money",
  "lines[].tax": "$.lines[].tax_minor | money",
  "lines[].total": "$.lines[].total_minor | money",
  subtotal: "$.subtotal_minor | money",
  discount: "$.discount_minor | money",
  discountTax: "$.discount_tax_minor | money",
  shipping: "$.shipping_minor | money",
  shippingTax: "$.shipping_tax_minor | money",
  tax: "$.tax_minor | money",
  credit: "$.credit_minor | money",
  total: "$.total_minor | money",
}

export const DEFAULT_CUSTOMER_MAPPING: MappingSpec = {
  externalId: "$.company_id",
  accountNumber: "$.erp_account_number",
  name: "$.name",
  email: "$.email",
  phone: "$.phone",
  currency: "$.currency_code | upper",
  ...address("billing_address", "billTo"),
  ...address("shipping_address", "shipTo"),
}

export const DEFAULT_FULFILLMENT_MAPPING: MappingSpec = {
  externalId: "$.id",
  orderExternalId: "$.order_id",
  shippingMethod: "$.shipping_method",
  "lines[].lineId": "$.lines[].line_id",
  "lines[].itemNo": "$.lines[].sku",
  "lines[].quantity": "$.lines[].quantity",
}

export const DEFAULT_SHIPMENT_MAPPING: MappingSpec = {
  erp_id: "$.id | string",
  order_id: "$.orderExternalId",
  tracking_numbers: "$.trackingNumbers",
  carrier: "$.carrier",
  shipped_at: "$.shippedAt",
  "lines[].sku": "$.lines[].itemNo",
  "lines[].quantity": "$.lines[].quantity | number",
  "lines[].line_id": "$.lines[].lineId",
}

const AUTH_TYPES = new Set(["none", "bearer", "basic", "oauth2"])

export function validateGenericOptions(settings: GenericRestSettings, credentials: GenericRestCredentials = {}): void {
  requireSettings("generic", { "settings.baseUrl": settings?.baseUrl, "settings.auth.type": settings?.auth?.type })
  const auth = settings.auth
  if (!AUTH_TYPES.has(auth.type)) throw new ErpConfigError(`generic: unknown auth type ${JSON.stringify(auth.type)}`)
  if (auth.type === "bearer") requireSettings("generic bearer auth", { "credentials.token": credentials.token })
  if (auth.type === "basic") requireSettings("generic basic auth", { "credentials.username": credentials.username })
  if (auth.type === "oauth2") {
    requireSettings("generic oauth2 auth", {
      "settings.auth.tokenUrl": auth.tokenUrl,
      "credentials.clientId": credentials.clientId,
    })
  }
  for (const route of Object.values(settings.paths ?? {})) parseRoute(route)
}

/** `"PUT /orders/{id}"` → `{ method: "PUT", path: "/orders/{id}" }`. */
export function parseRoute(route: RouteSpec): { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; path: string } {
  const match = /^(GET|POST|PUT|PATCH|DELETE)\s+(\S+)$/.exec(String(route).trim())
  if (!match) throw new ErpConfigError(`generic: route ${JSON.stringify(route)} must look like "PUT /orders/{id}"`)
  return { method: match[1] as "GET", path: match[2]! }
}
