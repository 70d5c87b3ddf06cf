// Prices the items an order edit or draft-order edit adds or re-quantifies by the buyer's contract (admin edit routes' middlewares).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ChangeActionType, ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { toMinor } from "../../../lib/money"
import { contractMetadataPatch, withoutContractMetadata } from "../../../modules/b2b/lib/contract-line-metadata"
import { contractLinePrices } from "./contract-line-prices"

/** An item as the add-item routes take it (order edits and draft-order edits share the shape). */
export type EditItemInput = {
  variant_id?: string | null
  quantity: number
  unit_price?: number | string | null
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

/** The body of the update-quantity routes (`…/items/item/:item_id`, and `…/items/:action_id` where quantity is optional). */
export type QuantityUpdateInput = {
  quantity?: number
  unit_price?: number | string | null
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

type OrderLine = {
  id: string
  variant_id: string | null
  quantity: unknown
  unit_price: unknown
  is_custom_price: boolean | null
  metadata: Record<string, unknown> | null
}
type OrderForPricing = {
  id: string
  customer_id: string | null
  currency_code: string
  region_id: string | null
  items: OrderLine[]
}

async function orderForPricing(container: MedusaContainer, orderId: string): Promise<OrderForPricing | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "customer_id",
      "currency_code",
      "region_id",
      "items.id",
      "items.variant_id",
      "items.quantity",
      "items.unit_price",
      "items.is_custom_price",
      "items.metadata",
    ],
    filters: { id: orderId },
  })
  return (data[0] as unknown as OrderForPricing) ?? null
}

/** A caller who names a price has decided it (a staff override): the contract does not overrule it. */
const hasCallerPrice = (price: unknown) => price !== undefined && price !== null

/**
 * Items an edit adds to an order (or to a draft order), priced by the
 * buyer's contract: each item without a price of the caller's gets the
 * contract's unit price and the contract line metadata, exactly as a cart
 * line would. Items no rule prices, items the caller priced and every item of
 * a non-employee's order are returned unchanged (Medusa prices them).
 */
export async function contractPricedNewItems<T extends EditItemInput>(
  container: MedusaContainer,
  orderId: string,
  items: T[]
): Promise<T[]> {
  const toPrice = items.flatMap((item, index) =>
    item.variant_id && !hasCallerPrice(item.unit_price)
      ? [{ index, variant_id: item.variant_id, quantity: item.quantity, field: `items[${index}]` }]
      : []
  )
  if (!toPrice.length) return items
  const order = await orderForPricing(container, orderId)
  // A missing order is Medusa's to refuse (404 from its workflow).
  if (!order) return items
  const { lines } = await contractLinePrices(container, order, toPrice)
  const result = [...items]
  toPrice.forEach(({ index }, i) => {
    const priced = lines[i]
    if (!priced) return
    const item = items[index]
    result[index] = {
      ...item,
      unit_price: priced.unit_price,
      metadata: { ...withoutContractMetadata(item.metadata), ...priced.metadata },
    }
  })
  return result
}

/**
 * A quantity change of an existing order line, re-priced by the contract:
 * tiers depend on the quantity, so the line gets the unit price (and the
 * explanation) of the tier its new quantity reaches. Returns the body to
 * send on, unchanged when the caller set a price, the line is removed
 * (quantity 0), its price was set by hand (custom price, no contract rule),
 * no rule prices it, or the contract price is already what it carries. A
 * line that was contract-priced and that no rule prices any more keeps its
 * price: an edit of the quantity does not silently re-open the price.
 */
export async function contractPricedQuantityUpdate<T extends QuantityUpdateInput>(
  container: MedusaContainer,
  orderId: string,
  itemId: string,
  body: T
): Promise<T> {
  if (hasCallerPrice(body.unit_price) || !body.quantity || body.quantity <= 0) return body
  const order = await orderForPricing(container, orderId)
  const line = order?.items?.find((i) => i?.id === itemId)
  if (!order || !line?.variant_id) return body
  const hubPriced = line.metadata?.contract_rule_id !== undefined
  if (line.is_custom_price && !hubPriced) return body

  const { lines } = await contractLinePrices(container, order, [
    { variant_id: line.variant_id, quantity: body.quantity, field: "" },
  ])
  const priced = lines[0]
  if (!priced) return body
  const currentMinor = toMinor(String(line.unit_price), order.currency_code, { round: true })
  const same =
    currentMinor === priced.unit_price_minor &&
    line.metadata?.contract_rule_id === priced.metadata.contract_rule_id &&
    line.metadata?.price_explanation === priced.metadata.price_explanation
  if (same) return body
  return {
    ...body,
    unit_price: priced.unit_price,
    metadata: { ...(body.metadata ?? {}), ...contractMetadataPatch(priced.metadata) },
  }
}

/**
 * A quantity change of a line the same edit added (`…/items/:action_id`):
 * the added line gets the price of the tier its new quantity reaches, unless
 * the caller set a price or staff priced the line when adding it (no contract
 * rule in its metadata). Medusa's update of an added item takes no metadata,
 * so the line keeps the explanation written when it was added; its price and
 * rule are right.
 */
export async function contractPricedAddedItemUpdate<T extends QuantityUpdateInput>(
  container: MedusaContainer,
  orderId: string,
  actionId: string,
  body: T
): Promise<T> {
  if (hasCallerPrice(body.unit_price) || !body.quantity || body.quantity <= 0) return body
  const orderModule = container.resolve(Modules.ORDER)
  const [action] = await orderModule.listOrderChangeActions(
    { id: actionId },
    { select: ["id", "action", "order_id", "details"] }
  )
  const details = (action?.details ?? {}) as {
    reference_id?: string
    unit_price?: unknown
    metadata?: Record<string, unknown> | null
  }
  // Unknown actions and actions of other kinds are Medusa's to refuse.
  if (!action || action.order_id !== orderId || action.action !== ChangeActionType.ITEM_ADD || !details.reference_id)
    return body
  if (details.metadata?.contract_rule_id === undefined) return body
  const [added] = await orderModule.listOrderLineItems({ id: details.reference_id }, { select: ["id", "variant_id"] })
  const order = await orderForPricing(container, orderId)
  if (!added?.variant_id || !order) return body

  const { lines } = await contractLinePrices(container, order, [
    { variant_id: added.variant_id, quantity: body.quantity, field: "" },
  ])
  const priced = lines[0]
  if (!priced) return body
  return { ...body, unit_price: priced.unit_price }
}
