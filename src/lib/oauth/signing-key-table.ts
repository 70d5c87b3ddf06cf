import type { JWK } from "jose"
import { writeSecretRow } from "../errors/secret-row-write"
import type { SigningKeyStore } from "./token-authority"

/** A row of a signing-key model (erp_signing_key, partner_signing_key: the same columns). */
export type SigningKeyRow = { kid: string; public_jwk: Record<string, unknown>; private_jwk_encrypted: string }

/**
 * The two methods MedusaService generates for a module's signing-key model
 * that the token authority needs: `listErpSigningKeys`/`createErpSigningKeys`,
 * `listPartnerSigningKeys`/`createPartnerSigningKeys`.
 */
export type SigningKeyTable = {
  list(
    filters: { retired_at?: null },
    config: { order?: { created_at: "DESC" }; take?: number; select?: "public_jwk"[] }
  ): Promise<SigningKeyRow[]>
  create(key: SigningKeyRow): Promise<unknown>
}

/**
 * A module's signing-key table as the token authority's key store. Each API
 * has a table of its own, so a leaked key of one cannot mint tokens for another.
 *
 * @param what the row, for the message of a failed write: "ERP signing key"
 */
export function signingKeyStore(what: string, table: SigningKeyTable): SigningKeyStore {
  return {
    async newestUnretired() {
      const [key] = await table.list({ retired_at: null }, { order: { created_at: "DESC" }, take: 1 })
      return key
    },
    async create(key) {
      // The row holds the sealed private key: a failed write must not log it.
      await writeSecretRow(what, () => table.create({ ...key, public_jwk: { ...key.public_jwk } }))
    },
    async publicKeys() {
      const rows = await table.list({}, { select: ["public_jwk"] })
      return rows.map((row) => row.public_jwk).filter(isJwk)
    },
  }
}

/** Every stored public key was written by `create` from an exported JWK; `kty` is the one member a JWK must have. */
function isJwk(value: Record<string, unknown>): value is Record<string, unknown> & JWK {
  return typeof value.kty === "string"
}
