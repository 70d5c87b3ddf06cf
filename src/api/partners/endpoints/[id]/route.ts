import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../../utils/partner-request"
import { deleteEndpoint, getEndpoint, updateEndpoint } from "../../../utils/webhook-actions"
import type { UpdateEndpointType } from "../../../utils/webhook-validators"

/** GET /partners/endpoints/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await getEndpoint(req, res, partnerOf(req).id)
}

/** POST /partners/endpoints/:id — url, event types, headers, limits; `enabled` disables or re-enables. */
export async function POST(req: MedusaRequest<UpdateEndpointType>, res: MedusaResponse) {
  await updateEndpoint(req, res, partnerOf(req).id)
}

/** DELETE /partners/endpoints/:id — its pending deliveries are canceled. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deleteEndpoint(req, res, partnerOf(req).id)
}
