import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retry } from "../../../../../utils/webhook-actions"

/** POST /admin/webhooks/deliveries/:id/retry */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await retry(req, res)
}
