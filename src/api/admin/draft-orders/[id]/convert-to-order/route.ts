import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { convertDraftOrderB2bWorkflow } from "../../../../../workflows/b2b/convert-draft-order-b2b"
import type { AdminConvertDraftOrderType } from "../../validators"

/**
 * Replaces Medusa's `POST /admin/draft-orders/:id/convert-to-order` (same
 * path and response). Without a body it is Medusa's conversion; with
 * `payment_provider_id: "pp_net-terms_net-terms"` the order is placed on the
 * buyer's contract terms in the same workflow (credit reserved, net-terms
 * payment authorized) and invoiced like a store order.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminConvertDraftOrderType>, res: MedusaResponse) => {
  await convertDraftOrderB2bWorkflow(req.scope).run({
    input: { id: req.params.id, payment_provider_id: req.validatedBody?.payment_provider_id ?? null },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    filters: { id: req.params.id },
    fields: req.queryConfig.fields,
  })
  res.status(200).json({ order: data[0] })
}
