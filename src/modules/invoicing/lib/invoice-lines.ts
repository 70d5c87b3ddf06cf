import { currencyExponent, parseDecimal, roundHalfAwayFromZero, toMajorString, toMinor } from "../../../lib/money"

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

/**
 * Stripe refuses a 251st line on one invoice (changelog 2016-02-22); an order
 * with more lines is still one invoice, with items grouped (see fitToLineLimit).
 */
export const MAX_STRIPE_INVOICE_LINES = 250

/** Stripe caps metadata values at 500 characters; descriptions are kept as short. */
const MAX_TEXT = 500

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

/** quantity × unit price in minor units, rounded once (exact when the price has the currency's precision). */
function extendedMinor(unitPrice: unknown, quantity: number, currency: string): bigint {
  const { mantissa, scale } = parseDecimal(String(unitPrice))
  const exponent = currencyExponent(currency)
  const numerator = mantissa * BigInt(quantity)
  if (scale <= exponent) return numerator * 10n ** BigInt(exponent - scale)
  return roundHalfAwayFromZero(numerator, 10n ** BigInt(scale - exponent))
}

export function lineAmount(line: InvoiceLine): bigint {
  return line.kind === "item" ? line.unit_amount_minor * BigInt(line.quantity) : line.amount_minor
}

function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

function itemDescription(item: InvoiceSourceOrder["items"][number]): string {
  return clip(item.variant_sku ? `${item.variant_sku} — ${item.title}` : item.title)
}

/** The lines of one order item: the item, then its discount if any. */
type ItemBlock = { item: InvoiceSourceOrder["items"][number]; lines: InvoiceLine[]; quantity: number; unit_minor: bigint | null }

function itemBlock(item: InvoiceSourceOrder["items"][number], currency: string): ItemBlock {
  const quantity = Number(item.quantity)
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new InvoiceMismatchError(`Line item ${item.id} has quantity ${String(item.quantity)}; only whole quantities can be invoiced`)
  }
  const metadata = {
    medusa_line_item_id: item.id,
    sku: item.variant_sku ?? "",
    contract_rule_id: String(item.metadata?.contract_rule_id ?? ""),
  }
  let unit: bigint | null = null
  try {
    unit = toMinor(String(item.unit_price), currency)
  } catch {
    // A unit price finer than the currency's minor unit (e.g. tax-inclusive
    // pricing): invoice the extended amount, rounded once, and say so.
  }
  const lines: InvoiceLine[] =
    unit !== null
      ? [{ kind: "item", description: itemDescription(item), quantity, unit_amount_minor: unit, metadata }]
      : [
          {
            kind: "amount",
            description: clip(`${itemDescription(item)} (${quantity} × ${String(item.unit_price)})`),
            amount_minor: extendedMinor(item.unit_price, quantity, currency),
            metadata,
          },
        ]
  const discount = minorRounded(item.discount_total, currency)
  if (discount > 0n) {
    lines.push({ kind: "amount", description: clip(`Discount — ${item.title}`), amount_minor: -discount, metadata: { medusa_line_item_id: item.id } })
  }
  return { item, lines, quantity, unit_minor: unit }
}

/** An item and its discount as one amount line (used only above Stripe's line limit). */
function foldBlock(block: ItemBlock, currency: string): InvoiceLine {
  if (block.lines.length === 1) return block.lines[0]
  const amount = block.lines.reduce((sum, l) => sum + lineAmount(l), 0n)
  const discount = -lineAmount(block.lines[1])
  const unit = block.unit_minor !== null ? toMajorString(block.unit_minor, currency) : String(block.item.unit_price)
  return {
    kind: "amount",
    description: clip(`${itemDescription(block.item)} (${block.quantity} × ${unit}, less ${toMajorString(discount, currency)} discount)`),
    amount_minor: amount,
    metadata: (block.lines[0] as { metadata: Record<string, string> }).metadata,
  }
}

function joinIds(ids: string[]): string {
  const all = ids.join(",")
  if (all.length <= MAX_TEXT) return all
  return clip(`${ids[0]}..${ids[ids.length - 1]} (${ids.length} items)`)
}

/** Several consecutive items as one amount line whose description lists them. */
function groupBlocks(blocks: ItemBlock[], first: number, currency: string): InvoiceLine {
  const amount = blocks.reduce((sum, b) => sum + b.lines.reduce((s, l) => s + lineAmount(l), 0n), 0n)
  const parts = blocks.map((b) => {
    const unit = b.unit_minor !== null ? toMajorString(b.unit_minor, currency) : String(b.item.unit_price)
    const discount = b.lines.length > 1 ? -lineAmount(b.lines[1]) : 0n
    return `${b.item.variant_sku || b.item.title} ×${b.quantity} @ ${unit}${discount > 0n ? ` −${toMajorString(discount, currency)}` : ""}`
  })
  return {
    kind: "amount",
    description: clip(`Items ${first}–${first + blocks.length - 1}: ${parts.join("; ")}`),
    amount_minor: amount,
    metadata: { medusa_line_item_ids: joinIds(blocks.map((b) => b.item.id)), item_count: String(blocks.length) },
  }
}

/**
 * Keeps the invoice within Stripe's line limit without changing its total:
 * first each item's discount folds into the item's line, then consecutive
 * items share lines, spread evenly (500 items in 248 slots → lines of 2 or 3
 * items). Orders within the limit keep one line per item and per discount.
 */
function fitToLineLimit(blocks: ItemBlock[], budget: number, currency: string): InvoiceLine[] {
  const itemized = blocks.flatMap((b) => b.lines)
  if (itemized.length <= budget) return itemized
  if (budget < 1) throw new InvoiceMismatchError(`No room for item lines within Stripe's ${MAX_STRIPE_INVOICE_LINES}-line limit`)
  if (blocks.length <= budget) return blocks.map((b) => foldBlock(b, currency))
  const lines: InvoiceLine[] = []
  const base = Math.floor(blocks.length / budget)
  const larger = blocks.length % budget
  let at = 0
  for (let slot = 0; slot < budget; slot++) {
    const size = base + (slot < larger ? 1 : 0)
    const group = blocks.slice(at, at + size)
    lines.push(group.length === 1 ? foldBlock(group[0], currency) : groupBlocks(group, at + 1, currency))
    at += size
  }
  return lines
}

export type BuildInvoiceLinesOptions = {
  /** Lines one invoice may hold (Stripe: 250). */
  maxLines?: number
}

/**
 * The invoice lines for an order: one per item at the unit price the order
 * carries, discounts, shipping, and tax as their own lines. Tax takes up the
 * rounding so Stripe's total equals Medusa's total to the minor unit; a gap
 * bigger than one minor unit per line means the order is inconsistent and we
 * refuse to invoice it. Orders with more lines than Stripe allows on one
 * invoice get grouped item lines (same total). Deterministic: the same order
 * gives the same lines in the same order.
 */
export function buildInvoiceLines(
  order: InvoiceSourceOrder,
  options: BuildInvoiceLinesOptions = {}
): { lines: InvoiceLine[]; total_minor: bigint; grouped: boolean } {
  const maxLines = options.maxLines ?? MAX_STRIPE_INVOICE_LINES
  const currency = order.currency_code
  // Queries return items in no fixed order; a retry must send the very same
  // lines under the same idempotency keys, so sort by id (creation order).
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const blocks = byId(order.items).map((item) => itemBlock(item, currency))

  const shipping: InvoiceLine[] = []
  for (const method of byId(order.shipping_methods ?? [])) {
    shipping.push({
      kind: "amount",
      description: clip(`Shipping — ${method.name}`),
      amount_minor: minorRounded(method.amount, currency),
      metadata: { medusa_shipping_method_id: method.id },
    })
    const discount = minorRounded(method.discount_total, currency)
    if (discount > 0n) {
      shipping.push({ kind: "amount", description: `Shipping discount`, amount_minor: -discount, metadata: { medusa_shipping_method_id: method.id } })
    }
  }

  const total = minorRounded(order.total, currency)
  const beforeTax =
    blocks.reduce((sum, b) => sum + b.lines.reduce((s, l) => s + lineAmount(l), 0n), 0n) +
    shipping.reduce((sum, l) => sum + lineAmount(l), 0n)
  const tax = total - beforeTax
  const expectedTax = minorRounded(order.tax_total, currency)
  const tolerance = BigInt(order.items.length + (order.shipping_methods ?? []).length)
  const gap = tax > expectedTax ? tax - expectedTax : expectedTax - tax
  if (gap > tolerance) {
    throw new InvoiceMismatchError(
      `Order ${order.id}: lines sum to ${beforeTax} + tax ${expectedTax} but the order total is ${total} (minor units)`
    )
  }
  const taxLines: InvoiceLine[] = tax !== 0n ? [{ kind: "amount", description: "Tax", amount_minor: tax, metadata: { kind: "tax" } }] : []

  const items = fitToLineLimit(blocks, maxLines - shipping.length - taxLines.length, currency)
  const lines = [...items, ...shipping, ...taxLines]
  return { lines, total_minor: total, grouped: items.length < blocks.reduce((n, b) => n + b.lines.length, 0) }
}
