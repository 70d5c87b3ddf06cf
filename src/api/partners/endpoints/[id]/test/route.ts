import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../../../utils/partner-request"
import { sendTest } from "../../../../utils/webhook-actions"

/** POST /partners/endpoints/:id/test — sends a signed `webhook.test` event to this endpoint only. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await sendTest(req, res, partnerOf(req).id)
}
