import { model } from "@medusajs/framework/utils"

/**
 * Keys that sign the pull API's access tokens (ES256). The private JWK is
 * encrypted at rest; the public one is published at GET /erp/jwks.json.
 */
export const ErpSigningKey = model.define("erp_signing_key", {
  id: model.id({ prefix: "erpk" }).primaryKey(),
  kid: model.text().unique(),
  public_jwk: model.json(),
  private_jwk_encrypted: model.text(),
  retired_at: model.dateTime().nullable(),
})
