import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteEndpoint, getEndpoint, updateEndpoint } from "../../../../utils/webhook-actions"
import type { UpdateEndpointType } from "../../../../utils/webhook-validators"

/** GET /admin/webhooks/endpoints/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await getEndpoint(req, res)
}

/** POST /admin/webhooks/endpoints/:id — as the partner API; `enabled` disables or re-enables. */
export async function POST(req: MedusaRequest<UpdateEndpointType>, res: MedusaResponse) {
  await updateEndpoint(req, res)
}

/** DELETE /admin/webhooks/endpoints/:id */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await deleteEndpoint(req, res)
}
