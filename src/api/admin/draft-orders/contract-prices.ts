import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { b2bDraftOrderBody, type DraftOrderBody } from "../../../workflows/b2b/utils/draft-order-b2b"

/**
 * `POST /admin/draft-orders`: a draft for a company's employee gets what the
 * employee's cart would (contract prices, company/contract/terms metadata),
 * filled into the validated body before Medusa's createOrderWorkflow runs.
 * Reads only; the draft is written by Medusa's route.
 */
export async function contractPricesForDraftOrder(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = req.validatedBody as DraftOrderBody | undefined
  if (body) req.validatedBody = await b2bDraftOrderBody(req.scope, body)
  next()
}
