/**
 * Hub shapes ↔ Business Central API v2.0 entities (customers, salesOrders, salesOrderLines,
 * salesShipments). The order's lines and how its money is stated: `order-lines.ts`.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { ErpConfigError } from "../lib/errors"
import { JsonDecimal } from "../lib/json"
import { assertOrderAddsUp } from "../lib/order-checks"
import type { HubAddress, HubCustomer, HubOrder, Shipment } from "../lib/types"
import { bcPricesIncludeTax, toBcSalesOrderLines as orderLines, type BcLine } from "./order-lines"
import type { BusinessCentralSettings } from "./settings"

export { LINE_SEQUENCE_STEP, PO_COMMENT_SEQUENCE, type BcLine } from "./order-lines"

// BC field lengths (API v2.0 entity definitions).
export const MAX_EXTERNAL_DOCUMENT_NUMBER = 35
const MAX_CUSTOMER_NUMBER = 20

/** An OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/**
 * The customer number for a company: the ERP's own when known, else one derived from our
 * company id (BC numbers are at most 20 characters; ours are longer): "BK" + 18 base32 chars of
 * its SHA-256, stable across calls.
 */
export function customerNumberFor(customer: { company_id: string; erp_account_number?: string }): string {
  if (customer.erp_account_number) return customer.erp_account_number
  const digest = createHash("sha256").update(customer.company_id).digest()
  return `BK${base32(digest).slice(0, MAX_CUSTOMER_NUMBER - 2)}`
}

function base32(bytes: Buffer): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
  let bits = 0
  let value = 0
  let out = ""
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return out
}

/** The order's currency as BC stores it: "" for the local currency. */
export function currencyCode(code: string, s: BusinessCentralSettings): string {
  const upper = code.toUpperCase()
  return s.localCurrencyCode && upper === s.localCurrencyCode.toUpperCase() ? "" : upper
}

export function addressFields(prefix: "shipTo" | "sellTo", a: HubAddress): Record<string, string> {
  return {
    [`${prefix}AddressLine1`]: a.address_1,
    [`${prefix}AddressLine2`]: a.address_2 ?? "",
    [`${prefix}City`]: a.city,
    [`${prefix}State`]: a.province ?? "",
    [`${prefix}Country`]: a.country_code.toUpperCase(),
    [`${prefix}PostCode`]: a.postal_code,
  }
}

const personName = (a: HubAddress): string => [a.first_name, a.last_name].filter(Boolean).join(" ")

/**
 * The salesOrder header; `externalDocumentNumber` = our order id is the idempotency key.
 *
 * Only fields the v2.0 page lets a client write (microsoft/ALAppExtensions
 * `APIV2SalesOrders.Page.al`). `customerName`, `billToName` and the `billTo*` address are
 * `Editable = false`: BC fills them from the (bill-to) customer, whose address `upsertCustomer`
 * keeps as the buyer company's billing address, and refuses a write to any of them
 * (BadRequest_InvalidOperation "Control 'billToName' is read-only"). The order's billing address
 * goes to the writable `sellTo*` address, its shipping address to `shipToName`, `shipToContact`
 * and `shipTo*` (Microsoft's own `APIV2SalesOrdersE2E.Codeunit.al` creates orders this way).
 */
export function toBcSalesOrder(order: HubOrder, s: BusinessCentralSettings): Record<string, unknown> {
  if (order.id.length > MAX_EXTERNAL_DOCUMENT_NUMBER) {
    throw new ErpConfigError(`business-central: order id ${order.id} is longer than externalDocumentNumber allows (35)`)
  }
  const ship = order.customer.shipping_address
  const bill = order.customer.billing_address
  const header: Record<string, unknown> = {
    externalDocumentNumber: order.id,
    orderDate: new Date(order.placed_at).toISOString().slice(0, 10),
    customerNumber: customerNumberFor(order.customer),
    currencyCode: currencyCode(order.currency_code, s),
    email: order.customer.email,
    phoneNumber: bill.phone ?? ship.phone ?? "",
    ...addressFields("sellTo", bill),
    shipToName: ship.company || order.customer.name,
    shipToContact: personName(ship),
    ...addressFields("shipTo", ship),
    // Gross prices only when BC computes the tax of a tax-inclusive order (order-lines.ts).
    pricesIncludeTax: bcPricesIncludeTax(order, s),
  }
  if (s.poNumberField && order.po_number) header[s.poNumberField] = order.po_number
  return header
}

/** The order's lines as BC should hold them, keyed by sequence; refuses an order whose figures do not add up. */
export function toBcSalesOrderLines(order: HubOrder, s: BusinessCentralSettings): BcLine[] {
  assertOrderAddsUp(order)
  return orderLines(order, s)
}

/** Decimal equality across BC's JSON numbers and our decimal text ("20" = "20.00"). */
export function sameDecimal(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string => {
    const text = v instanceof JsonDecimal ? v.text : String(v ?? "0")
    if (!text.includes(".")) return text.replace(/^-0$/, "0")
    return text.replace(/0+$/, "").replace(/\.$/, "")
  }
  return norm(a) === norm(b)
}

/** True when the existing line already says what `wanted` says. */
export function lineMatches(existing: Record<string, unknown>, wanted: BcLine): boolean {
  return (
    existing.lineType === wanted.lineType &&
    (existing.lineObjectNumber ?? "") === (wanted.lineObjectNumber ?? "") &&
    (wanted.description === undefined || existing.description === wanted.description) &&
    (wanted.quantity === undefined || Number(existing.quantity) === wanted.quantity) &&
    (wanted.unitPrice === undefined || sameDecimal(existing.unitPrice, wanted.unitPrice)) &&
    (wanted.discountAmount === undefined || sameDecimal(existing.discountAmount ?? 0, wanted.discountAmount)) &&
    (wanted.taxCode === undefined || (existing.taxCode ?? "") === wanted.taxCode)
  )
}

/** Fields of `wanted` whose value differs in `existing` (header or customer PATCH body). */
export function changedFields(
  existing: Record<string, unknown>,
  wanted: Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(wanted)) if ((existing[k] ?? "") !== v) out[k] = v
  return out
}

export function toBcCustomer(c: HubCustomer, s: BusinessCentralSettings): Record<string, unknown> {
  const a = c.billing_address
  return {
    number: customerNumberFor(c),
    displayName: c.name,
    type: "Company",
    email: c.email,
    phoneNumber: c.phone ?? a.phone ?? "",
    addressLine1: a.address_1,
    addressLine2: a.address_2 ?? "",
    city: a.city,
    state: a.province ?? "",
    country: a.country_code.toUpperCase(),
    postalCode: a.postal_code,
    ...(c.currency_code ? { currencyCode: currencyCode(c.currency_code, s) } : {}),
  }
}

/** Tracking read from the merchant's custom shipment API page (`settings.shipmentTracking`), by shipment id. */
export interface BcShipmentTracking {
  trackingNumber?: string
  carrier?: string
}

/**
 * A posted salesShipment (with `$expand=salesShipmentLines`) → `Shipment`, from the fields the
 * standard page has (microsoft/ALAppExtensions `APIV2SalesShipments.Page.al`,
 * `APIV2SalesShipmentLines.Page.al`): its id, our order id (externalDocumentNumber, carried over
 * from the order when BC posts the shipment), the posting date as the shipping day, and the
 * item lines. The page has no tracking number and no shipping agent, so without `tracking` the
 * shipment has no tracking numbers and no carrier; its `shipmentMethodCode` is a delivery term
 * (incoterm), never a carrier.
 */
export function fromBcShipment(record: Record<string, unknown>, tracking?: BcShipmentTracking): Shipment | undefined {
  const orderId = typeof record.externalDocumentNumber === "string" ? record.externalDocumentNumber : ""
  if (!orderId) return undefined
  const lines = Array.isArray(record.salesShipmentLines)
    ? (record.salesShipmentLines as Array<Record<string, unknown>>)
    : []
  return {
    erp_id: String(record.id),
    order_id: orderId,
    tracking_numbers: tracking?.trackingNumber ? [tracking.trackingNumber] : [],
    carrier: tracking?.carrier || undefined,
    shipped_at: typeof record.postingDate === "string" ? record.postingDate : undefined,
    lines: lines
      .filter((l) => l.lineType === "Item")
      .map((l) => ({ sku: String(l.lineObjectNumber ?? ""), quantity: Number(l.quantity ?? 0) })),
  }
}
