import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { OAuthClient } from "../../../lib/oauth/oauth-api-service"
import type { OAuthApi } from "./oauth-apis"

/**
 * GET <api>/jwks.json: the public keys that verify the API's access tokens
 * (a JWK Set, RFC 7517), retired ones included while their tokens may live.
 * Cacheable for a minute, as long as our own verifiers trust their copy.
 * The route is public: a failed key read is logged and answered with a fixed
 * 503, never with the store's own error text.
 */
export function jwksRoute<Client extends OAuthClient>(api: OAuthApi<Client>) {
  return async function publishedKeys(req: MedusaRequest, res: MedusaResponse): Promise<void> {
    let keys: unknown
    try {
      keys = await api.service(req.scope).publishedSigningKeys()
    } catch (error) {
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .error(`jwks: reading the signing keys failed: ${error instanceof Error ? error.message : String(error)}`)
      res.setHeader("Retry-After", "5")
      res.status(503).json({ type: "unavailable", message: "The signing keys are temporarily unavailable" })
      return
    }
    res.setHeader("Cache-Control", "public, max-age=60")
    res.json({ keys })
  }
}
