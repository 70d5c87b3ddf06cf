import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { confirmOrderEditWithCreditWorkflow } from "../../../../../workflows/b2b/confirm-order-edit-credit"

/**
 * Replaces Medusa's `POST /admin/order-edits/:id/confirm` (same path, input
 * and response; `:id` is the order id): the confirmation runs inside the
 * hub's workflow, which re-checks net-terms credit under the order lock
 * first (400 `credit_limit_exceeded` when the increase does not fit).
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await confirmOrderEditWithCreditWorkflow(req.scope).run({
    input: { order_id: req.params.id, confirmed_by: req.auth_context.actor_id },
  })
  res.json({ order_preview: result })
}
