import { clientCredentialsGrant } from "../../../utils/oauth/client-credentials-grant"
import { ERP_OAUTH_API } from "../../../utils/oauth/oauth-apis"

/**
 * POST /erp/oauth/token — the OAuth 2.0 client-credentials grant for ERP pull
 * clients (JSON or form body, Basic or body credentials). Returns a
 * short-lived ES256 JWT (kid in its header; keys at /erp/jwks.json).
 */
export const POST = clientCredentialsGrant(ERP_OAUTH_API)
