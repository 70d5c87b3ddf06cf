import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { reseal, type EncryptionKeys } from "../../../lib/crypto/secret-box"
import type { ResealCount } from "../../../lib/crypto/reseal-count"
import { writeSecretRow } from "../../../lib/errors/secret-row-write"
import { signingKeyAad } from "../../../lib/oauth/token-authority"
import { ERP_ACCESS_TOKENS } from "./access-tokens"
import { connectionCredentialsAad } from "./sync/connection-credentials"

/** A text column of sealed secrets, and what each row's secret is bound to. */
type SealedColumn = {
  table: string
  column: string
  /** The row, for the message of a failed write. */
  what: string
  /** The column that names the row in the associated data. */
  nameColumn: "id" | "kid"
  aad(name: string): string
}

const SEALED_COLUMNS: SealedColumn[] = [
  {
    table: "erp_connection",
    column: "credentials_encrypted",
    what: "ERP connection",
    nameColumn: "id",
    aad: connectionCredentialsAad,
  },
  {
    table: ERP_ACCESS_TOKENS.keyTable,
    column: "private_jwk_encrypted",
    what: "ERP signing key",
    nameColumn: "kid",
    aad: (kid) => signingKeyAad(ERP_ACCESS_TOKENS.keyTable, kid),
  },
]

/**
 * Seals every secret the ERP module stores (connection credentials, the pull
 * API's signing keys) again under the current key, in one transaction: v1
 * envelopes and those of previous keys become v2 under ENCRYPTION_KEY.
 * Deleted and retired rows too, so that no row is left that only a dropped
 * key opens. Rows already under the current key are opened (checked) and left
 * as they are: running it again changes nothing. `updated_at` is kept: the
 * credentials did not change, so cached connectors need no rebuild.
 */
export async function resealErpSecrets(pg: Knex, keys: EncryptionKeys): Promise<ResealCount[]> {
  return await pg.transaction(async (trx) => {
    const counts: ResealCount[] = []
    for (const sealed of SEALED_COLUMNS) counts.push(await resealColumn(trx, keys, sealed))
    return counts
  })
}

async function resealColumn(trx: Knex.Transaction, keys: EncryptionKeys, target: SealedColumn): Promise<ResealCount> {
  const rows = (await trx(target.table)
    .whereNotNull(target.column)
    .forUpdate()
    .select({ id: "id", name: target.nameColumn, sealed: target.column })) as {
    id: string
    name: string
    sealed: string
  }[]
  let resealed = 0
  for (const row of rows) {
    const sealed = reseal(row.sealed, keys, target.aad(row.name))
    if (!sealed) continue
    await writeSecretRow(target.what, () =>
      trx(target.table)
        .where({ id: row.id })
        .update({ [target.column]: sealed })
    )
    resealed++
  }
  return { secrets: `${target.table}.${target.column}`, resealed, unchanged: rows.length - resealed }
}
