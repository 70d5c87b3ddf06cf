import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { NoQuery, validateQuery } from "../../utils/validate-query"
import { adminContractQueryConfig } from "./query-config"
import {
  AdminAddContractRules,
  AdminCreateContract,
  AdminGetContractParams,
  AdminGetContractsParams,
  AdminPreviewContractPrices,
  AdminUpdateContract,
  AdminUpdateContractRule,
} from "./validators"

/** /admin/contracts… (admin auth is Medusa's default for /admin). */
export const adminContractsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/contracts",
    method: ["GET"],
    middlewares: [validateQuery(AdminGetContractsParams, adminContractQueryConfig.list)],
  },
  { matcher: "/admin/contracts", method: ["POST"], middlewares: [validateBody(AdminCreateContract)] },
  {
    matcher: "/admin/contracts/:id",
    method: ["GET"],
    middlewares: [validateQuery(AdminGetContractParams, adminContractQueryConfig.retrieve)],
  },
  { matcher: "/admin/contracts/:id", method: ["POST"], middlewares: [validateBody(AdminUpdateContract)] },
  { matcher: "/admin/contracts/:id/rules", method: ["POST"], middlewares: [validateBody(AdminAddContractRules)] },
  { matcher: "/admin/contracts/:id/credit", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  {
    matcher: "/admin/contracts/:id/preview",
    method: ["POST"],
    middlewares: [validateBody(AdminPreviewContractPrices)],
  },
  {
    matcher: "/admin/contracts/:id/rules/:rule_id",
    method: ["POST"],
    middlewares: [validateBody(AdminUpdateContractRule)],
  },
]
