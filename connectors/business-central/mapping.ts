/**
 * Hub shapes ↔ Business Central API v2.0 entities (customers, salesOrders, salesOrderLines,
 * salesShipments).
 *
 * Lines are keyed by `sequence`: item line i is 10000 × (i + 1), then the shipping line, and a
 * PO comment line (when the PO number has no header field) sits before them at 5000. The hub is
 * the source of truth for a synced order's lines, so reconciling by sequence is deterministic
 * and lets a half-synced order resume without duplicating lines.
 *
 * Money: `unitPrice` and line `discountAmount` as exact JSON decimals; BC computes line amounts
 * and tax from them and its own tax setup.
 *
 * @module
 */
import { createHash } from "node:crypto"
import { ErpConfigError } from "../lib/errors"
import { JsonDecimal } from "../lib/json"
import { formatMinor, toMinor } from "../lib/money"
import type { HubAddress, HubCustomer, HubOrder, Shipment } from "../lib/types"
import type { BusinessCentralSettings } from "./settings"

export const LINE_SEQUENCE_STEP = 10_000
export const PO_COMMENT_SEQUENCE = 5_000
// BC field lengths (API v2.0 entity definitions).
const MAX_EXTERNAL_DOCUMENT_NUMBER = 35
const MAX_CUSTOMER_NUMBER = 20
const MAX_DESCRIPTION = 100

export interface BcLine {
  sequence: number
  lineType: string
  lineObjectNumber?: string
  description?: string
  quantity?: number
  unitPrice?: JsonDecimal
  discountAmount?: JsonDecimal
}

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

function currencyCode(code: string, s: BusinessCentralSettings): string {
  const upper = code.toUpperCase()
  return s.localCurrencyCode && upper === s.localCurrencyCode.toUpperCase() ? "" : upper
}

function addressFields(prefix: "billTo" | "shipTo" | "sellTo", a: HubAddress): Record<string, string> {
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

/** The salesOrder header; `externalDocumentNumber` = our order id is the idempotency key. */
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
    billToName: bill.company || order.customer.name,
    ...addressFields("billTo", bill),
    shipToName: ship.company || order.customer.name,
    shipToContact: personName(ship),
    ...addressFields("shipTo", ship),
  }
  if (s.poNumberField && order.po_number) header[s.poNumberField] = order.po_number
  return header
}

/** The order's lines as BC should hold them, keyed by sequence. */
export function toBcSalesOrderLines(order: HubOrder, s: BusinessCentralSettings): BcLine[] {
  const currency = order.currency_code
  const lines: BcLine[] = []
  if (order.po_number && !s.poNumberField) {
    lines.push({ sequence: PO_COMMENT_SEQUENCE, lineType: "Comment", description: `Customer PO ${order.po_number}`.slice(0, MAX_DESCRIPTION) })
  }
  order.lines.forEach((line, i) => {
    lines.push({
      sequence: LINE_SEQUENCE_STEP * (i + 1),
      lineType: "Item",
      lineObjectNumber: line.sku,
      description: line.title.slice(0, MAX_DESCRIPTION),
      quantity: line.quantity,
      unitPrice: new JsonDecimal(formatMinor(line.unit_price_minor, currency)),
      discountAmount: new JsonDecimal(formatMinor(line.discount_minor, currency)),
    })
  })
  if (toMinor(order.shipping_minor, "shipping_minor") !== 0n) {
    if (!s.shippingLine) {
      throw new ErpConfigError("business-central: order has shipping but settings.shippingLine (account or charge item for freight) is not set")
    }
    lines.push({
      sequence: LINE_SEQUENCE_STEP * (order.lines.length + 1),
      lineType: s.shippingLine.lineType,
      lineObjectNumber: s.shippingLine.number,
      description: s.shippingLine.description ?? "Shipping",
      quantity: 1,
      unitPrice: new JsonDecimal(formatMinor(order.shipping_minor, currency)),
    })
  }
  return lines
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
    (wanted.discountAmount === undefined || sameDecimal(existing.discountAmount ?? 0, wanted.discountAmount))
  )
}

/** Fields of `wanted` whose value differs in `existing` (header or customer PATCH body). */
export function changedFields(existing: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
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

/** A posted salesShipment (with `$expand=salesShipmentLines`) → `Shipment`. */
export function fromBcShipment(record: Record<string, unknown>, s: BusinessCentralSettings): Shipment | undefined {
  const orderId = typeof record.externalDocumentNumber === "string" ? record.externalDocumentNumber : ""
  if (!orderId) return undefined
  const tracking = record[s.trackingNumberField ?? "packageTrackingNo"]
  const lines = Array.isArray(record.salesShipmentLines) ? (record.salesShipmentLines as Array<Record<string, unknown>>) : []
  const carrier = record.shippingAgentCode ?? record.shipmentMethodCode
  return {
    erp_id: String(record.id),
    order_id: orderId,
    tracking_numbers: typeof tracking === "string" && tracking ? [tracking] : [],
    carrier: typeof carrier === "string" && carrier ? carrier : undefined,
    shipped_at: typeof record.shipmentDate === "string" ? record.shipmentDate : typeof record.postingDate === "string" ? record.postingDate : undefined,
    lines: lines
      .filter((l) => l.lineType === "Item")
      .map((l) => ({ sku: String(l.lineObjectNumber ?? ""), quantity: Number(l.quantity ?? 0) })),
  }
}
