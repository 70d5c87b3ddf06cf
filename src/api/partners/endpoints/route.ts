import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../utils/partner-request"
import { createEndpoint, listEndpoints } from "../../utils/webhook-actions"
import type { CreateEndpointType } from "../../utils/webhook-validators"

/** GET /partners/endpoints — the caller's endpoints. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await listEndpoints(req, res, { partner_id: partnerOf(req).id })
}

/** POST /partners/endpoints — subscribes a URL (vetted against SSRF) to event types; returns its signing secret once. */
export async function POST(req: MedusaRequest<CreateEndpointType>, res: MedusaResponse) {
  await createEndpoint(req, res, partnerOf(req).id)
}
