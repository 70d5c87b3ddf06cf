/**
 * The generic ERP's order total, per the contract the generic connector's
 * default mapping documents (connectors/README.md, "Money"; connectors/generic/settings.ts):
 *
 *   total = Σ lines' (amount + tax) + shipping + shippingTax − credit
 *
 * Every amount is taken as sent; nothing is recomputed from a unit price.
 */
import { add, amount, negate, text } from "./amount"

type Body = Record<string, unknown>

export function genericOrderTotal(order: Body): string {
  const lines = (Array.isArray(order.lines) ? order.lines : []) as Body[]
  return text(
    add(
      ...lines.flatMap((l) => [amount(l.amount, "lines[].amount"), amount(l.tax, "lines[].tax")]),
      amount(order.shipping, "shipping"),
      amount(order.shippingTax, "shippingTax"),
      negate(amount(order.credit, "credit"))
    )
  )
}
