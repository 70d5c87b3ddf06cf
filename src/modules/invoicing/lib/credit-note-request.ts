import type Stripe from "stripe"
import { splitProportionally } from "../../../lib/money"
import type { MoneyLine } from "../../../lib/orders/order-money"
import { CreditLine, taxKey } from "./credit-lines"
import type { CreditUnits } from "./credit-units"

/**
 * The Stripe lines of a credit note that credits order lines: one custom line
 * per order line (so the note does not depend on how the invoice grouped its
 * lines), at its net amount — gross when the line was priced tax-inclusive —
 * with its tax as `tax_amounts` on the tax rates Stripe created for the
 * invoice line, so the note states tax as the invoice did. When the note
 * credits less than the goods (a refund already covered part of them), every
 * net and tax is scaled down in proportion (splitProportionally: the parts
 * add up to the note's amount exactly). Deterministic: a retry sends the same
 * lines. Amounts in Stripe's units.
 */
export type CreditNoteLines = {
  lines: Stripe.CreditNoteCreateParams.Line[]
  /** The note's total: lines plus exclusive tax (Stripe units). */
  amount: bigint
  /** Σ tax stated (Stripe units). */
  tax: bigint
}

const MAX_TEXT = 500
const clip = (text: string) => (text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`)

function lineName(line: MoneyLine | undefined, lineId: string): string {
  if (!line) return lineId
  if (line.kind === "shipping") return `Shipping — ${line.title}`
  return line.sku ? `${line.sku} — ${line.title}` : line.title
}

/** The invoice line that bills an order line (its discount line left aside); undefined when grouped. */
function invoiceLineOf(lines: Stripe.InvoiceLineItem[], lineId: string): Stripe.InvoiceLineItem | undefined {
  return lines.find((l) => {
    const meta = l.metadata ?? {}
    return (
      meta.kind !== "discount" && (meta.medusa_line_item_id === lineId || meta.medusa_shipping_method_id === lineId)
    )
  })
}

/**
 * Tax key → the `txr_…` id Stripe made for it on the invoice line. The
 * invoice line states the billed line's non-zero tax lines in order
 * (invoice-lines.ts), so they pair up by position; no pairing, no ids (the
 * tax is then credited on a line of its own).
 */
function rateIds(billed: MoneyLine | undefined, invoiceLine: Stripe.InvoiceLineItem | undefined): Map<string, string> {
  const stated = (billed?.tax_lines ?? []).filter((t) => t.amount_minor !== 0n)
  const ids = (invoiceLine?.taxes ?? []).map((t) => t.tax_rate_details?.tax_rate).filter((id): id is string => !!id)
  if (!stated.length || ids.length !== stated.length) return new Map()
  return new Map(stated.map((t, i) => [taxKey(t), ids[i]]))
}

export function buildCreditNoteLines(input: {
  units: CreditUnits
  /** e.g. "Returned". */
  label: string
  /** The goods credited (credit_note.lines), ISO minor units. */
  lines: CreditLine[]
  /** What the note credits (≤ Σ lines), ISO minor units. */
  amount_minor: bigint
  /** The invoice's money lines by id. */
  billed: Map<string, MoneyLine>
  /** The Stripe invoice's lines (for the tax rate ids). */
  invoiceLines: Stripe.InvoiceLineItem[]
}): CreditNoteLines {
  const { units } = input
  // Every amount as credit units: [net, tax 1, tax 2, …] per line.
  const parts = input.lines.map((l) => [
    units.toUnits(l.net_minor),
    ...(l.tax_lines ?? []).map((t) => units.toUnits(t.amount_minor)),
  ])
  const goods = parts.flat().reduce((s, v) => s + v, 0n)
  const target = units.toUnits(input.amount_minor)
  if (target > goods)
    throw new Error(`A credit of ${input.amount_minor} exceeds the goods it credits (${units.toIso(goods)})`)
  const scaled = target === goods ? parts : regroup(splitProportionally(target, parts.flat()), parts)

  const out: Stripe.CreditNoteCreateParams.Line[] = []
  let amount = 0n
  let tax = 0n
  let looseTax = 0n
  input.lines.forEach((credit, i) => {
    const billed = input.billed.get(credit.line_id)
    const inclusive = !!billed?.tax_inclusive
    const [net, ...taxes] = scaled[i]
    const ids = rateIds(billed, invoiceLineOf(input.invoiceLines, credit.line_id))
    const taxAmounts: Stripe.CreditNoteCreateParams.Line.TaxAmount[] = []
    let lineTax = 0n
    ;(credit.tax_lines ?? []).forEach((t, k) => {
      if (taxes[k] === 0n) return
      const id = ids.get(taxKey(t))
      if (!id) {
        looseTax += taxes[k]
        return
      }
      taxAmounts.push({
        amount: Number(units.toStripe(taxes[k])),
        tax_rate: id,
        taxable_amount: Number(units.toStripe(net)),
      })
      lineTax += taxes[k]
    })
    // A tax-inclusive line's amount holds its tax; an exclusive one's tax comes on top.
    const lineAmount = inclusive ? net + lineTax : net
    amount += net + lineTax
    tax += lineTax
    if (lineAmount === 0n && taxAmounts.length === 0) return
    const stripeAmount = units.toStripe(lineAmount)
    const whole = credit.quantity > 0 && stripeAmount % BigInt(credit.quantity) === 0n
    const count = credit.quantity > 0 ? (whole ? "" : ` (${credit.quantity} units)`) : " (price)"
    out.push({
      type: "custom_line_item",
      description: clip(`${input.label}: ${lineName(billed, credit.line_id)}${count}`),
      quantity: whole ? credit.quantity : 1,
      unit_amount: Number(whole ? stripeAmount / BigInt(credit.quantity) : stripeAmount),
      // "" credits the line without tax; a custom line needs no tax_amounts otherwise.
      ...(taxAmounts.length ? { tax_amounts: taxAmounts } : {}),
    })
  })
  if (looseTax > 0n) {
    out.push({
      type: "custom_line_item",
      description: clip(`${input.label}: tax`),
      quantity: 1,
      unit_amount: Number(units.toStripe(looseTax)),
    })
    amount += looseTax
    tax += looseTax
  }
  return { lines: out, amount: units.toStripe(amount), tax: units.toStripe(tax) }
}

function regroup(flat: bigint[], shape: bigint[][]): bigint[][] {
  let at = 0
  return shape.map((row) => row.map(() => flat[at++]))
}
