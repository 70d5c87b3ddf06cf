/**
 * Hub shapes ↔ NetSuite REST record bodies (salesOrder, customer, itemFulfillment).
 *
 * Money goes out as exact JSON decimals; how the order's lines, discounts, shipping and tax are
 * stated is in `order-money.ts`. The hub's tax, discount and total can also be copied into custom
 * body fields (`totalsFields`) for reconciliation.
 *
 * @module
 */
import { ErpConfigError } from "../lib/errors"
import { JsonDecimal } from "../lib/json"
import { formatMinor } from "../lib/money"
import { assertOrderAddsUp } from "../lib/order-checks"
import type { HubAddress, HubCustomer, HubOrder, Shipment } from "../lib/types"
import { DEFAULT_LINE_ID_FIELD, netSuiteOrderMoney } from "./order-money"
import type { NetSuiteSettings } from "./settings"

export { DEFAULT_LINE_ID_FIELD }

// NetSuite external ids allow letters, digits, underscore and hyphen ("Using External IDs").
const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/

/** The `eid:` path segment for an external id; throws `ErpConfigError` for characters NetSuite refuses. */
export function eid(externalId: string): string {
  if (!EXTERNAL_ID.test(externalId)) {
    throw new ErpConfigError(
      `netsuite: ${JSON.stringify(externalId)} cannot be an external id (letters, digits, _ and - only)`
    )
  }
  return `eid:${externalId}`
}

const money = (minor: HubOrder["total_minor"], currency: string): JsonDecimal =>
  new JsonDecimal(formatMinor(minor, currency))

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

/** What the connector looked up before mapping (see `lookups.ts`). */
export interface NetSuiteRefs {
  /** Internal id of the order's (or customer's) currency. Without it the field is left out. */
  currencyId?: string
}

/**
 * `{ id }` only: a currency's `refName` is its name ("US Dollar"), not its ISO code, so a
 * reference by code is refused (Oracle, "Error Handling in REST Web Services": "You have entered
 * an Invalid Field Value … for the following field").
 */
const currencyRef = (refs: NetSuiteRefs): Record<string, string> | undefined =>
  refs.currencyId ? { id: refs.currencyId } : undefined

export function toNetSuiteSalesOrder(
  order: HubOrder,
  s: NetSuiteSettings,
  refs: NetSuiteRefs = {}
): Record<string, unknown> {
  assertOrderAddsUp(order)
  const currency = order.currency_code
  const body: Record<string, unknown> = {
    externalId: order.id,
    entity: customerRef(order.customer),
    tranDate: new Date(order.placed_at).toISOString().slice(0, 10),
    otherRefNum: order.po_number || undefined,
    memo: `backy order ${order.display_id}`,
    currency: currencyRef(refs),
    billingAddress: toNetSuiteAddress(order.customer.billing_address, order.customer.name),
    shippingAddress: toNetSuiteAddress(order.customer.shipping_address, order.customer.name),
    ...netSuiteOrderMoney(order, s),
  }
  const totals = s.totalsFields ?? {}
  if (totals.tax) body[totals.tax] = money(order.tax_minor, currency)
  if (totals.discount) body[totals.discount] = money(order.discount_minor, currency)
  if (totals.total) body[totals.total] = money(order.total_minor, currency)
  return body
}

/** Sublists the upsert replaces rather than merges (`replace=` query parameter). */
export function replacedSublists(s: NetSuiteSettings): string {
  return s.taxDetails ? "item,taxDetails" : "item"
}

export function toNetSuiteCustomer(
  c: HubCustomer,
  s: NetSuiteSettings,
  refs: NetSuiteRefs = {}
): Record<string, unknown> {
  return {
    externalId: c.company_id,
    companyName: c.name,
    isPerson: false,
    email: c.email,
    phone: c.phone || undefined,
    subsidiary: s.subsidiaryId ? { id: s.subsidiaryId } : undefined,
    currency: currencyRef(refs),
    addressBook: {
      items: [
        {
          defaultBilling: true,
          defaultShipping: false,
          label: "Billing",
          addressBookAddress: toNetSuiteAddress(c.billing_address, c.name),
        },
        {
          defaultBilling: false,
          defaultShipping: true,
          label: "Shipping",
          addressBookAddress: toNetSuiteAddress(c.shipping_address, c.name),
        },
      ],
    },
  }
}

export interface NetSuiteRef {
  id?: string
  refName?: string
}

/** A salesOrder `item` line as GET (with `expandSubResources=true`) returns it. */
export interface NetSuiteOrderLine {
  /** The line's key in the sublist: updates address it, `!transform` calls it `orderLine`. */
  line?: number | string
  item?: NetSuiteRef
  quantity?: number
  quantityFulfilled?: number
  quantityBilled?: number
  isClosed?: boolean
  [field: string]: unknown
}

/** Lines of a record fetched with `expandSubResources=true`. */
export function orderLines(record: Record<string, unknown>): NetSuiteOrderLine[] {
  const items = (record.item as { items?: unknown } | undefined)?.items
  return Array.isArray(items) ? (items as NetSuiteOrderLine[]) : []
}

/** Item internal ids referenced by these lines (for the `itemid` lookup). */
export function itemIdsOf(lines: NetSuiteOrderLine[]): string[] {
  return lines
    .map((l) => l.item?.id)
    .filter((id): id is string => id !== undefined && id !== null)
    .map(String)
}

// Package sublists per carrier integration, each with its own tracking-number field.
const PACKAGE_SUBLISTS: Array<[string, string]> = [
  ["package", "packageTrackingNumber"],
  ["packageUps", "packageTrackingNumberUps"],
  ["packageFedEx", "packageTrackingNumberFedEx"],
  ["packageUsps", "packageTrackingNumberUsps"],
]

/**
 * A shipped itemFulfillment (expanded) → `Shipment`. `skus` maps item internal ids to their
 * `itemid`; an item it lacks reports its internal id, never a number parsed out of `refName`.
 */
export function fromNetSuiteFulfillment(
  record: Record<string, unknown>,
  orderId: string,
  s: NetSuiteSettings,
  skus: Map<string, string>
): Shipment {
  const lineIdField = s.lineIdField ?? DEFAULT_LINE_ID_FIELD
  const tracking: string[] = []
  for (const [sublist, field] of PACKAGE_SUBLISTS) {
    const items = (record[sublist] as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? []
    for (const p of items) if (typeof p[field] === "string" && p[field]) tracking.push(p[field] as string)
  }
  const lines = orderLines(record)
    .filter((l) => l.itemReceive !== false)
    .map((l) => ({
      sku: skus.get(String(l.item?.id)) ?? String(l.item?.id ?? ""),
      quantity: Number(l.quantity ?? 0),
      line_id: typeof l[lineIdField] === "string" ? (l[lineIdField] as string) : undefined,
    }))
  return {
    erp_id: String(record.id),
    order_id: orderId,
    tracking_numbers: tracking,
    carrier:
      (record.shipMethod as NetSuiteRef | undefined)?.refName ??
      (record.shipCarrier as NetSuiteRef | undefined)?.refName,
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
