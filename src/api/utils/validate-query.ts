import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BaseEntity, QueryConfig } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { describeIssues } from "./validate-body"

/** The query of a route that takes no parameter: any one is refused by name (`limit: unknown field`). */
export const NoQuery = z.object({}).strict()

/**
 * validateBody's twin for the query string: 400 `invalid_data` naming each
 * wrong parameter (`limit: must be a whole number from 1 to 100`), the
 * parsed values in `req.validatedQuery`.
 *
 * With `queryConfig` (routes that read `req.queryConfig`, `filterableFields`
 * or `listConfig`: fields and pagination for Query), a query that passes is
 * then handed to Medusa's validateAndTransformQuery, which sets those as
 * usual; Medusa's own check then finds nothing more to say.
 */
export function validateQuery<TEntity extends BaseEntity>(schema: z.ZodType, queryConfig?: QueryConfig<TEntity>) {
  const medusaQuery = queryConfig ? validateAndTransformQuery(schema, queryConfig) : undefined
  return Object.assign(validateQueryNamingFields, { validates: { query: schema } })
  async function validateQueryNamingFields(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const parsed = await schema.safeParseAsync(req.query ?? {})
    if (!parsed.success)
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, describeIssues(parsed.error.issues, req.query)))
    if (medusaQuery) return medusaQuery(req, res, next)
    req.validatedQuery = parsed.data as MedusaRequest["validatedQuery"]
    next()
  }
}
