/**
 * The arithmetic a `HubOrder` promises (see `HubOrder` in types.ts), checked before any request.
 * Every adapter books the parts (line amounts, tax, shipping, credit) and lets the ERP add them up;
 * if the parts did not add up to the order's total, the ERP's document would silently differ from
 * the invoice. Refusing the order (a permanent `ErpConfigError`) is better than booking that.
 *
 * @module
 */
import { ErpConfigError } from "./errors"
import { sumMinor, toMinor } from "./money"
import type { HubLineMoney, HubOrder } from "./types"

function checkLine(where: string, l: HubLineMoney): void {
  const m = (field: keyof HubLineMoney) => toMinor(l[field] as HubOrder["total_minor"], `${where}.${field}`)
  if (m("subtotal_minor") - m("discount_minor") !== m("net_minor"))
    throw new ErpConfigError(`${where}: subtotal_minor − discount_minor ≠ net_minor`)
  if (m("net_minor") + m("tax_minor") !== m("total_minor"))
    throw new ErpConfigError(`${where}: net_minor + tax_minor ≠ total_minor`)
}

/** Throws `ErpConfigError` naming the first figure of `order` that does not add up. */
export function assertOrderAddsUp(order: HubOrder): void {
  order.lines.forEach((l, i) => checkLine(`order ${order.id} lines[${i}]`, l))
  order.shipping_lines.forEach((l, i) => checkLine(`order ${order.id} shipping_lines[${i}]`, l))
  const all: HubLineMoney[] = [...order.lines, ...order.shipping_lines]
  const credit = toMinor(order.credit_minor, "credit_minor")
  const expect = (field: string, actual: HubOrder["total_minor"], parts: bigint) => {
    if (toMinor(actual, field) !== parts)
      throw new ErpConfigError(`order ${order.id}: ${field} ${String(actual)} is not the sum of its parts (${parts})`)
  }
  expect("total_minor", order.total_minor, sumMinor(all.map((l) => l.total_minor)) - credit)
  expect("tax_minor", order.tax_minor, sumMinor(all.map((l) => l.tax_minor)))
  expect("subtotal_minor", order.subtotal_minor, sumMinor(all.map((l) => l.subtotal_minor)))
  expect("discount_minor", order.discount_minor, sumMinor(all.map((l) => l.discount_minor)))
  expect("discount_tax_minor", order.discount_tax_minor, sumMinor(all.map((l) => l.discount_tax_minor)))
  expect("shipping_minor", order.shipping_minor, sumMinor(order.shipping_lines.map((l) => l.net_minor)))
  expect("shipping_tax_minor", order.shipping_tax_minor, sumMinor(order.shipping_lines.map((l) => l.tax_minor)))
}
