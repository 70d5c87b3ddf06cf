import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { reseal, type EncryptionKeys } from "../../../lib/crypto/secret-box"
import type { ResealCount } from "../../../lib/crypto/reseal-count"
import { writeSecretRow } from "../../../lib/errors/secret-row-write"
import { signingKeyAad } from "../../../lib/oauth/token-authority"
import { PARTNER_ACCESS_TOKENS } from "./access-tokens"
import { resealStoredSecrets, type StoredSecrets } from "./endpoint-secrets"

/**
 * Seals every secret the outbox stores (webhook endpoints' signing secrets,
 * the partner signing keys' private halves) again under the current key, in
 * one transaction: v1 envelopes and those of previous keys become v2 under
 * ENCRYPTION_KEY. Deleted and retired rows too, so that no row is left that
 * only a dropped key opens. Rows already under the current key are opened
 * (checked) and left as they are: running it again changes nothing.
 * `updated_at` is kept: the secrets themselves did not change.
 */
export async function resealOutboxSecrets(pg: Knex, keys: EncryptionKeys): Promise<ResealCount[]> {
  return await pg.transaction(async (trx) => [
    await resealEndpointSecrets(trx, keys),
    await resealSigningKeys(trx, keys),
  ])
}

async function resealEndpointSecrets(trx: Knex.Transaction, keys: EncryptionKeys): Promise<ResealCount> {
  const rows = (await trx("webhook_endpoint").forUpdate().select("id", "secrets")) as {
    id: string
    secrets: StoredSecrets | null
  }[]
  let resealed = 0
  for (const row of rows) {
    const secrets = resealStoredSecrets(row.secrets, keys, row.id)
    if (!secrets) continue
    await writeSecretRow("webhook endpoint", () => trx("webhook_endpoint").where({ id: row.id }).update({ secrets }))
    resealed++
  }
  return { secrets: "webhook_endpoint.secrets", resealed, unchanged: rows.length - resealed }
}

async function resealSigningKeys(trx: Knex.Transaction, keys: EncryptionKeys): Promise<ResealCount> {
  const table = PARTNER_ACCESS_TOKENS.keyTable
  const rows = (await trx(table).forUpdate().select("id", "kid", "private_jwk_encrypted")) as {
    id: string
    kid: string
    private_jwk_encrypted: string
  }[]
  let resealed = 0
  for (const row of rows) {
    const sealed = reseal(row.private_jwk_encrypted, keys, signingKeyAad(table, row.kid))
    if (!sealed) continue
    await writeSecretRow("partner signing key", () =>
      trx(table).where({ id: row.id }).update({ private_jwk_encrypted: sealed })
    )
    resealed++
  }
  return { secrets: `${table}.private_jwk_encrypted`, resealed, unchanged: rows.length - resealed }
}
