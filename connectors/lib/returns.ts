/**
 * Received returns, for adapters whose ERP books a return as its own document.
 *
 * Once a return is received, Medusa counts only the units kept in a line's quantity and money, and
 * so does `HubOrder.lines`. An ERP with a return document (NetSuite, Business Central) keeps the
 * sales order as sold instead — its fulfilled or shipped quantities cannot go down — and books each
 * return as a credit memo. So its sales order is `orderAsSold`: every line with the units and money
 * of its returns added back, and Σ credit memos = Σ returns, leaving the ERP's net exactly the
 * order's total.
 *
 * @module
 */
import { ErpConfigError } from "./errors"
import { toMinor } from "./money"
import { assertOrderAddsUp } from "./order-checks"
import type { HubLineMoney, HubOrder, HubOrderLine, HubReturn, Minor } from "./types"

type Amount = Exclude<keyof HubLineMoney, "unit_price" | "unit_price_minor" | "tax_inclusive" | "tax_rate">
const LINE_AMOUNTS: Amount[] = [
  "subtotal_minor",
  "discount_minor",
  "discount_tax_minor",
  "net_minor",
  "tax_minor",
  "total_minor",
]
type Total = "subtotal_minor" | "discount_minor" | "discount_tax_minor" | "tax_minor" | "total_minor"
const ORDER_TOTALS: Total[] = ["subtotal_minor", "discount_minor", "discount_tax_minor", "tax_minor", "total_minor"]

const plus = (a: Minor, b: Minor, field: string): string => (toMinor(a, field) + toMinor(b, field)).toString()

/**
 * The order as it was sold: each line's quantity and money plus those of the received returns
 * that took units from it, and the order's totals plus the returns'. The order itself when it has
 * no returns. Refuses (`ErpConfigError`) a return of a line the order does not have.
 */
export function orderAsSold(order: HubOrder): HubOrder {
  const returns = order.returns ?? []
  if (!returns.length) return order
  const lines = new Map<string, HubOrderLine>(order.lines.map((l) => [l.line_id, { ...l }]))
  for (const ret of returns) {
    for (const r of ret.lines) {
      const line = lines.get(r.line_id)
      if (!line)
        throw new ErpConfigError(
          `order ${order.id}: return ${ret.id} takes back line ${r.line_id}, which the order does not have`
        )
      line.quantity += r.quantity
      for (const field of LINE_AMOUNTS) line[field] = plus(line[field], r[field], field)
    }
  }
  const sold: HubOrder = { ...order, lines: order.lines.map((l) => lines.get(l.line_id)!) }
  for (const field of ORDER_TOTALS)
    sold[field] = returns.reduce<string>((sum, ret) => plus(sum, ret[field], field), String(order[field]))
  return sold
}

/**
 * A return in the shape of an order (its lines, no shipping, no credit, the return's totals), so an
 * adapter states a credit memo's lines, discounts and tax by the same rules as a sales order's.
 * Refuses a return whose parts do not add up, before any request.
 */
export function returnAsOrder(order: HubOrder, ret: HubReturn): HubOrder {
  const view: HubOrder = {
    id: ret.id,
    display_id: order.display_id,
    currency_code: order.currency_code,
    po_number: order.po_number,
    placed_at: ret.received_at,
    customer: order.customer,
    tax_inclusive: order.tax_inclusive,
    lines: ret.lines.map((l) => ({ ...l })),
    shipping_lines: [],
    shipping_minor: "0",
    shipping_tax_minor: "0",
    subtotal_minor: ret.subtotal_minor,
    discount_minor: ret.discount_minor,
    discount_tax_minor: ret.discount_tax_minor,
    tax_minor: ret.tax_minor,
    credit_minor: "0",
    total_minor: ret.total_minor,
  }
  assertOrderAddsUp(view)
  return view
}
