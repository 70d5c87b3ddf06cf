/**
 * The lines of a Business Central salesOrder: items, shipping, the hub's tax, credit.
 *
 * Lines are keyed by `sequence`: a PO comment line (when the PO number has no header field) at
 * 5000, item line i at 10000 × (i + 1), then each shipping line, each tax line and the credit line
 * on the next steps. The hub is the source of truth for a synced order's lines, so reconciling by
 * sequence is deterministic and lets a half-synced order resume without duplicating lines.
 *
 * BC's arithmetic (Microsoft Learn, API v2.0 "salesOrderLine resource type": `unitPrice`,
 * `discountAmount`, `taxCode` writable, `amountExcludingTax`/`totalTaxAmount`/`amountIncludingTax`
 * read-only; the Base App's Sales Line `UpdateAmounts`): Line Amount = Round(quantity × unitPrice,
 * currency's amount rounding precision) − discountAmount, and tax is computed by BC from the line's
 * tax group / VAT product posting group on that amount. The salesOrder's `pricesIncludeTax`
 * ("Prices Including VAT", API v2.0 "salesOrder resource type") says whether that amount is gross.
 *
 * So every line is stated as a unit price whose extension BC computes exactly, plus a line
 * discount that brings it to the hub's authoritative amount:
 *
 * - unitPrice = Medusa's unit price when quantity × it is exactly the amount before discount
 *   (also for a price finer than the currency: USD 10.125 × 4), else amount ÷ quantity, rounded up
 *   to the minor unit when it does not divide (unit-price.ts); discountAmount = quantity × unitPrice
 *   − the line's amount after discount, i.e. the hub's discount (net of tax) plus, when the price
 *   had to be rounded up, the remainder of less than one minor unit per unit. BC's line amount is
 *   then the hub's to the minor unit; nothing is recomputed from a rounded price.
 * - Tax-exclusive order, or any order with `settings.taxLine`: net prices and net discounts, and
 *   `pricesIncludeTax: false`. BC never gets a gross price it would add tax on top of.
 * - With `settings.taxLine` (the hub states its tax): every line carries the exempt tax code, and
 *   one line per tax rate books the order's tax at that rate on the tax account; BC's total =
 *   Σ net + Σ tax − credit = the order's total.
 * - Without it (BC computes tax): a tax-inclusive order is sent with `pricesIncludeTax: true`,
 *   gross prices and gross discounts, so BC's amounts including tax are the order's gross amounts
 *   (BC splits out the VAT itself; US sales tax cannot be price-inclusive in BC, so such orders
 *   need `taxLine`). The line's `taxCode` comes from `settings.taxCodes` by the hub's rate.
 * - Shipping: one line per shipping method of `settings.shippingLine`, at its amount AFTER its
 *   discount (free shipping books no freight line).
 * - Credit: one line of `settings.creditLine`, quantity −1, at the credit's amount.
 *
 * @module
 */
import { ErpConfigError } from "../lib/errors"
import { JsonDecimal } from "../lib/json"
import { formatMinor, toMinor } from "../lib/money"
import { unitPriceFor } from "../lib/unit-price"
import type { HubLineMoney, HubOrder } from "../lib/types"
import type { BusinessCentralSettings } from "./settings"

export const LINE_SEQUENCE_STEP = 10_000
export const PO_COMMENT_SEQUENCE = 5_000
// BC description length (API v2.0 entity definitions).
const MAX_DESCRIPTION = 100

export interface BcLine {
  sequence: number
  lineType: string
  lineObjectNumber?: string
  description?: string
  quantity?: number
  unitPrice?: JsonDecimal
  discountAmount?: JsonDecimal
  taxCode?: string
}

/** The order's prices include tax as BC will read them: only when BC computes the tax itself. */
export function bcPricesIncludeTax(order: HubOrder, s: BusinessCentralSettings): boolean {
  return !s.taxLine && order.tax_inclusive
}

/** The amounts BC should see for a line: before and after its discount, gross or net. */
function amounts(line: HubLineMoney, gross: boolean): { before: bigint; after: bigint } {
  const total = toMinor(line.total_minor, "total_minor")
  if (gross) return { before: total + toMinor(line.discount_minor) + toMinor(line.discount_tax_minor), after: total }
  return { before: toMinor(line.subtotal_minor, "subtotal_minor"), after: toMinor(line.net_minor, "net_minor") }
}

/** Σ tax by rate over lines and shipping, in first-seen order, zero rates left out. */
function taxByRate(order: HubOrder): Array<[string, bigint]> {
  const sums = new Map<string, bigint>()
  for (const l of [...order.lines, ...order.shipping_lines])
    sums.set(l.tax_rate, (sums.get(l.tax_rate) ?? 0n) + toMinor(l.tax_minor, "tax_minor"))
  return [...sums].filter(([, tax]) => tax !== 0n)
}

/** The order's lines as BC should hold them, keyed by sequence. */
export function toBcSalesOrderLines(order: HubOrder, s: BusinessCentralSettings): BcLine[] {
  const currency = order.currency_code
  const decimal = (minor: bigint): JsonDecimal => new JsonDecimal(formatMinor(minor, currency))
  const gross = bcPricesIncludeTax(order, s)
  const taxCodeFor = (rate: string): string | undefined => (s.taxLine ? s.taxLine.exemptTaxCode : s.taxCodes?.[rate])
  const lines: BcLine[] = []
  let sequence = 0
  const next = (): number => (sequence += LINE_SEQUENCE_STEP)

  if (order.po_number && !s.poNumberField) {
    lines.push({
      sequence: PO_COMMENT_SEQUENCE,
      lineType: "Comment",
      description: `Customer PO ${order.po_number}`.slice(0, MAX_DESCRIPTION),
    })
  }
  for (const line of order.lines) {
    const { before, after } = amounts(line, gross)
    const price = unitPriceFor(
      before,
      line.quantity,
      currency,
      line.tax_inclusive === gross ? line.unit_price : undefined
    )
    lines.push({
      sequence: next(),
      lineType: "Item",
      lineObjectNumber: line.sku,
      description: line.title.slice(0, MAX_DESCRIPTION),
      quantity: line.quantity,
      unitPrice: new JsonDecimal(price.text),
      discountAmount: decimal(price.extendedMinor - after),
      taxCode: taxCodeFor(line.tax_rate),
    })
  }
  for (const ship of order.shipping_lines) {
    const { after } = amounts(ship, gross)
    if (after === 0n) continue
    if (!s.shippingLine) {
      throw new ErpConfigError(
        "business-central: order has shipping but settings.shippingLine (account or charge item for freight) is not set"
      )
    }
    lines.push({
      sequence: next(),
      lineType: s.shippingLine.lineType,
      lineObjectNumber: s.shippingLine.number,
      description: (s.shippingLine.description ?? ship.name ?? "Shipping").slice(0, MAX_DESCRIPTION),
      quantity: 1,
      unitPrice: decimal(after),
      taxCode: taxCodeFor(ship.tax_rate),
    })
  }
  if (s.taxLine) {
    for (const [rate, tax] of taxByRate(order)) {
      lines.push({
        sequence: next(),
        lineType: s.taxLine.lineType,
        lineObjectNumber: s.taxLine.number,
        description: `${s.taxLine.description ?? "Tax"} ${rate} %`.slice(0, MAX_DESCRIPTION),
        quantity: 1,
        unitPrice: decimal(tax),
        taxCode: s.taxLine.exemptTaxCode,
      })
    }
  }
  const credit = toMinor(order.credit_minor, "credit_minor")
  if (credit !== 0n) {
    if (!s.creditLine)
      throw new ErpConfigError(
        `business-central: order ${order.id} has a credit of ${formatMinor(credit, currency)} but settings.creditLine is not set`
      )
    lines.push({
      sequence: next(),
      lineType: s.creditLine.lineType,
      lineObjectNumber: s.creditLine.number,
      description: (s.creditLine.description ?? "Credit").slice(0, MAX_DESCRIPTION),
      quantity: -1,
      unitPrice: decimal(credit),
      taxCode: s.taxLine ? s.taxLine.exemptTaxCode : s.creditLine.taxCode,
    })
  }
  return lines
}
