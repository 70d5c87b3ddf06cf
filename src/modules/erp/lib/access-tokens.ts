/**
 * The pull API's access tokens (signed by src/lib/oauth/token-authority.ts
 * with the keys of erp_signing_key, published at GET /erp/jwks.json).
 */
export const ERP_ACCESS_TOKENS = {
  audience: "backy-erp-api",
  kidPrefix: "erpk",
  /** Short-lived: a leaked token is useful for minutes, and revocation bites fast. */
  ttlSeconds: 600,
  /** The table of its signing keys; their sealed private halves are bound to it. */
  keyTable: "erp_signing_key",
} as const
