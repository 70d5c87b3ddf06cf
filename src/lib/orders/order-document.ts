import { documentLineMoney, type OrderDocumentMoney } from "./document-line-money"
import { ORDER_MONEY_FIELDS, orderMoney, type MedusaMoneyOrder, type MoneyLine } from "./order-money"
import { RETURN_MONEY_FIELDS } from "./return-money"
import { toReturnDocuments, type ReturnDocument, type ReturnForDocument } from "./return-document"

export type { OrderDocumentMoney } from "./document-line-money"

/**
 * The order as the hub hands it to ERPs (push and pull) and partners:
 * versioned, money in integer minor units (ISO 4217 exponents) as strings,
 * nothing Medusa-internal. Every figure comes from the order money model
 * (order-money.ts), the same one the Stripe invoice is built from.
 * Bump ORDER_DOCUMENT_VERSION on any breaking change.
 *
 * 2026-12-05: discounts are net of tax (`discount_minor`, with
 * `discount_tax_minor` beside them), `shipping_minor` is shipping net of its
 * discount and of tax, lines carry `net_minor`, `tax_inclusive`, `tax_rate`
 * and the exact `unit_price`; `shipping_lines` added.
 *
 * 2026-12-07 (additive, same version): `returns`, the received returns with their money.
 */
export const ORDER_DOCUMENT_VERSION = "2026-12-05"

export const ORDER_FIELDS_FOR_DOCUMENT = [
  ...ORDER_MONEY_FIELDS,
  ...RETURN_MONEY_FIELDS,
  "display_id",
  "status",
  "email",
  "created_at",
  "updated_at",
  "canceled_at",
  "metadata",
  "sales_channel_id",
  "customer_id",
  "shipping_address.*",
  "billing_address.*",
]

export type OrderDocumentLine = OrderDocumentMoney & {
  line_id: string
  sku: string | null
  variant_id: string | null
  product_id: string | null
  title: string
  quantity: number
  contract_rule_id: string | null
}

export type OrderDocumentShippingLine = OrderDocumentMoney & { id: string; name: string }

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
  /** Every priced line includes tax in its price. */
  tax_inclusive: boolean
  lines: OrderDocumentLine[]
  shipping_lines: OrderDocumentShippingLine[]
  /** Shipping net of its discount and of tax. */
  shipping_minor: string
  shipping_tax_minor: string
  /** Σ lines' and shipping's net subtotals (before discount). */
  subtotal_minor: string
  /** Σ discounts, net of tax. */
  discount_minor: string
  discount_tax_minor: string
  tax_minor: string
  /** Order-level credit (reduces the total). */
  credit_minor: string
  /** = Σ line totals + Σ shipping totals − credit = Medusa's order total. */
  total_minor: string
  /**
   * Received returns, oldest first: the units each took back and what they are worth. `lines`
   * and the totals count only the units kept (Medusa's totals after a return), so lines + returns
   * = the order as sold. Absent from documents published before 2026-12-07.
   */
  returns: ReturnDocument[]
  shipping_address: Record<string, unknown> | null
  billing_address: Record<string, unknown> | null
}

const ADDRESS_FIELDS = [
  "company",
  "first_name",
  "last_name",
  "address_1",
  "address_2",
  "city",
  "postal_code",
  "province",
  "country_code",
  "phone",
]

function address(raw: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!raw) return null
  return Object.fromEntries(ADDRESS_FIELDS.map((k) => [k, raw[k] ?? null]))
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

export type OrderDocumentCompany = OrderDocument["company"]

/** An order as Query returns it with ORDER_FIELDS_FOR_DOCUMENT. */
export type OrderForDocument = MedusaMoneyOrder & {
  display_id?: unknown
  status: string
  email?: string | null
  created_at: Date | string
  updated_at: Date | string
  canceled_at?: Date | string | null
  metadata?: Record<string, unknown> | null
  sales_channel_id?: string | null
  shipping_address?: Record<string, unknown> | null
  billing_address?: Record<string, unknown> | null
}

/** `returns`: the order's returns (RETURN_FIELDS_FOR_DOCUMENT); those that took units back are in the document. */
export function toOrderDocument(
  order: OrderForDocument,
  company: OrderDocumentCompany = null,
  returns: ReturnForDocument[] = []
): OrderDocument {
  const currency = String(order.currency_code)
  const meta = (order.metadata ?? {}) as Record<string, unknown>
  const money = orderMoney(order)
  const sum = (lines: MoneyLine[], pick: (l: MoneyLine) => bigint) => lines.reduce((s, l) => s + pick(l), 0n).toString()
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
    tax_inclusive: money.tax_inclusive,
    lines: money.items.map(
      (item): OrderDocumentLine => ({
        line_id: item.id,
        sku: item.sku,
        variant_id: item.variant_id,
        product_id: item.product_id,
        title: item.title,
        quantity: item.quantity,
        ...documentLineMoney(item, currency),
        contract_rule_id: (item.metadata?.contract_rule_id as string) ?? null,
      })
    ),
    shipping_lines: money.shipping.map(
      (s): OrderDocumentShippingLine => ({ id: s.id, name: s.title, ...documentLineMoney(s, currency) })
    ),
    shipping_minor: sum(money.shipping, (l) => l.net_minor),
    shipping_tax_minor: sum(money.shipping, (l) => l.tax_minor),
    subtotal_minor: money.subtotal_minor.toString(),
    discount_minor: money.discount_minor.toString(),
    discount_tax_minor: money.discount_tax_minor.toString(),
    tax_minor: money.tax_minor.toString(),
    credit_minor: money.credit_minor.toString(),
    total_minor: money.total_minor.toString(),
    returns: toReturnDocuments(order, returns),
    shipping_address: address(order.shipping_address),
    billing_address: address(order.billing_address),
  }
}
