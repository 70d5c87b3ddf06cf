import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rotateSecret } from "../../../../../utils/webhook-actions"
import type { RotateSecretType } from "../../../../../utils/webhook-validators"

/** POST /admin/webhooks/endpoints/:id/rotate-secret — a new secret, shown once; the old one signs for the grace period. */
export async function POST(req: MedusaRequest<RotateSecretType>, res: MedusaResponse) {
  await rotateSecret(req, res)
}
