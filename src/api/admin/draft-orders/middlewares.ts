import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import {
  contractPriceForAddedItemUpdate,
  contractPriceForQuantityUpdate,
  contractPricesForNewItems,
} from "../order-edits/contract-prices"
import { contractPricesForDraftOrder } from "./contract-prices"
import { AdminConvertDraftOrder } from "./validators"

/**
 * B2B rules on Medusa's draft-order routes; Medusa's own middlewares (body
 * validation) run first. Conversion is replaced (./[id]/convert-to-order/route.ts)
 * so it can place the order on net terms in the same workflow and lock.
 */
export const adminDraftOrdersMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/draft-orders", method: ["POST"], middlewares: [contractPricesForDraftOrder] },
  { matcher: "/admin/draft-orders/:id/edit/items", method: ["POST"], middlewares: [contractPricesForNewItems] },
  {
    matcher: "/admin/draft-orders/:id/edit/items/item/:item_id",
    method: ["POST"],
    middlewares: [contractPriceForQuantityUpdate],
  },
  {
    matcher: "/admin/draft-orders/:id/edit/items/:action_id",
    method: ["POST"],
    middlewares: [contractPriceForAddedItemUpdate],
  },
  {
    matcher: "/admin/draft-orders/:id/convert-to-order",
    method: ["POST"],
    middlewares: [validateBody(AdminConvertDraftOrder)],
  },
]
