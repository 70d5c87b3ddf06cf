import { MedusaError } from "@medusajs/framework/utils"
import {
  DatabaseError,
  duplicateKeyColumns,
  isDatabaseError,
  postgresMessage,
  withoutStatement,
} from "./database-error"

/**
 * Runs `write`, a write of a row that holds a secret (a client secret's hash,
 * sealed credentials or keys), and rethrows a database error as a
 * MedusaError with Postgres's message and SQLSTATE only. The driver's error
 * carries the statement with the secret inlined in its message and the
 * failing row in its detail, and Medusa's error handler logs whatever error
 * reaches it (in development, every field of it); so the original is not
 * kept as `cause` either. Bad data and a duplicate key are the caller's to
 * fix (400, naming the key's columns, not its values); anything else is a
 * 500 saying what could not be stored. MedusaErrors pass as they are: Medusa's
 * own mapping of MikroORM errors (dbErrorMapper) gives a unique key's columns
 * and values, a null column's name — never the row, and no secret column is
 * part of a unique key.
 *
 * @param what the row, for the message: "partner", "ERP pull client"
 */
export async function writeSecretRow<T>(what: string, write: () => PromiseLike<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (MedusaError.isMedusaError(error)) throw error
    throw redacted(what, error)
  }
}

function redacted(what: string, error: unknown): MedusaError {
  if (!isDatabaseError(error)) {
    // Not Postgres's answer (a dropped connection): knex still put the statement in front of the message.
    const message = error instanceof Error ? error.message : String(error)
    return new MedusaError(MedusaError.Types.DB_ERROR, `Could not store the ${what}: ${withoutStatement(message)}`)
  }
  if (error.code === "23505")
    return new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Could not store the ${what}: another ${what} has the same ${duplicateKeyColumns(error) ?? error.constraint ?? "key"}`
    )
  return new MedusaError(
    callersFault(error) ? MedusaError.Types.INVALID_DATA : MedusaError.Types.DB_ERROR,
    `Could not store the ${what}: ${postgresMessage(error)} (SQLSTATE ${error.code})`
  )
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the row, not the database. */
function callersFault(error: DatabaseError): boolean {
  return error.code.startsWith("22") || error.code.startsWith("23")
}
