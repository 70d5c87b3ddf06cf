import { z } from "@medusajs/framework/zod"

/**
 * The pagination rules of every backy list: `limit` a whole number from 1 to
 * the list's maximum, `offset` a whole number ≥ 0, `order` one of the
 * list's sortable fields (`name`, or `-name` for descending). Query values
 * arrive as strings; "", "1.5", "-1" and "abc" are refused by name.
 */

export function limitParam(options: { default: number; max: number }) {
  const message = `must be a whole number from 1 to ${options.max}`
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(options.max, { error: message })
    .default(options.default)
}

export function offsetParam() {
  const message = "must be a whole number ≥ 0"
  return z.coerce.number({ error: message }).int({ error: message }).min(0, { error: message }).default(0)
}

/** `order=created_at` or `order=-created_at`, among `fields` only (an unchecked column name reaches SQL). */
export function orderParam(fields: readonly string[]) {
  const allowed = fields.flatMap((field) => [field, `-${field}`])
  return z.enum(allowed as [string, ...string[]], { error: `must be one of ${allowed.join(", ")}` })
}

/** limit, offset and (when the list sorts) order, to spread into a list's query schema. */
export function listParams(options: { defaultLimit: number; maxLimit: number; orderBy?: readonly string[] }) {
  return {
    limit: limitParam({ default: options.defaultLimit, max: options.maxLimit }),
    offset: offsetParam(),
    ...(options.orderBy ? { order: orderParam(options.orderBy).optional() } : {}),
  }
}
