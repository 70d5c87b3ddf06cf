import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createEndpoint, listEndpoints } from "../../../utils/webhook-actions"
import type { AdminCreateEndpointType, AdminListEndpointsType } from "../validators"

/** GET /admin/webhooks/endpoints — every partner's endpoints; filters partner_id, enabled. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await listEndpoints(req, res, req.validatedQuery as unknown as AdminListEndpointsType)
}

/** POST /admin/webhooks/endpoints — an endpoint for `partner_id`; returns its signing secret once. */
export async function POST(req: MedusaRequest<AdminCreateEndpointType>, res: MedusaResponse) {
  const { partner_id, ...endpoint } = req.validatedBody
  req.validatedBody = endpoint as AdminCreateEndpointType
  await createEndpoint(req, res, partner_id)
}
