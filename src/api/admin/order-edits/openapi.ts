import { z } from "@medusajs/framework/zod"
import type { Operation } from "../../openapi/operation"
import { STAFF } from "../../openapi/operation"
import { MedusaOrderPreview } from "../../utils/openapi/order-schemas"

/**
 * backy replaces one of Medusa's order-edit routes (same path, input and
 * response); Medusa's other order-edit routes are Medusa's to document.
 */
export const adminOrderEditsOperations: Operation[] = [
  {
    method: "post",
    path: "/admin/order-edits/{id}/confirm",
    operationId: "confirmOrderEdit",
    summary: "Confirm the order's edit, re-checking net-terms credit for an increase first",
    description:
      "Medusa's confirmation (`:id` is the order id) inside backy's workflow: when the edit raises a net-terms order's total, the increase is reserved on the company's credit under the order lock, or the confirmation is refused with 400 `credit_limit_exceeded` and nothing changes.",
    tags: ["Order edits"],
    audiences: [],
    security: STAFF,
    responses: {
      200: { description: "The confirmed edit's preview", schema: z.object({ order_preview: MedusaOrderPreview }) },
    },
  },
]
