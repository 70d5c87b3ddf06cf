import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../../../utils/partner-request"
import { recover } from "../../../../utils/webhook-actions"
import type { RecoverEndpointType } from "../../../../utils/webhook-validators"

/**
 * POST /partners/endpoints/:id/recover {since, until?} — re-queues the
 * endpoint's failed deliveries created since `since`. Idempotent: a second
 * call finds them pending or delivered and re-queues nothing.
 */
export async function POST(req: MedusaRequest<RecoverEndpointType>, res: MedusaResponse) {
  await recover(req, res, partnerOf(req).id)
}
