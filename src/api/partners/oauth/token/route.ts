import { clientCredentialsGrant } from "../../../utils/oauth/client-credentials-grant"
import { PARTNER_OAUTH_API } from "../../../utils/oauth/oauth-apis"

/**
 * POST /partners/oauth/token — the OAuth 2.0 client-credentials grant for
 * partners (JSON or form body, Basic or body credentials). Returns a
 * short-lived ES256 JWT (kid in its header; keys at /partners/jwks.json).
 */
export const POST = clientCredentialsGrant(PARTNER_OAUTH_API)
