import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../../../utils/partner-request"
import { retry } from "../../../../utils/webhook-actions"

/** POST /partners/deliveries/:id/retry — sends it again now (a finished one with a fresh retry schedule; same webhook-id). */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await retry(req, res, partnerOf(req).id)
}
