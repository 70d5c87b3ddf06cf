import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { describeIssues } from "../../utils/validate-body"

/**
 * validateBody's twin for the query string: 400 `invalid_data` naming each
 * wrong parameter; the parsed values land in `req.validatedQuery`.
 */
export function validateQuery(schema: z.ZodType) {
  return async function validateQueryNamingFields(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
    const parsed = await schema.safeParseAsync(req.query ?? {})
    if (!parsed.success) return next(new MedusaError(MedusaError.Types.INVALID_DATA, describeIssues(parsed.error.issues, req.query)))
    req.validatedQuery = parsed.data as MedusaRequest["validatedQuery"]
    next()
  }
}
