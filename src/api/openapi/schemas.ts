import { z } from "@medusajs/framework/zod"

/**
 * Building blocks of the documented response bodies. Response objects are
 * z.object (closed in the documents: `additionalProperties: false` for
 * output), so a field a route adds without documenting it fails the
 * contract tests.
 */

/**
 * Names of schemas that the documents write once, under `components.schemas`
 * (not zod's `.meta({ id })`: its global registry refuses an id registered
 * twice, which a second load of this module in one process would do).
 */
const NAMES = new WeakMap<z.ZodType, string>()

export function named<S extends z.ZodType>(id: string, schema: S): S {
  NAMES.set(schema, id)
  return schema
}

/** What zod's JSON Schema converter reads schemas' metadata from: their `.meta()`, plus the names above. */
export const documentMetadata = {
  get(schema: z.ZodType) {
    const meta = z.globalRegistry.get(schema)
    const id = NAMES.get(schema)
    return id ? { ...meta, id } : meta
  },
}

/** The error body of backy's routes (src/api/utils/api-error.ts). */
export const ApiErrorBody = named(
  "ApiError",
  z.object({
    type: z.string().meta({ description: "invalid_data, unauthorized, forbidden, not_found, conflict, …" }),
    message: z.string().meta({
      description: "`<field>: <problem>` when one input is at fault",
      example: "limit: must be a whole number from 1 to 100",
    }),
    code: z.string().optional().meta({ description: "A stable code a client can branch on", example: "expired_token" }),
  })
)

/** What Medusa's own authentication answers with a 401 (admin and store routes). */
export const MedusaUnauthorizedBody = named("MedusaUnauthorized", z.object({ message: z.string() }))

/** The token endpoints' error body (RFC 6749 §5.2). */
export const OAuthErrorBody = named(
  "OAuthError",
  z.object({
    error: z.enum(["invalid_request", "invalid_client", "unsupported_grant_type", "invalid_scope", "rate_limited"]),
    error_description: z.string(),
  })
)

/** An ISO 8601 instant as the API writes it (`toISOString()`). */
export const dateTime = () => z.string().meta({ format: "date-time", example: "2026-12-07T14:00:00.000Z" })

/** An integer amount in minor units of its currency (README, "Amounts"). */
export const minor = () => z.number().int().meta({ description: "Integer amount in minor units (1250 = 12.50)" })

/** A lowercase ISO 4217 code, as Medusa and Stripe write currencies. */
export const currencyCode = () => z.string().meta({ example: "usd" })

/** A JSON value whose shape is its producer's (metadata, an ERP's document, an event's payload). */
export const anyJson = () => z.unknown()

/** A page of a cursor-paged list. */
export const nextCursor = () =>
  z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last" })

/** Offset-paged lists (Medusa's convention: count, offset, limit). */
export const offsetPage = { count: z.number().int(), offset: z.number().int(), limit: z.number().int() }
