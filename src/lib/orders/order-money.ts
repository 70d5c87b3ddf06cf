import { allocateToTarget, splitProportionally, toMinor } from "../money"
import { parseDecimal } from "../money/decimal"

/**
 * THE money model of an order: the only reader of Medusa's totals. The Stripe
 * invoice, the ERP document (every connector mapping), webhook payloads,
 * credit notes and the credit exposure are views of it; none re-derives a
 * total on its own.
 *
 * What Medusa 2.21 stores per item and shipping method (utils/totals, checked
 * with its own `decorateCartTotals`):
 *
 * | Medusa field          | meaning                                              |
 * |-----------------------|------------------------------------------------------|
 * | `unit_price`          | as priced: GROSS when `is_tax_inclusive`, else net    |
 * | `subtotal`            | NET of tax, before discount                          |
 * | `discount_subtotal`   | the discount, NET of tax                              |
 * | `discount_tax_total`  | the tax on the discount                               |
 * | `discount_total`      | the discount GROSS (= subtotal + tax part)            |
 * | `tax_total`           | tax on (subtotal − discount_subtotal)                |
 * | `total`               | GROSS after discount (= subtotal − discount + tax)   |
 * | `original_total`      | GROSS before discount                                 |
 *
 * Order level: `total` = Σ line totals − credit lines.
 *
 * Received returns: Medusa keeps the line's `quantity` as ordered, but its
 * totals count only the units kept — `quantity − detail.return_received_quantity
 * − detail.return_dismissed_quantity` (utils/totals/line-item) — so the order
 * total drops when a return is received. A line here carries that kept
 * quantity, so its quantity and its money describe the same units.
 *
 * Medusa keeps sub-minor precision (8.875 % of 33.33). Each amount here is
 * rounded once, half away from zero, and the parts are made to add up to the
 * rounded whole (allocateToTarget): Σ line totals = the order total, Σ line
 * taxes = the order tax, every line within one minor unit of Medusa's exact
 * figure. Totals and taxes are allocated and nets derived (net = total − tax),
 * so a net price with the currency's precision stays exact.
 */

export type MoneyTaxLine = {
  /** Percent, as Medusa stores it ("8.875"). */
  rate: string
  code: string | null
  description: string | null
  amount_minor: bigint
}

export type MoneyLine = {
  kind: "item" | "shipping"
  id: string
  title: string
  sku: string | null
  variant_id: string | null
  product_id: string | null
  quantity: number
  /** Medusa's unit price, exact decimal, major units; gross when `tax_inclusive`. */
  unit_price: string
  tax_inclusive: boolean
  /** Σ of the tax lines' rates, percent. */
  tax_rate: string
  tax_lines: MoneyTaxLine[]
  /** Net of tax, before discount. */
  subtotal_minor: bigint
  /** Discount net of tax. */
  discount_minor: bigint
  discount_tax_minor: bigint
  /** subtotal − discount: the taxable amount. */
  net_minor: bigint
  tax_minor: bigint
  /** net + tax: what the buyer pays for the line. */
  total_minor: bigint
  /** Gross before discount: total + discount + discount tax. */
  gross_minor: bigint
  metadata: Record<string, unknown>
}

export type OrderMoney = {
  order_id: string
  currency_code: string
  items: MoneyLine[]
  shipping: MoneyLine[]
  /** Order-level credit lines (Medusa's credit_line_total), reducing the total. */
  credit_minor: bigint
  subtotal_minor: bigint
  discount_minor: bigint
  discount_tax_minor: bigint
  net_minor: bigint
  tax_minor: bigint
  /** What the order costs the buyer: Σ line totals − credit. Equals Medusa's order total, rounded once. */
  total_minor: bigint
  /** Every priced line includes tax in its price (a tax-inclusive region). */
  tax_inclusive: boolean
}

/** The order fields `orderMoney` reads (for query.graph). */
export const ORDER_MONEY_FIELDS = [
  "id",
  "currency_code",
  "total",
  "items.id",
  "items.title",
  "items.variant_sku",
  "items.variant_id",
  "items.product_id",
  "items.quantity",
  "items.detail.return_received_quantity",
  "items.detail.return_dismissed_quantity",
  "items.unit_price",
  "items.is_tax_inclusive",
  "items.subtotal",
  "items.discount_total",
  "items.discount_subtotal",
  "items.discount_tax_total",
  "items.tax_total",
  "items.total",
  "items.metadata",
  "items.tax_lines.rate",
  "items.tax_lines.code",
  "items.tax_lines.description",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.is_tax_inclusive",
  "shipping_methods.subtotal",
  "shipping_methods.discount_total",
  "shipping_methods.discount_subtotal",
  "shipping_methods.discount_tax_total",
  "shipping_methods.tax_total",
  "shipping_methods.total",
  "shipping_methods.tax_lines.rate",
  "shipping_methods.tax_lines.code",
  "shipping_methods.tax_lines.description",
]

/** A tax line as Query returns it. */
export type MedusaTaxLine = { rate?: unknown; code?: string | null; description?: string | null }

/**
 * An item or shipping method as Query returns it with ORDER_MONEY_FIELDS
 * (and possibly more). Amounts and quantities arrive as numbers, numeric
 * strings, BigNumber objects or raw `{ value }` records, hence `unknown`.
 */
export type MedusaMoneyLine = {
  [field: string]: unknown
  id: string
  /** Items. */
  title?: string | null
  /** Shipping methods. */
  name?: string | null
  variant_sku?: string | null
  variant_id?: string | null
  product_id?: string | null
  quantity?: unknown
  detail?: { return_received_quantity?: unknown; return_dismissed_quantity?: unknown } | null
  unit_price?: unknown
  /** A shipping method's price. */
  amount?: unknown
  is_tax_inclusive?: boolean | null
  discount_total?: unknown
  discount_subtotal?: unknown
  discount_tax_total?: unknown
  tax_total?: unknown
  total?: unknown
  metadata?: Record<string, unknown> | null
  tax_lines?: (MedusaTaxLine | null)[] | null
}

/** An order (or cart) as Query returns it with ORDER_MONEY_FIELDS (and possibly more): what `orderMoney` reads. */
export type MedusaMoneyOrder = {
  [field: string]: unknown
  id: string
  currency_code: string
  total?: unknown
  items?: MedusaMoneyLine[] | null
  shipping_methods?: MedusaMoneyLine[] | null
}

export class OrderMoneyError extends Error {
  readonly code = "order_money_invalid"
  constructor(message: string) {
    super(message)
    this.name = "OrderMoneyError"
  }
}

/** Medusa values arrive as numbers, numeric strings, BigNumber objects or raw `{ value }` records. */
function decimalText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "0"
  const text = String(value)
  if (text === "[object Object]" && typeof value === "object" && "value" in value)
    return String((value as { value: unknown }).value)
  return text
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

type RawLine = {
  kind: MoneyLine["kind"]
  raw: MedusaMoneyLine
  total: string
  tax: string
  discountGross: string
  discountTax: string
}

function rawLine(kind: MoneyLine["kind"], raw: MedusaMoneyLine): RawLine {
  const total = decimalText(raw.total)
  const tax = decimalText(raw.tax_total)
  const discountTax = decimalText(raw.discount_tax_total)
  // Medusa's discount_total is gross; fall back to net + tax when only those were read.
  const discountGross =
    raw.discount_total !== undefined && raw.discount_total !== null
      ? decimalText(raw.discount_total)
      : addDecimals(decimalText(raw.discount_subtotal), discountTax)
  return { kind, raw, total, tax, discountGross, discountTax }
}

function addDecimals(a: string, b: string): string {
  const x = parseDecimal(a)
  const y = parseDecimal(b)
  const scale = Math.max(x.scale, y.scale)
  const sum = x.mantissa * 10n ** BigInt(scale - x.scale) + y.mantissa * 10n ** BigInt(scale - y.scale)
  const negative = sum < 0n
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, "0")
  return `${negative ? "-" : ""}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`
}

function sumDecimals(values: string[]): string {
  return values.reduce((acc, v) => addDecimals(acc, v), "0")
}

/** "10.000000" → "10": the shortest exact form. */
function canonical(text: string): string {
  return addDecimals(text, "0")
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "")
}

/** Rate as an integer weight at a common scale, for splitting a line's tax among its tax lines. */
function rateWeights(rates: string[]): bigint[] {
  const parsed = rates.map((r) => parseDecimal(r))
  const scale = parsed.reduce((m, p) => Math.max(m, p.scale), 0)
  return parsed.map((p) => p.mantissa * 10n ** BigInt(scale - p.scale))
}

function wholeQuantity(raw: MedusaMoneyLine, value: unknown, what: string): number {
  const q = Number(decimalText(value))
  if (!Number.isSafeInteger(q) || q < 0)
    throw new OrderMoneyError(
      `Line item ${raw.id} has ${what} ${decimalText(value)}; only whole quantities are supported`
    )
  return q
}

/** The units Medusa's totals count: ordered less those a received return took back (see the table above). */
function quantityOf(raw: MedusaMoneyLine, kind: MoneyLine["kind"]): number {
  if (kind === "shipping") return 1
  const ordered = wholeQuantity(raw, raw.quantity, "quantity")
  const returned =
    wholeQuantity(raw, raw.detail?.return_received_quantity, "returned quantity") +
    wholeQuantity(raw, raw.detail?.return_dismissed_quantity, "dismissed quantity")
  if (returned > ordered) throw new OrderMoneyError(`Line item ${raw.id} has ${returned} units returned of ${ordered}`)
  return ordered - returned
}

/**
 * The money model of an order (or cart) as Medusa computed it. Deterministic:
 * lines sorted by id, so a retry sees the same figures in the same order.
 * Requires the fields in ORDER_MONEY_FIELDS.
 */
export function orderMoney(order: MedusaMoneyOrder): OrderMoney {
  const currency = String(order.currency_code)
  const raws = [
    ...byId(order.items ?? []).map((i) => rawLine("item", i)),
    ...byId(order.shipping_methods ?? []).map((s) => rawLine("shipping", s)),
  ]
  const round = (text: string) => toMinor(text, currency, { round: true })

  // Σ of the exact line figures, rounded once, is what the parts must add up to.
  const lineTotal = round(sumDecimals(raws.map((r) => r.total)))
  const taxTotal = round(sumDecimals(raws.map((r) => r.tax)))
  const discountGrossTotal = round(sumDecimals(raws.map((r) => r.discountGross)))
  const discountTaxTotal = round(sumDecimals(raws.map((r) => r.discountTax)))

  const totals = allocateToTarget(
    raws.map((r) => r.total),
    lineTotal,
    currency
  )
  const taxes = allocateToTarget(
    raws.map((r) => r.tax),
    taxTotal,
    currency
  )
  const discountsGross = allocateToTarget(
    raws.map((r) => r.discountGross),
    discountGrossTotal,
    currency
  )
  const discountTaxes = allocateToTarget(
    raws.map((r) => r.discountTax),
    discountTaxTotal,
    currency
  )

  const lines = raws.map((r, i): MoneyLine => {
    const raw = r.raw
    const net = totals[i] - taxes[i]
    const discount = discountsGross[i] - discountTaxes[i]
    const taxLines = (raw.tax_lines ?? []).filter(
      (t): t is MedusaTaxLine => !!t && t.rate !== null && t.rate !== undefined
    )
    const rates = taxLines.map((t) => canonical(decimalText(t.rate)))
    const taxSplit = splitProportionally(taxes[i], rateWeights(rates))
    const unitPrice = canonical(r.kind === "shipping" ? decimalText(raw.amount) : decimalText(raw.unit_price))
    return {
      kind: r.kind,
      id: String(raw.id),
      title: String(r.kind === "shipping" ? (raw.name ?? "Shipping") : (raw.title ?? raw.id)),
      sku: r.kind === "item" ? (raw.variant_sku ?? null) : null,
      variant_id: r.kind === "item" ? (raw.variant_id ?? null) : null,
      product_id: r.kind === "item" ? (raw.product_id ?? null) : null,
      quantity: quantityOf(raw, r.kind),
      unit_price: unitPrice,
      tax_inclusive: !!raw.is_tax_inclusive,
      tax_rate: canonical(sumDecimals(rates)),
      tax_lines: taxLines.map((t, k) => ({
        rate: rates[k],
        code: t.code ?? null,
        description: t.description ?? null,
        amount_minor: taxSplit[k],
      })),
      subtotal_minor: net + discount,
      discount_minor: discount,
      discount_tax_minor: discountTaxes[i],
      net_minor: net,
      tax_minor: taxes[i],
      total_minor: totals[i],
      gross_minor: totals[i] + discountsGross[i],
      metadata: (raw.metadata ?? {}) as Record<string, unknown>,
    }
  })

  const orderTotal = order.total === undefined || order.total === null ? lineTotal : round(decimalText(order.total))
  const sum = (pick: (l: MoneyLine) => bigint) => lines.reduce((s, l) => s + pick(l), 0n)
  const priced = lines.filter((l) => l.total_minor !== 0n || l.gross_minor !== 0n)
  return {
    order_id: String(order.id),
    currency_code: currency,
    items: lines.filter((l) => l.kind === "item"),
    shipping: lines.filter((l) => l.kind === "shipping"),
    credit_minor: lineTotal - orderTotal,
    subtotal_minor: sum((l) => l.subtotal_minor),
    discount_minor: sum((l) => l.discount_minor),
    discount_tax_minor: sum((l) => l.discount_tax_minor),
    net_minor: sum((l) => l.net_minor),
    tax_minor: taxTotal,
    total_minor: orderTotal,
    tax_inclusive: priced.length > 0 && priced.every((l) => l.tax_inclusive),
  }
}

/** Every line of the model, items first. */
export function moneyLines(money: OrderMoney): MoneyLine[] {
  return [...money.items, ...money.shipping]
}
