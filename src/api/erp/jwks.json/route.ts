import { jwksRoute } from "../../utils/oauth/jwks-route"
import { ERP_OAUTH_API } from "../../utils/oauth/oauth-apis"

/** GET /erp/jwks.json — the public keys that verify the pull API's tokens. */
export const GET = jwksRoute(ERP_OAUTH_API)
