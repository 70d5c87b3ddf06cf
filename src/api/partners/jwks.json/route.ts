import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import { getPartnerPublicKeys } from "../../../modules/outbox/lib/partner-tokens"

/** GET /partners/jwks.json — the public keys of partner access tokens. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { keys } = await getPartnerPublicKeys(req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE))
  res.setHeader("Cache-Control", "public, max-age=60")
  res.json({ keys })
}
