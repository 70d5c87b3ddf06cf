import { decorateCartTotals } from "@medusajs/framework/utils"
import { orderMoney, type MedusaMoneyLine, type MedusaMoneyOrder, type MoneyLine } from "./order-money"

/**
 * What returned units are worth, in the order money model.
 *
 * Medusa 2.21 values a line's units linearly: its totals count `quantity − returned` units at the
 * unit price, with the discount prorated per unit and tax on the result (utils/totals/line-item).
 * So Medusa's own `decorateCartTotals`, given the line with every unit but the returned ones
 * marked returned, states exactly what those units are worth — subtotal, discount, discount tax,
 * tax, total — and `orderMoney` rounds that once per line, as it rounds the order. Nothing here
 * re-derives Medusa's arithmetic.
 */

/** The order item fields the value of returned units is computed from (with ORDER_MONEY_FIELDS). */
export const RETURN_MONEY_FIELDS = ["items.adjustments.amount", "items.adjustments.is_tax_inclusive"]

export type ReturnedUnits = { line_id: string; quantity: number }

/** An order item as Query returns it with ORDER_MONEY_FIELDS and RETURN_MONEY_FIELDS. */
type PricedItem = MedusaMoneyLine & { adjustments?: ({ amount?: unknown; is_tax_inclusive?: boolean } | null)[] | null }

/** An item as Medusa's totals take it. */
type TotalsItem = NonNullable<Parameters<typeof decorateCartTotals>[0]["items"]>[number]

type Numeric = TotalsItem["quantity"]
const plain = (value: unknown): Numeric =>
  (value !== null && typeof value === "object" && "value" in value
    ? (value as { value: unknown }).value
    : value) as Numeric

/** The item as Medusa's totals read it, all of its `quantity` units returned but `units`. */
function itemWorth(item: PricedItem, units: number): TotalsItem {
  const quantity = Number(plain(item.quantity))
  // Medusa's input type lists only what its totals read; the rest rides along for orderMoney.
  const worth: TotalsItem & Record<string, unknown> = {
    id: item.id,
    title: item.title,
    variant_sku: item.variant_sku,
    variant_id: item.variant_id,
    product_id: item.product_id,
    metadata: item.metadata,
    quantity,
    unit_price: plain(item.unit_price),
    is_tax_inclusive: !!item.is_tax_inclusive,
    tax_lines: (item.tax_lines ?? [])
      .filter((t) => !!t)
      .map((t) => ({ rate: plain(t!.rate), code: t!.code ?? null, description: t!.description ?? null })),
    adjustments: (item.adjustments ?? [])
      .filter((a) => !!a)
      .map((a) => ({ amount: plain(a!.amount), is_tax_inclusive: !!a!.is_tax_inclusive })),
    detail: { quantity, return_received_quantity: quantity - units, return_dismissed_quantity: 0 },
  }
  return worth
}

/**
 * The money of `units` of the order's lines (one entry per line, in line-id order), each line
 * rounded once like the order's own lines. Throws for a line the order does not have or more
 * units than it was ordered with.
 */
export function returnedMoney(order: MedusaMoneyOrder, units: ReturnedUnits[]): MoneyLine[] {
  const items = new Map((order.items ?? []).map((i) => [i.id, i as PricedItem]))
  const priced = units.map((u) => {
    const item = items.get(u.line_id)
    if (!item) throw new Error(`Order ${order.id} has no line ${u.line_id}`)
    if (u.quantity > Number(plain(item.quantity)))
      throw new Error(`Order ${order.id} line ${u.line_id}: ${u.quantity} units returned of ${String(item.quantity)}`)
    return itemWorth(item, u.quantity)
  })
  const decorated = decorateCartTotals({ items: priced }) as { items?: MedusaMoneyLine[] }
  return orderMoney({ id: order.id, currency_code: order.currency_code, items: decorated.items ?? [] }).items
}
