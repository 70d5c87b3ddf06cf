import { toMinor } from "../../../lib/money"

/** The order as the invoice needs it; amounts are Medusa major units. */
export type InvoiceSourceOrder = {
  id: string
  display_id: number | string
  currency_code: string
  total: unknown
  tax_total: unknown
  items: {
    id: string
    title: string
    variant_sku?: string | null
    quantity: unknown
    unit_price: unknown
    discount_total?: unknown
    metadata?: Record<string, unknown> | null
  }[]
  shipping_methods: { id: string; name: string; amount: unknown; discount_total?: unknown }[]
}

/** One Stripe invoice line: either quantity × unit or a one-off amount. */
export type InvoiceLine =
  | { kind: "item"; description: string; quantity: number; unit_amount_minor: bigint; metadata: Record<string, string> }
  | { kind: "amount"; description: string; amount_minor: bigint; metadata: Record<string, string> }

export class InvoiceMismatchError extends Error {
  readonly code = "invoice_total_mismatch"
  constructor(message: string) {
    super(message)
    this.name = "InvoiceMismatchError"
  }
}

/** Medusa may carry sub-minor precision (tax); round once with the one rule. */
function minorRounded(value: unknown, currency: string): bigint {
  return toMinor(String(value ?? "0"), currency, { round: true })
}

export function lineAmount(line: InvoiceLine): bigint {
  return line.kind === "item" ? line.unit_amount_minor * BigInt(line.quantity) : line.amount_minor
}

/**
 * The invoice lines for an order: one per item at the unit price the order
 * carries, discounts, shipping, and tax as their own lines. Tax takes up the
 * rounding so Stripe's total equals Medusa's total to the minor unit; a gap
 * bigger than one minor unit per line means the order is inconsistent and we
 * refuse to invoice it.
 */
export function buildInvoiceLines(order: InvoiceSourceOrder): { lines: InvoiceLine[]; total_minor: bigint } {
  const currency = order.currency_code
  const lines: InvoiceLine[] = []
  for (const item of order.items) {
    const quantity = Number(item.quantity)
    const unit = toMinor(String(item.unit_price), currency)
    lines.push({
      kind: "item",
      description: item.variant_sku ? `${item.variant_sku} — ${item.title}` : item.title,
      quantity,
      unit_amount_minor: unit,
      metadata: {
        medusa_line_item_id: item.id,
        sku: item.variant_sku ?? "",
        contract_rule_id: String(item.metadata?.contract_rule_id ?? ""),
      },
    })
    const discount = minorRounded(item.discount_total, currency)
    if (discount > 0n) {
      lines.push({ kind: "amount", description: `Discount — ${item.title}`, amount_minor: -discount, metadata: { medusa_line_item_id: item.id } })
    }
  }
  for (const method of order.shipping_methods) {
    lines.push({
      kind: "amount",
      description: `Shipping — ${method.name}`,
      amount_minor: toMinor(String(method.amount), currency),
      metadata: { medusa_shipping_method_id: method.id },
    })
    const discount = minorRounded(method.discount_total, currency)
    if (discount > 0n) {
      lines.push({ kind: "amount", description: `Shipping discount`, amount_minor: -discount, metadata: { medusa_shipping_method_id: method.id } })
    }
  }

  const total = minorRounded(order.total, currency)
  const beforeTax = lines.reduce((sum, l) => sum + lineAmount(l), 0n)
  const tax = total - beforeTax
  const expectedTax = minorRounded(order.tax_total, currency)
  const tolerance = BigInt(order.items.length + order.shipping_methods.length)
  const gap = tax > expectedTax ? tax - expectedTax : expectedTax - tax
  if (gap > tolerance) {
    throw new InvoiceMismatchError(
      `Order ${order.id}: lines sum to ${beforeTax} + tax ${expectedTax} but the order total is ${total} (minor units)`
    )
  }
  if (tax !== 0n) lines.push({ kind: "amount", description: "Tax", amount_minor: tax, metadata: { kind: "tax" } })
  return { lines, total_minor: total }
}
