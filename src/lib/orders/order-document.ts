import { toMinor } from "../money"

/**
 * The order as the hub hands it to ERPs (push and pull) and partners:
 * versioned, money in integer minor units as strings, nothing Medusa-internal.
 * Bump ORDER_DOCUMENT_VERSION on any breaking change.
 */
export const ORDER_DOCUMENT_VERSION = "2026-11-01"

export const ORDER_FIELDS_FOR_DOCUMENT = [
  "id",
  "display_id",
  "status",
  "currency_code",
  "email",
  "created_at",
  "updated_at",
  "canceled_at",
  "metadata",
  "sales_channel_id",
  "customer_id",
  "total",
  "subtotal",
  "tax_total",
  "discount_total",
  "shipping_total",
  "shipping_subtotal",
  "items.id",
  "items.title",
  "items.variant_id",
  "items.variant_sku",
  "items.product_id",
  "items.quantity",
  "items.unit_price",
  "items.subtotal",
  "items.tax_total",
  "items.discount_total",
  "items.total",
  "items.metadata",
  "shipping_address.*",
  "billing_address.*",
  "shipping_methods.name",
  "shipping_methods.amount",
]

export type OrderDocumentLine = {
  line_id: string
  sku: string | null
  variant_id: string | null
  product_id: string | null
  title: string
  quantity: number
  unit_price_minor: string
  subtotal_minor: string
  discount_minor: string
  tax_minor: string
  total_minor: string
  contract_rule_id: string | null
}

export type OrderDocument = {
  version: typeof ORDER_DOCUMENT_VERSION
  id: string
  display_id: number
  status: string
  currency_code: string
  email: string | null
  po_number: string | null
  company_id: string | null
  company: { id: string; name: string; erp_account_number: string | null; billing_email: string | null } | null
  contract_id: string | null
  sales_channel_id: string | null
  placed_at: string
  updated_at: string
  canceled_at: string | null
  lines: OrderDocumentLine[]
  shipping_minor: string
  discount_minor: string
  tax_minor: string
  total_minor: string
  shipping_address: Record<string, unknown> | null
  billing_address: Record<string, unknown> | null
}

const minor = (value: unknown, currency: string) => toMinor(String(value ?? "0"), currency, { round: true }).toString()

const ADDRESS_FIELDS = ["company", "first_name", "last_name", "address_1", "address_2", "city", "postal_code", "province", "country_code", "phone"]

function address(raw: any): Record<string, unknown> | null {
  if (!raw) return null
  return Object.fromEntries(ADDRESS_FIELDS.map((k) => [k, raw[k] ?? null]))
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

export type OrderDocumentCompany = OrderDocument["company"]

export function toOrderDocument(order: any, company: OrderDocumentCompany = null): OrderDocument {
  const currency = String(order.currency_code)
  const meta = (order.metadata ?? {}) as Record<string, unknown>
  return {
    version: ORDER_DOCUMENT_VERSION,
    id: order.id,
    display_id: Number(order.display_id),
    status: order.status,
    currency_code: currency,
    email: order.email ?? null,
    po_number: (meta.po_number as string) ?? null,
    company_id: (meta.company_id as string) ?? null,
    company,
    contract_id: (meta.contract_id as string) ?? null,
    sales_channel_id: order.sales_channel_id ?? null,
    placed_at: iso(order.created_at)!,
    updated_at: iso(order.updated_at)!,
    canceled_at: iso(order.canceled_at),
    lines: (order.items ?? []).map(
      (item: any): OrderDocumentLine => ({
        line_id: item.id,
        sku: item.variant_sku ?? null,
        variant_id: item.variant_id ?? null,
        product_id: item.product_id ?? null,
        title: item.title,
        quantity: Number(item.quantity),
        unit_price_minor: toMinor(String(item.unit_price), currency).toString(),
        subtotal_minor: minor(item.subtotal, currency),
        discount_minor: minor(item.discount_total, currency),
        tax_minor: minor(item.tax_total, currency),
        total_minor: minor(item.total, currency),
        contract_rule_id: (item.metadata?.contract_rule_id as string) ?? null,
      })
    ),
    // Net of tax: tax is reported once, in tax_minor (Medusa's shipping_total includes it).
    shipping_minor: minor(order.shipping_subtotal ?? order.shipping_total, currency),
    discount_minor: minor(order.discount_total, currency),
    tax_minor: minor(order.tax_total, currency),
    total_minor: minor(order.total, currency),
    shipping_address: address(order.shipping_address),
    billing_address: address(order.billing_address),
  }
}
