import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/** At most this many problems are listed in one 400 message. */
const MAX_LISTED_ISSUES = 10

/**
 * Like Medusa's validateAndTransformBody, but every problem is reported as
 * `<field>: <message>` with the field written as in the body
 * (`rules[2].tiers[0].min_quantity: must be an integer ≥ 1`), so a client can
 * point at the input that is wrong. Answers 400 `invalid_data`.
 */
export function validateBody(schema: z.ZodType) {
  return Object.assign(validateBodyNamingFields, { validates: { body: schema } })
  async function validateBodyNamingFields(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
    const parsed = await schema.safeParseAsync(req.body ?? {})
    if (!parsed.success) {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, describeIssues(parsed.error.issues, req.body)))
    }
    req.validatedBody = parsed.data
    next()
  }
}

/** What a validation middleware checks, so the OpenAPI spec can hold the documents to the same schemas. */
export type Validates = { body?: z.ZodType; query?: z.ZodType }

/** Parses `value` with `schema`, throwing the same 400 as validateBody (for bodies merged with stored data). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, describeIssues(parsed.error.issues, value, prefix))
  return parsed.data
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], body: unknown, prefix = ""): string {
  const messages = issues.flatMap((issue) => describeIssue(issue, body, prefix))
  const extra = messages.length > MAX_LISTED_ISSUES ? `; and ${messages.length - MAX_LISTED_ISSUES} more` : ""
  return messages.slice(0, MAX_LISTED_ISSUES).join("; ") + extra
}

function describeIssue(issue: z.core.$ZodIssue, body: unknown, prefix: string): string[] {
  const path = issue.path as PropertyKey[]
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${fieldName([...path, key], prefix)}: unknown field`)
  }
  const field = fieldName(path, prefix) || "body"
  if (
    issue.code === "invalid_union" &&
    "discriminator" in issue &&
    issue.discriminator &&
    path[path.length - 1] !== issue.discriminator
  ) {
    return [`${fieldName([...path, issue.discriminator], prefix)}: ${issue.message}`]
  }
  const missing = valueAt(body, path) === undefined
  if (missing && (issue.code === "invalid_type" || issue.code === "invalid_value")) return [`${field}: is required`]
  return [`${field}: ${issue.message}`]
}

/** ["rules", 2, "tiers", 0, "min_quantity"] → "rules[2].tiers[0].min_quantity". */
export function fieldName(path: readonly PropertyKey[], prefix = ""): string {
  let name = prefix
  for (const segment of path) {
    if (typeof segment === "number") name += `[${segment}]`
    else name += name ? `.${String(segment)}` : String(segment)
  }
  return name
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = body
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return current
}
