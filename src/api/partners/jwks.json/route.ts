import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { HUB_MODULE } from "../../../modules/hub"
import type HubModuleService from "../../../modules/hub/service"
import { getPartnerPublicKeys } from "../../../lib/partner-auth/tokens"

/** GET /partners/jwks.json — the public keys of partner access tokens. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { keys } = await getPartnerPublicKeys(req.scope.resolve<HubModuleService>(HUB_MODULE))
  res.setHeader("Cache-Control", "public, max-age=60")
  res.json({ keys })
}
