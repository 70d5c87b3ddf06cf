import { model } from "@medusajs/framework/utils"

/**
 * Keys that sign partner access tokens (ES256). The private half is sealed
 * with ENCRYPTION_KEY; retired keys keep verifying until their tokens expire.
 */
export const PartnerSigningKey = model.define("partner_signing_key", {
  id: model.id({ prefix: "psk" }).primaryKey(),
  kid: model.text().unique(),
  public_jwk: model.json(),
  private_jwk_encrypted: model.text(),
  retired_at: model.dateTime().nullable(),
})
