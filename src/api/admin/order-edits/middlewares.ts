import type { MiddlewareRoute } from "@medusajs/framework/http"
import {
  contractPriceForAddedItemUpdate,
  contractPriceForQuantityUpdate,
  contractPricesForNewItems,
} from "./contract-prices"

/**
 * B2B rules on Medusa's order-edit routes. Medusa's own middlewares for the
 * same routes (body validation) run first, so these see `validatedBody`.
 * The confirm route is replaced (./[id]/confirm/route.ts), not wrapped: the
 * credit check and the confirmation share one workflow and one order lock.
 */
export const adminOrderEditsMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/order-edits/:id/items", method: ["POST"], middlewares: [contractPricesForNewItems] },
  {
    matcher: "/admin/order-edits/:id/items/item/:item_id",
    method: ["POST"],
    middlewares: [contractPriceForQuantityUpdate],
  },
  {
    matcher: "/admin/order-edits/:id/items/:action_id",
    method: ["POST"],
    middlewares: [contractPriceForAddedItemUpdate],
  },
]
