import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recover } from "../../../../../utils/webhook-actions"
import type { RecoverEndpointType } from "../../../../../utils/webhook-validators"

/** POST /admin/webhooks/endpoints/:id/recover {since, until?} — re-queues failed deliveries since `since` (idempotent). */
export async function POST(req: MedusaRequest<RecoverEndpointType>, res: MedusaResponse) {
  await recover(req, res)
}
