import { bearerAuthentication } from "./oauth/bearer-authentication"
import { PARTNER_OAUTH_API } from "./oauth/oauth-apis"
import type { PartnerRequest } from "./partner-request"

/**
 * Bearer-token guard for the partner API (the shared guard: oauth/bearer-authentication.ts):
 * `authenticatePartner("webhooks:manage")` puts the partner on `req.partner`.
 */
export const authenticatePartner = bearerAuthentication(PARTNER_OAUTH_API, {
  holder: "partner",
  attach(req, partner, claims) {
    ;(req as PartnerRequest).partner = { id: partner.id, client_id: partner.client_id, scopes: claims.scopes }
  },
})
