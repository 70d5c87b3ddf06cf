import { z } from "@medusajs/framework/zod"
import type { Operation } from "../../openapi/operation"
import { STAFF } from "../../openapi/operation"
import { MedusaOrder } from "../../utils/openapi/order-schemas"
import { AdminConvertDraftOrder } from "./validators"

/**
 * backy replaces one of Medusa's draft-order routes (same path and response);
 * Medusa's other draft-order routes are Medusa's to document.
 */
export const adminDraftOrdersOperations: Operation[] = [
  {
    method: "post",
    path: "/admin/draft-orders/{id}/convert-to-order",
    operationId: "convertDraftOrderToOrder",
    summary: "Convert a draft order into an order, optionally placed on the buyer's net terms",
    description:
      "Without a body (or `payment_provider_id` null) it is Medusa's conversion, unpaid. With `payment_provider_id: pp_net-terms_net-terms` the order is placed on the buyer's contract terms in the same workflow: its total reserved on the company's credit (400 `credit_limit_exceeded`, the draft stays a draft), a net-terms payment authorized, and it is invoiced like a store order. Medusa's `fields` query parameter selects the order's fields.",
    tags: ["Draft orders"],
    audiences: [],
    security: STAFF,
    body: AdminConvertDraftOrder,
    bodyOptional: true,
    responses: { 200: { description: "The order", schema: z.object({ order: MedusaOrder }) } },
  },
]
