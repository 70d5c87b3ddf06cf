import { isDatabaseError, postgresMessage } from "./database-error"

/** Longer than any useful message; keeps a runaway one (a whole HTML error page) out of a log line or a text column. */
const MAX_LENGTH = 1000

/**
 * One line for a log or an error column, from whatever was thrown or
 * reported: an Error; a workflow run's error, which Medusa hands back
 * serialized into a plain `{ name, message, stack, … }` object (`String()`
 * of it is "[object Object]"); a string; anything else. It names the error
 * and its code, and gives a database error as Postgres's message only —
 * never the statement and values knex put in front of it.
 */
export function describeError(error: unknown, maxLength = MAX_LENGTH): string {
  return oneLine(error).slice(0, maxLength)
}

function oneLine(error: unknown): string {
  if (typeof error === "string") return error
  if (typeof error !== "object" || error === null) return String(error)
  const e = error as { name?: unknown; type?: unknown; message?: unknown; code?: unknown }
  if (typeof e.message !== "string") return stringify(error)
  const message = isDatabaseError(error) ? postgresMessage(error) : e.message
  const code = typeof e.code === "string" || typeof e.code === "number" ? ` (${e.code})` : ""
  return `${kind(e)}${code}: ${message}`
}

/** The error's class: its name, or — where the name is plain "Error" — its type (Stripe's errors: "StripeInvalidRequestError"; MedusaError: "not_found"). */
function kind(e: { name?: unknown; type?: unknown }): string {
  if (typeof e.name === "string" && e.name && e.name !== "Error") return e.name
  if (typeof e.type === "string" && e.type) return e.type
  return "Error"
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}
