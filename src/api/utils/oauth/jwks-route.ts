import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { OAuthClient } from "../../../lib/oauth/oauth-api-service"
import type { OAuthApi } from "./oauth-apis"

/**
 * GET <api>/jwks.json: the public keys that verify the API's access tokens
 * (a JWK Set, RFC 7517), retired ones included while their tokens may live.
 * Cacheable for a minute, as long as our own verifiers trust their copy.
 */
export function jwksRoute<Client extends OAuthClient>(api: OAuthApi<Client>) {
  return async function publishedKeys(req: MedusaRequest, res: MedusaResponse): Promise<void> {
    const keys = await api.service(req.scope).publishedSigningKeys()
    res.setHeader("Cache-Control", "public, max-age=60")
    res.json({ keys })
  }
}
