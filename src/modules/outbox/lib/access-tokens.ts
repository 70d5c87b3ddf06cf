/**
 * The partner API's access tokens (signed by src/lib/oauth/token-authority.ts
 * with the keys of partner_signing_key, published at GET /partners/jwks.json):
 * not the ERP's keys, so each audience has its own.
 */
export const PARTNER_ACCESS_TOKENS = {
  audience: "backy-partner-api",
  kidPrefix: "ptnk",
  /** Short-lived: a leaked token is useful for minutes, and revocation bites fast. */
  ttlSeconds: 900,
  /** The table of its signing keys; their sealed private halves are bound to it. */
  keyTable: "partner_signing_key",
} as const
