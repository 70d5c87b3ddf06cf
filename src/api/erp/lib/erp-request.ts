import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import type { PullGrants } from "../../../modules/erp/lib/grants"

/** A request authenticated by `authenticateErpClient`. */
export type ErpRequest<Body = unknown> = MedusaRequest<Body> & {
  erpClient: { id: string; client_id: string; scopes: string[]; grants: PullGrants }
}

export { oauthError } from "../../../lib/oauth/client-credentials"

/**
 * Parses the query string with `schema` into `req.validatedQuery` (400
 * `invalid_data` naming the parameter otherwise). Leaner than Medusa's
 * validateAndTransformQuery, which also prepares field selection and
 * pagination config that these routes do not use, on the API's hottest path.
 */
export function validateErpQuery(schema: z.ZodType) {
  return (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const parsed = schema.safeParse(req.query ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const field = issue.path.join(".")
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, `${field ? `${field}: ` : ""}${issue.message}`))
    }
    req.validatedQuery = parsed.data as MedusaRequest["validatedQuery"]
    next()
  }
}
