import {
  currencyExponent,
  fromStripeAmount,
  stripeCurrencyRule,
  toMajorString,
  toMinor,
  toStripeAmount,
} from "../../../lib/money"
import type { MoneyLine, OrderMoney } from "../../../lib/orders/order-money"

/**
 * Tax as Medusa computed it, stated on a Stripe line (`tax_amounts`): Stripe
 * adds exclusive tax to the invoice total and shows inclusive tax as part of
 * the line amount. Amounts in Stripe's units.
 */
export type InvoiceTax = {
  amount: bigint
  taxable_amount: bigint
  inclusive: boolean
  /** Percent, e.g. "8.875". */
  percentage: string
  display_name: string
}

/**
 * One Stripe invoice line, in Stripe's units for the invoice currency
 * (src/lib/money/stripe-currency.ts): quantity × unit, or a one-off amount.
 */
export type InvoiceLine =
  | {
      kind: "item"
      description: string
      quantity: number
      unit_amount: bigint
      taxes: InvoiceTax[]
      metadata: Record<string, string>
    }
  | { kind: "amount"; description: string; amount: bigint; taxes: InvoiceTax[]; metadata: Record<string, string> }

/**
 * Stripe refuses a 251st line on one invoice (changelog 2016-02-22); an order
 * with more lines is still one invoice, with items grouped (see fitToLineLimit).
 */
export const MAX_STRIPE_INVOICE_LINES = 250

/** Stripe accepts at most 20 `tax_amounts` per line (OpenAPI: invoices add_lines, `maxItems`). */
export const MAX_TAX_AMOUNTS_PER_LINE = 20

/** Stripe caps metadata values at 500 characters; descriptions are kept as short. */
const MAX_TEXT = 500
/** Stripe's tax rate display_name limit. */
const MAX_TAX_NAME = 50

export class InvoiceMismatchError extends Error {
  readonly code = "invoice_total_mismatch"
  constructor(message: string) {
    super(message)
    this.name = "InvoiceMismatchError"
  }
}

export function lineAmount(line: InvoiceLine): bigint {
  return line.kind === "item" ? line.unit_amount * BigInt(line.quantity) : line.amount
}

/** What the line adds to Stripe's total: its amount plus exclusive tax (inclusive tax is inside the amount). */
export function lineTotal(line: InvoiceLine): bigint {
  return lineAmount(line) + line.taxes.filter((t) => !t.inclusive).reduce((s, t) => s + t.amount, 0n)
}

function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

function lineName(line: MoneyLine): string {
  if (line.kind === "shipping") return clip(`Shipping — ${line.title}`)
  return clip(line.sku ? `${line.sku} — ${line.title}` : line.title)
}

/** A line's taxes as Stripe tax amounts: one per Medusa tax line, each on the line's taxable (net) amount. */
function taxesOf(line: MoneyLine, currency: string): InvoiceTax[] {
  const stripe = (minor: bigint) => toStripeAmount(minor, currency).amount
  const taxable = stripe(line.net_minor)
  const stated = line.tax_lines.filter((t) => t.amount_minor !== 0n)
  if (stated.length > MAX_TAX_AMOUNTS_PER_LINE) {
    throw new InvoiceMismatchError(
      `Line ${line.id} has ${stated.length} taxes; Stripe takes at most ${MAX_TAX_AMOUNTS_PER_LINE} per line`
    )
  }
  return stated.map((t) => ({
    amount: stripe(t.amount_minor),
    taxable_amount: taxable,
    inclusive: line.tax_inclusive,
    percentage: t.rate,
    display_name: clip(t.description || t.code || `Tax ${t.rate}%`, MAX_TAX_NAME),
  }))
}

/** The order's unit price in Stripe units when quantity × unit is exactly the line's amount, else null. */
function exactUnit(line: MoneyLine, amountMinor: bigint, currency: string): bigint | null {
  if (line.kind !== "item" || line.quantity <= 0) return null
  let unit: bigint
  try {
    unit = toMinor(line.unit_price, currency)
  } catch {
    return null // finer than the currency's minor unit
  }
  if (unit * BigInt(line.quantity) !== amountMinor) return null
  const converted = toStripeAmount(unit, currency)
  return converted.exact ? converted.amount : null
}

/** The lines of one order line: the line at its price, then its discount if any. */
type Block = { line: MoneyLine; lines: InvoiceLine[] }

function block(line: MoneyLine, currency: string): Block {
  const stripe = (minor: bigint) => toStripeAmount(minor, currency).amount
  // Tax-exclusive: the net price before discount, tax added on top. Inclusive: the gross price.
  const priced = line.tax_inclusive ? line.gross_minor : line.subtotal_minor
  const discount = line.tax_inclusive ? line.gross_minor - line.total_minor : line.discount_minor
  const metadata: Record<string, string> =
    line.kind === "item"
      ? {
          medusa_line_item_id: line.id,
          sku: line.sku ?? "",
          contract_rule_id: String(line.metadata?.contract_rule_id ?? ""),
        }
      : { medusa_shipping_method_id: line.id }
  const taxes = taxesOf(line, currency)
  const unit = exactUnit(line, priced, currency)
  const first: InvoiceLine =
    unit !== null
      ? { kind: "item", description: lineName(line), quantity: line.quantity, unit_amount: unit, taxes, metadata }
      : {
          kind: "amount",
          description:
            line.kind === "item" ? clip(`${lineName(line)} (${line.quantity} × ${line.unit_price})`) : lineName(line),
          amount: stripe(priced),
          taxes,
          metadata,
        }
  const lines = [first]
  if (discount !== 0n) {
    const what = line.kind === "shipping" ? "Shipping discount" : `Discount — ${line.title}`
    lines.push({
      kind: "amount",
      description: clip(what),
      amount: -stripe(discount),
      taxes: [],
      metadata: { ...metadata, kind: "discount" },
    })
  }
  return { line, lines }
}

/** Same-rate taxes of several lines summed into one entry each (grouped lines). */
function mergeTaxes(taxes: InvoiceTax[]): InvoiceTax[] {
  const merged = new Map<string, InvoiceTax>()
  for (const t of taxes) {
    const key = `${t.inclusive}|${t.percentage}|${t.display_name}`
    const seen = merged.get(key)
    if (seen)
      merged.set(key, {
        ...seen,
        amount: seen.amount + t.amount,
        taxable_amount: seen.taxable_amount + t.taxable_amount,
      })
    else merged.set(key, { ...t })
  }
  return [...merged.values()]
}

/** An item and its discount as one amount line (used only above Stripe's line limit). */
function foldBlock(b: Block, currency: string): InvoiceLine {
  if (b.lines.length === 1) return b.lines[0]
  const discount = -lineAmount(b.lines[1])
  return {
    kind: "amount",
    description: clip(
      `${lineName(b.line)} (${b.line.quantity} × ${b.line.unit_price}, less ${toMajorString(fromStripeAmount(discount, currency), currency)} discount)`
    ),
    amount: b.lines.reduce((s, l) => s + lineAmount(l), 0n),
    taxes: b.lines[0].taxes,
    metadata: b.lines[0].metadata,
  }
}

function joinIds(ids: string[]): string {
  const all = ids.join(",")
  if (all.length <= MAX_TEXT) return all
  return clip(`${ids[0]}..${ids[ids.length - 1]} (${ids.length} items)`)
}

/** Several consecutive items as one amount line whose description lists each item, its quantity, price and discount. */
function groupBlocks(blocks: Block[], first: number, currency: string): InvoiceLine {
  const parts = blocks.map((b) => {
    const discount = b.lines.length > 1 ? -lineAmount(b.lines[1]) : 0n
    const less = discount !== 0n ? ` −${toMajorString(fromStripeAmount(discount, currency), currency)}` : ""
    return `${b.line.sku || b.line.title} ×${b.line.quantity} @ ${b.line.unit_price}${less}`
  })
  return {
    kind: "amount",
    description: clip(`Items ${first}–${first + blocks.length - 1}: ${parts.join("; ")}`),
    amount: blocks.reduce((sum, b) => sum + b.lines.reduce((s, l) => s + lineAmount(l), 0n), 0n),
    taxes: mergeTaxes(blocks.flatMap((b) => b.lines[0].taxes)),
    metadata: { medusa_line_item_ids: joinIds(blocks.map((b) => b.line.id)), item_count: String(blocks.length) },
  }
}

/** Consecutive blocks in groups of at most `size`, a group never holding more distinct taxes than Stripe allows per line. */
function groupsOf(blocks: Block[], size: number): Block[][] {
  const groups: Block[][] = []
  let current: Block[] = []
  for (const b of blocks) {
    const taxes = mergeTaxes([...current, b].flatMap((x) => x.lines[0].taxes))
    if (current.length && (current.length >= size || taxes.length > MAX_TAX_AMOUNTS_PER_LINE)) {
      groups.push(current)
      current = []
    }
    current.push(b)
  }
  if (current.length) groups.push(current)
  return groups
}

/**
 * Keeps the invoice within Stripe's line limit without changing its total or
 * its tax: first each item's discount folds into the item's line, then
 * consecutive items share lines (each keeping its taxes, summed per rate).
 * Orders within the limit keep one line per item and per discount.
 */
function fitToLineLimit(blocks: Block[], budget: number, currency: string): InvoiceLine[] {
  const itemized = blocks.flatMap((b) => b.lines)
  if (itemized.length <= budget) return itemized
  if (budget < 1)
    throw new InvoiceMismatchError(`No room for item lines within Stripe's ${MAX_STRIPE_INVOICE_LINES}-line limit`)
  if (blocks.length <= budget) return blocks.map((b) => foldBlock(b, currency))
  for (let size = Math.ceil(blocks.length / budget); size <= blocks.length; size++) {
    const groups = groupsOf(blocks, size)
    if (groups.length > budget) continue
    let at = 1
    return groups.map((g) => {
      const line = g.length === 1 ? foldBlock(g[0], currency) : groupBlocks(g, at, currency)
      at += g.length
      return line
    })
  }
  throw new InvoiceMismatchError(`Order lines cannot be grouped within Stripe's ${MAX_STRIPE_INVOICE_LINES}-line limit`)
}

export type BuildInvoiceLinesOptions = {
  /** Lines one invoice may hold (Stripe: 250). */
  maxLines?: number
}

export type InvoiceLines = {
  lines: InvoiceLine[]
  /** The order total (ISO minor units), from the money model. */
  order_total_minor: bigint
  /** What Stripe's invoice totals to, in ISO minor units: the order total plus `rounding_minor`. */
  total_minor: bigint
  /**
   * The difference Stripe's currency precision forces (KWD in multiples of
   * 10 fils, MGA in whole ariary), stated on the invoice as its own line;
   * 0 for most currencies.
   */
  rounding_minor: bigint
  grouped: boolean
}

/**
 * The Stripe invoice lines of an order's money model: each item at the price
 * the order carries (net before discount when tax-exclusive, gross when
 * tax-inclusive), its discount as its own line, shipping the same way, and on
 * each priced line the tax Medusa computed (`tax_amounts`), so Stripe's
 * subtotal, tax and total are Medusa's. Nothing is plugged: a difference is
 * either Stripe's currency precision, stated on a rounding line, or a bug.
 * Orders with more lines than Stripe allows get grouped item lines (same
 * totals and taxes). Deterministic: the same order gives the same lines.
 */
export function buildInvoiceLines(money: OrderMoney, options: BuildInvoiceLinesOptions = {}): InvoiceLines {
  const maxLines = options.maxLines ?? MAX_STRIPE_INVOICE_LINES
  const currency = money.currency_code
  const stripe = (minor: bigint) => toStripeAmount(minor, currency).amount

  const itemBlocks = money.items.map((l) => block(l, currency))
  const shipping = money.shipping.flatMap((l) => block(l, currency).lines)
  const credit: InvoiceLine[] =
    money.credit_minor !== 0n
      ? [
          {
            kind: "amount",
            description: "Credit applied",
            amount: -stripe(money.credit_minor),
            taxes: [],
            metadata: { kind: "credit" },
          },
        ]
      : []

  const target = toStripeAmount(money.total_minor, currency).amount
  const computed = [...itemBlocks.flatMap((b) => b.lines), ...shipping, ...credit].reduce(
    (s, l) => s + lineTotal(l),
    0n
  )
  const roundingStripe = target - computed
  const total = fromStripeAmount(target, currency)
  const rounding = roundingLine(currency, roundingStripe, money.total_minor, total)
  // More than one of Stripe's smallest steps per line off means the model, not Stripe's precision, is wrong.
  const slack = BigInt(itemBlocks.length * 2 + shipping.length + credit.length + 1) * stripeStep(currency)
  if (roundingStripe > slack || -roundingStripe > slack) {
    throw new InvoiceMismatchError(
      `Order ${money.order_id}: lines total ${computed} but the order is ${target} (Stripe units)`
    )
  }

  const fixed = [...shipping, ...credit, ...rounding]
  const items = fitToLineLimit(itemBlocks, maxLines - fixed.length, currency)
  const lines = [...items, ...fixed]
  return {
    lines,
    order_total_minor: money.total_minor,
    total_minor: total,
    rounding_minor: total - money.total_minor,
    grouped: items.length < itemBlocks.reduce((n, b) => n + b.lines.length, 0),
  }
}

const signed = (minor: bigint, currency: string) => `${minor > 0n ? "+" : ""}${toMajorString(minor, currency)}`

/**
 * The stated rounding line, when there is anything to state: the lines at
 * Stripe's precision miss the order total (the line's amount makes them add
 * up), or Stripe cannot carry the order total itself (KWD 1.235 is billed
 * 1.240). In the second case the invoice total differs from the order's, so
 * the line says by how much — even when its amount is 0 because the lines
 * already add up to what Stripe bills; otherwise that difference would be on
 * no line at all.
 */
function roundingLine(
  currency: string,
  amountStripe: bigint,
  orderTotalMinor: bigint,
  invoiceTotalMinor: bigint
): InvoiceLine[] {
  const difference = invoiceTotalMinor - orderTotalMinor
  if (amountStripe === 0n && difference === 0n) return []
  const code = currency.toUpperCase()
  const amount = signed(fromStripeAmount(amountStripe, currency), currency)
  const description =
    difference === 0n
      ? `Rounding (per-line rounding to Stripe's ${code} precision): ${amount}`
      : `Rounding (${code} amounts at Stripe's precision): ${amount}; order total ${toMajorString(orderTotalMinor, currency)} ${code} is invoiced as ${toMajorString(invoiceTotalMinor, currency)} ${code} (${signed(difference, currency)})`
  return [
    {
      kind: "amount",
      description: clip(description),
      amount: amountStripe,
      taxes: [],
      metadata: { kind: "rounding", order_difference_minor: difference.toString() },
    },
  ]
}

/** The smallest amount Stripe can move in this currency, in its units (1 cent; 10 fils; 100 for ISK's whole krónur). */
function stripeStep(currency: string): bigint {
  const rule = stripeCurrencyRule(currency)
  const perIsoUnit = 10n ** BigInt(Math.max(0, rule.exponent - currencyExponent(currency)))
  return rule.step > perIsoUnit ? rule.step : perIsoUnit
}
