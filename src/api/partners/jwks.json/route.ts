import { jwksRoute } from "../../utils/oauth/jwks-route"
import { PARTNER_OAUTH_API } from "../../utils/oauth/oauth-apis"

/** GET /partners/jwks.json — the public keys that verify partner access tokens. */
export const GET = jwksRoute(PARTNER_OAUTH_API)
