import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { partnerOf } from "../../../../utils/partner-request"
import { rotateSecret } from "../../../../utils/webhook-actions"
import type { RotateSecretType } from "../../../../utils/webhook-validators"

/** POST /partners/endpoints/:id/rotate-secret — a new secret (shown once); the old one signs too for `grace_period_ms` (24 h). */
export async function POST(req: MedusaRequest<RotateSecretType>, res: MedusaResponse) {
  await rotateSecret(req, res, partnerOf(req).id)
}
