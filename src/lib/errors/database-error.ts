/**
 * A Postgres error as node-postgres raises it, or as MikroORM re-raises it
 * (its DriverException copies every field). Two of its fields can carry the
 * values of the statement: knex puts the statement, bound values inlined, in
 * front of `message` (knex/lib/execution/internal/query-executioner.js), and
 * Postgres puts the failing row in `detail` ("Failing row contains (…)") or
 * the duplicate key's value ("Key (name)=(…) already exists"), which
 * MikroORM appends to `message` as well.
 */
export type DatabaseError = {
  name?: string
  message: string
  /** SQLSTATE, e.g. 23505 unique_violation, 22021 character_not_in_repertoire. */
  code: string
  severity?: string
  detail?: string
  constraint?: string
  table?: string
}

const SQLSTATE = /^[0-9A-Z]{5}$/

/** Postgres's error, also once a workflow serialized it into a plain object (same fields). */
export function isDatabaseError(error: unknown): error is DatabaseError {
  const e = error as { code?: unknown; message?: unknown; severity?: unknown; routine?: unknown } | null
  return (
    typeof e === "object" &&
    e !== null &&
    typeof e.message === "string" &&
    typeof e.code === "string" &&
    SQLSTATE.test(e.code) &&
    (typeof e.severity === "string" || typeof e.routine === "string")
  )
}

/** What MikroORM appends to the message: Postgres's detail and hint (PostgreSqlExceptionConverter). */
const APPENDED = /\n - (detail|hint): [\s\S]*$/

/**
 * A message without the statement knex put in front of it ("<sql> - <message>")
 * and without the detail MikroORM appended. knex prefixes every error a query
 * raises, Postgres's or not (a dropped connection too).
 */
export function withoutStatement(message: string): string {
  const own = message.replace(APPENDED, "")
  const at = own.lastIndexOf(" - ")
  return at === -1 ? own : own.slice(at + " - ".length)
}

/** Postgres's own words: they name columns and constraints, not the row. */
export function postgresMessage(error: DatabaseError): string {
  return withoutStatement(error.message)
}

/** The columns of a violated unique key, from Postgres's detail "Key (a, b)=(…) already exists." — never the values. */
export function duplicateKeyColumns(error: DatabaseError): string | null {
  return /^Key \(([^)]*)\)=/.exec(error.detail ?? "")?.[1] ?? null
}
