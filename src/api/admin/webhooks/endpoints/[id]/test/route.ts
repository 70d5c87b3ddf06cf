import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendTest } from "../../../../../utils/webhook-actions"

/** POST /admin/webhooks/endpoints/:id/test — a `webhook.test` event for this endpoint only. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await sendTest(req, res)
}
