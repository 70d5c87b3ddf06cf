/**
 * Hub shapes ↔ NetSuite REST record bodies (salesOrder, customer, itemFulfillment).
 *
 * Money goes out as exact JSON decimals: `rate` is the unit price, `amount` the line net of
 * discount and before tax, `shippingCost` the shipping charge. NetSuite computes tax itself
 * (SuiteTax); the hub's tax and totals can be copied into custom body fields (`totalsFields`)
 * for reconciliation.
 *
 * @module
 */
import { ErpConfigError } from "../lib/errors"
import { JsonDecimal } from "../lib/json"
import { formatMinor, netLineMinor } from "../lib/money"
import type { HubAddress, HubCustomer, HubOrder, Shipment } from "../lib/types"
import type { NetSuiteSettings } from "./settings"

export const DEFAULT_LINE_ID_FIELD = "custcol_backy_line_id"

// NetSuite external ids allow letters, digits, underscore and hyphen ("Using External IDs").
const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/

/** The `eid:` path segment for an external id; throws `ErpConfigError` for characters NetSuite refuses. */
export function eid(externalId: string): string {
  if (!EXTERNAL_ID.test(externalId)) {
    throw new ErpConfigError(`netsuite: ${JSON.stringify(externalId)} cannot be an external id (letters, digits, _ and - only)`)
  }
  return `eid:${externalId}`
}

const money = (minor: HubOrder["total_minor"], currency: string): JsonDecimal => new JsonDecimal(formatMinor(minor, currency))

export function toNetSuiteAddress(a: HubAddress, fallbackName?: string): Record<string, unknown> {
  const person = [a.first_name, a.last_name].filter(Boolean).join(" ")
  return {
    addressee: a.company || person || fallbackName,
    attention: a.company && person ? person : undefined,
    addr1: a.address_1,
    addr2: a.address_2 || undefined,
    city: a.city,
    state: a.province || undefined,
    zip: a.postal_code,
    country: { id: a.country_code.toUpperCase() },
    addrPhone: a.phone || undefined,
  }
}

export function customerRef(customer: { company_id: string; erp_account_number?: string }): Record<string, string> {
  return customer.erp_account_number ? { id: customer.erp_account_number } : { externalId: customer.company_id }
}

function currencyRef(code: string, s: NetSuiteSettings): Record<string, string> {
  const upper = code.toUpperCase()
  const id = s.currencyIds?.[upper]
  return id ? { id } : { refName: upper }
}

export function toNetSuiteSalesOrder(order: HubOrder, s: NetSuiteSettings): Record<string, unknown> {
  const currency = order.currency_code
  const lineIdField = s.lineIdField ?? DEFAULT_LINE_ID_FIELD
  const body: Record<string, unknown> = {
    externalId: order.id,
    entity: customerRef(order.customer),
    tranDate: new Date(order.placed_at).toISOString().slice(0, 10),
    otherRefNum: order.po_number || undefined,
    memo: `backy order ${order.display_id}`,
    currency: currencyRef(currency, s),
    shippingCost: money(order.shipping_minor, currency),
    billingAddress: toNetSuiteAddress(order.customer.billing_address, order.customer.name),
    shippingAddress: toNetSuiteAddress(order.customer.shipping_address, order.customer.name),
    item: {
      items: order.lines.map((line) => ({
        item: s.itemIds?.[line.sku] ? { id: s.itemIds[line.sku] } : { externalId: line.sku },
        description: line.title,
        quantity: line.quantity,
        rate: money(line.unit_price_minor, currency),
        amount: new JsonDecimal(formatMinor(netLineMinor(line), currency)),
        [lineIdField]: line.line_id,
      })),
    },
  }
  const totals = s.totalsFields ?? {}
  if (totals.tax) body[totals.tax] = money(order.tax_minor, currency)
  if (totals.discount) body[totals.discount] = money(order.discount_minor, currency)
  if (totals.total) body[totals.total] = money(order.total_minor, currency)
  return body
}

export function toNetSuiteCustomer(c: HubCustomer, s: NetSuiteSettings): Record<string, unknown> {
  return {
    externalId: c.company_id,
    companyName: c.name,
    isPerson: false,
    email: c.email,
    phone: c.phone || undefined,
    subsidiary: s.subsidiaryId ? { id: s.subsidiaryId } : undefined,
    currency: c.currency_code ? currencyRef(c.currency_code, s) : undefined,
    addressBook: {
      items: [
        { defaultBilling: true, defaultShipping: false, label: "Billing", addressBookAddress: toNetSuiteAddress(c.billing_address, c.name) },
        { defaultBilling: false, defaultShipping: true, label: "Shipping", addressBookAddress: toNetSuiteAddress(c.shipping_address, c.name) },
      ],
    },
  }
}

interface NetSuiteRef {
  id?: string
  refName?: string
}

export interface NetSuiteOrderLine {
  line?: number | string
  item?: NetSuiteRef
  quantity?: number
  isClosed?: boolean
  [field: string]: unknown
}

/** Lines of a salesOrder fetched with `expandSubResources=true`. */
export function orderLines(record: Record<string, unknown>): NetSuiteOrderLine[] {
  const items = (record.item as { items?: unknown } | undefined)?.items
  return Array.isArray(items) ? (items as NetSuiteOrderLine[]) : []
}

/** Item number from an item reference: refName is the item's name/number; matrix children read "Parent : Child". */
export function skuOf(ref: NetSuiteRef | undefined): string {
  const name = ref?.refName ?? ref?.id ?? ""
  const parts = name.split(" : ")
  return parts[parts.length - 1]!.trim()
}

// Package sublists per carrier integration, each with its own tracking-number field.
const PACKAGE_SUBLISTS: Array<[string, string]> = [
  ["package", "packageTrackingNumber"],
  ["packageUps", "packageTrackingNumberUps"],
  ["packageFedEx", "packageTrackingNumberFedEx"],
  ["packageUsps", "packageTrackingNumberUsps"],
]

/** A shipped itemFulfillment (expanded) → `Shipment`. */
export function fromNetSuiteFulfillment(record: Record<string, unknown>, orderId: string, s: NetSuiteSettings): Shipment {
  const lineIdField = s.lineIdField ?? DEFAULT_LINE_ID_FIELD
  const tracking: string[] = []
  for (const [sublist, field] of PACKAGE_SUBLISTS) {
    const items = (record[sublist] as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? []
    for (const p of items) if (typeof p[field] === "string" && p[field]) tracking.push(p[field] as string)
  }
  const lines = orderLines(record)
    .filter((l) => l.itemReceive !== false)
    .map((l) => ({
      sku: skuOf(l.item),
      quantity: Number(l.quantity ?? 0),
      line_id: typeof l[lineIdField] === "string" ? (l[lineIdField] as string) : undefined,
    }))
  return {
    erp_id: String(record.id),
    order_id: orderId,
    tracking_numbers: tracking,
    carrier: (record.shipMethod as NetSuiteRef | undefined)?.refName ?? (record.shipCarrier as NetSuiteRef | undefined)?.refName,
    shipped_at: typeof record.tranDate === "string" ? record.tranDate : undefined,
    lines,
  }
}

/** `q` filter date literal in the account's date format. */
export function queryDate(date: Date, format: NetSuiteSettings["queryDateFormat"] = "M/D/YYYY"): string {
  const y = date.getUTCFullYear()
  const m = date.getUTCMonth() + 1
  const d = date.getUTCDate()
  if (format === "YYYY-MM-DD") return date.toISOString().slice(0, 10)
  if (format === "D/M/YYYY") return `${d}/${m}/${y}`
  return `${m}/${d}/${y}`
}
