import type Stripe from "stripe"
import { splitProportionally, toMajorString, toStripeAmount } from "../../../lib/money"
import type { MoneyLine } from "../../../lib/orders/order-money"
import type { CreditLine } from "./credit-lines"

export type EditCreditNoteLines = {
  lines: Stripe.CreditNoteCreateParams.Line[]
  /** The note's total in Stripe's units (lines plus exclusive tax). */
  amount: bigint
}

const MAX_TEXT = 500

function stripeUnits(minor: bigint, currency: string): bigint {
  const { amount, exact } = toStripeAmount(minor, currency)
  // Three-decimal and special currencies move in steps Stripe refuses to split: say so rather than credit a rounded figure.
  if (!exact)
    throw new Error(
      `${toMajorString(minor, currency)} ${currency.toUpperCase()} cannot be credited exactly at Stripe's precision`
    )
  return amount
}

function lineName(line: MoneyLine | undefined, lineId: string): string {
  if (!line) return lineId
  if (line.kind === "shipping") return `Shipping — ${line.title}`
  return line.sku ? `${line.sku} — ${line.title}` : line.title
}

/** The invoice line that bills an order line (its discount line left aside). */
function stripeLineOf(lines: Stripe.InvoiceLineItem[], lineId: string): Stripe.InvoiceLineItem | undefined {
  return lines.find((l) => {
    const meta = l.metadata ?? {}
    return (
      meta.kind !== "discount" && (meta.medusa_line_item_id === lineId || meta.medusa_shipping_method_id === lineId)
    )
  })
}

/**
 * The tax of a credited line as tax amounts on the rates Stripe created for
 * the invoice line (credit notes name them by id), split like the billed
 * line's own tax lines. Null when they cannot be matched one to one (the
 * invoice grouped its lines, or a rate was left out): the tax is then
 * credited as its own line.
 */
function taxAmountsOf(
  credit: CreditLine,
  billed: MoneyLine | undefined,
  stripeLine: Stripe.InvoiceLineItem | undefined,
  currency: string
): Stripe.CreditNoteCreateParams.Line.TaxAmount[] | null {
  if (credit.tax_minor === 0n) return []
  const stated = (billed?.tax_lines ?? []).filter((t) => t.amount_minor !== 0n)
  const rates = (stripeLine?.taxes ?? []).map((t) => t.tax_rate_details?.tax_rate).filter((id): id is string => !!id)
  if (!billed || !stated.length || rates.length !== stated.length) return null
  const parts = splitProportionally(
    credit.tax_minor,
    stated.map((t) => (t.amount_minor > 0n ? t.amount_minor : 0n))
  )
  const taxable = stripeUnits(credit.net_minor, currency)
  return parts.map((amount, i) => ({
    amount: Number(stripeUnits(amount, currency)),
    tax_rate: rates[i],
    taxable_amount: Number(taxable),
  }))
}

/**
 * The Stripe credit-note lines for an order change's credit on one invoice:
 * one custom line per credited order line at its net amount (gross when the
 * line was priced tax-inclusive) carrying its tax as tax amounts on the
 * invoice line's own rates, a rounding line when the model's per-line
 * rounding gives extra credit (less credit is taken off the largest line).
 * Custom lines, so the credit does not depend on how the invoice grouped its
 * lines; the amounts are those the plan recorded in credit_note.lines.
 */
export function buildEditCreditNoteLines(input: {
  currency: string
  label: string
  lines: CreditLine[]
  rounding_minor: bigint
  billed: Map<string, MoneyLine>
  stripeLines: Stripe.InvoiceLineItem[]
}): EditCreditNoteLines {
  const { currency } = input
  const out: { line: Stripe.CreditNoteCreateParams.Line; amount: bigint; total: bigint }[] = []
  const looseTax: bigint[] = []
  for (const credit of input.lines) {
    const billed = input.billed.get(credit.line_id)
    const inclusive = !!billed?.tax_inclusive
    const taxes = taxAmountsOf(credit, billed, stripeLineOf(input.stripeLines, credit.line_id), currency)
    const amount =
      taxes === null ? credit.net_minor : inclusive ? credit.net_minor + credit.tax_minor : credit.net_minor
    if (taxes === null) looseTax.push(credit.tax_minor)
    const count = credit.quantity > 0 ? ` (${credit.quantity} fewer)` : ""
    out.push({
      line: {
        type: "custom_line_item",
        description: `${input.label}: ${lineName(billed, credit.line_id)}${count}`.slice(0, MAX_TEXT),
        quantity: 1,
        unit_amount: Number(stripeUnits(amount, currency)),
        ...(taxes && taxes.length ? { tax_amounts: taxes } : {}),
      },
      amount,
      total: credit.net_minor + credit.tax_minor,
    })
  }
  const lines = out.map((o) => o.line)
  const tax = looseTax.reduce((s, v) => s + v, 0n)
  if (tax !== 0n)
    lines.push({
      type: "custom_line_item",
      description: `${input.label}: tax`,
      quantity: 1,
      unit_amount: Number(stripeUnits(tax, currency)),
    })
  if (input.rounding_minor > 0n) {
    lines.push({
      type: "custom_line_item",
      description: `${input.label}: rounding`,
      quantity: 1,
      unit_amount: Number(stripeUnits(input.rounding_minor, currency)),
    })
  } else if (input.rounding_minor < 0n && out.length) {
    const largest = out.reduce((m, o) => (o.amount > m.amount ? o : m))
    largest.line.unit_amount = Number(stripeUnits(largest.amount + input.rounding_minor, currency))
    largest.line.description =
      `${largest.line.description} less ${toMajorString(-input.rounding_minor, currency)} rounding`.slice(0, MAX_TEXT)
  }
  const total = out.reduce((s, o) => s + o.total, 0n) + input.rounding_minor
  return { lines, amount: stripeUnits(total, currency) }
}
