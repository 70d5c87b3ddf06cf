import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  contractPricedAddedItemUpdate,
  contractPricedNewItems,
  contractPricedQuantityUpdate,
  type EditItemInput,
  type QuantityUpdateInput,
} from "../../../workflows/b2b/utils/price-edit-items"

// Contract prices are the hub's engine, not Medusa price lists, so
// addOrderLineItemsWorkflow's setPricingContext hook cannot produce them; the
// add and update routes already take a unit_price, so these middlewares fill
// it (and the contract line metadata) in the validated body before Medusa's
// route runs its own workflow. They change nothing themselves. Shared by the
// order-edit and draft-order-edit routes (same body shapes, `:id` = the order).

/** `POST …/:id/items`: new lines get the buyer's contract price unless the caller set one. */
export async function contractPricesForNewItems(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = req.validatedBody as { items?: EditItemInput[] }
  if (body?.items?.length) body.items = await contractPricedNewItems(req.scope, req.params.id, body.items)
  next()
}

/** `POST …/:id/items/item/:item_id`: a new quantity gets the price of the tier it reaches. */
export async function contractPriceForQuantityUpdate(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  const body = req.validatedBody as QuantityUpdateInput
  if (body) req.validatedBody = await contractPricedQuantityUpdate(req.scope, req.params.id, req.params.item_id, body)
  next()
}

/** `POST …/:id/items/:action_id`: a line this edit added, at a new quantity, gets its tier's price. */
export async function contractPriceForAddedItemUpdate(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  const body = req.validatedBody as QuantityUpdateInput
  if (body)
    req.validatedBody = await contractPricedAddedItemUpdate(req.scope, req.params.id, req.params.action_id, body)
  next()
}
