import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoQuery, validateQuery } from "../utils/validate-query"

/** The published documents take no parameter. */
export const openApiMiddlewares: MiddlewareRoute[] = [
  "/erp/openapi.json",
  "/partners/openapi.json",
  "/store/b2b/openapi.json",
  "/admin/openapi.json",
].map((matcher) => ({ matcher, method: ["GET"], middlewares: [validateQuery(NoQuery)] }))
