/**
 * The money of a NetSuite salesOrder: item lines, shipping, credit and (optionally) the hub's tax.
 *
 * NetSuite's arithmetic (Oracle NetSuite REST API Browser, record `salesOrder`, sublist `item`;
 * Help Center "Tax Details on Transactions in SuiteTax"): an item line's `amount` is its value
 * (quantity × `rate` when no amount is given); the order's subtotal is the sum of the item
 * amounts, and its total = subtotal + `shippingCost` + tax total. So:
 *
 * - Every line is booked at its amount NET of discount and of tax (`net_minor`). NetSuite never gets
 *   a gross price: SuiteTax adds tax on top of the amount, so a tax-inclusive order is mapped to
 *   its net amounts here and its tax goes through tax details (below) or the engine.
 * - The discount is inside that amount (a discounted line is worth its net). `rate` is sent only
 *   when quantity × rate is exactly the amount: Medusa's unit price when it multiplies out (USD
 *   10.125 × 4 = 40.50), or amount ÷ quantity when that is whole minor units. Otherwise only the
 *   amount goes, and NetSuite derives the rate from it: the amount is authoritative, a rounded
 *   rate recomputed into an amount would not be.
 * - Shipping is `shippingCost` = shipping NET of its discount and of tax (free shipping books 0),
 *   or an item line of `settings.shippingItemId`.
 * - A credit is a negative line of `settings.creditItemId`.
 * - With `settings.taxDetails` the hub's tax is stated, SuiteTax's "Tax Details Override": body
 *   `taxDetailsOverride: true`, each taxed line gets `taxDetailsReference` (our line id), and the
 *   `taxDetails` sublist holds per line the tax type, tax code, basis (the net amount), rate and
 *   amount. The tax total is then Σ of those amounts = the order's tax, and the document total
 *   = Σ net + shipping + tax − credit = `total_minor`. Shipping booked as `shippingCost` cannot be
 *   given a tax detail by reference, so taxed shipping needs `shippingItemId` in this mode.
 *
 * @module
 */
import { ErpConfigError } from "../lib/errors"
import { JsonDecimal } from "../lib/json"
import { formatMinor, toMinor } from "../lib/money"
import { jsonDecimal } from "../lib/decimal"
import { unitPriceFor } from "../lib/unit-price"
import type { HubLineMoney, HubOrder, Minor } from "../lib/types"
import type { NetSuiteSettings } from "./settings"

export const DEFAULT_LINE_ID_FIELD = "custcol_backy_line_id"
/**
 * The line-id column's value on the order-level credit line. Every line the adapter writes carries
 * a line id (item lines: ours; shipping lines: the shipping method's; the credit: this), so a
 * later update finds it by that id and addresses it by its `line` key instead of replacing it.
 */
export const CREDIT_LINE_ID = "backy_credit"

type Body = Record<string, unknown>

const money = (minor: Minor, currency: string): JsonDecimal => new JsonDecimal(formatMinor(minor, currency))

interface Booked {
  ref: string
  line: HubLineMoney
}

/** An item line worth `amount`, with a rate only when quantity × rate is exactly that amount. */
function itemLine(item: Body, quantity: number, amount: bigint, currency: string, candidate?: string): Body {
  const price = unitPriceFor(amount, quantity, currency, candidate)
  return {
    item,
    quantity,
    rate: price.exact ? new JsonDecimal(price.text) : undefined,
    amount: money(amount, currency),
  }
}

/** `item`, `shippingCost` and, with `settings.taxDetails`, the tax details override. */
export function netSuiteOrderMoney(order: HubOrder, s: NetSuiteSettings): Body {
  const currency = order.currency_code
  const lineIdField = s.lineIdField ?? DEFAULT_LINE_ID_FIELD
  const hubTax = s.taxDetails
  const booked: Booked[] = []
  const items: Body[] = order.lines.map((line) => {
    const net = toMinor(line.net_minor, "net_minor")
    // Medusa's price multiplies out to the amount only when it is net and undiscounted.
    const candidate = !line.tax_inclusive && toMinor(line.discount_minor) === 0n ? line.unit_price : undefined
    booked.push({ ref: line.line_id, line })
    return {
      ...itemLine(
        s.itemIds?.[line.sku] ? { id: s.itemIds[line.sku] } : { externalId: line.sku },
        line.quantity,
        net,
        currency,
        candidate
      ),
      description: line.title,
      [lineIdField]: line.line_id,
      taxDetailsReference: hubTax ? line.line_id : undefined,
    }
  })

  const body: Body = {}
  if (s.shippingItemId) {
    for (const ship of order.shipping_lines) {
      if (toMinor(ship.net_minor) === 0n && toMinor(ship.tax_minor) === 0n) continue
      booked.push({ ref: ship.id, line: ship })
      items.push({
        ...itemLine({ id: s.shippingItemId }, 1, toMinor(ship.net_minor), currency),
        description: ship.name,
        [lineIdField]: ship.id,
        taxDetailsReference: hubTax ? ship.id : undefined,
      })
    }
  } else {
    body.shippingCost = money(order.shipping_minor, currency)
    if (hubTax && toMinor(order.shipping_tax_minor, "shipping_tax_minor") !== 0n) {
      throw new ErpConfigError(
        "netsuite: the order's shipping is taxed and settings.taxDetails is set, but settings.shippingItemId (an item to book shipping on) is not"
      )
    }
  }

  const credit = toMinor(order.credit_minor, "credit_minor")
  if (credit !== 0n) {
    if (!s.creditItemId)
      throw new ErpConfigError(
        `netsuite: order ${order.id} has a credit of ${formatMinor(credit, currency)} but settings.creditItemId is not set`
      )
    items.push({
      item: { id: s.creditItemId },
      quantity: 1,
      rate: money(-credit, currency),
      amount: money(-credit, currency),
      description: "Credit",
      [lineIdField]: CREDIT_LINE_ID,
    })
  }
  body.item = { items }

  if (hubTax) {
    body.taxDetailsOverride = true
    body.taxDetails = {
      items: booked
        .filter((b) => toMinor(b.line.tax_minor) !== 0n)
        .map((b) => ({
          taxDetailsReference: b.ref,
          taxType: { id: hubTax.taxTypeId },
          taxCode: { id: hubTax.taxCodeId },
          taxBasis: money(b.line.net_minor, currency),
          taxRate: jsonDecimal(b.line.tax_rate, "tax_rate"),
          taxAmount: money(b.line.tax_minor, currency),
        })),
    }
  }
  return body
}
