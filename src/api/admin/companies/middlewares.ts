import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { NoQuery, validateQuery } from "../../utils/validate-query"
import { adminCompanyQueryConfig } from "./query-config"
import {
  AdminCreateCompany,
  AdminCreateEmployee,
  AdminGetCompaniesParams,
  AdminGetCompanyParams,
  AdminUpdateCompany,
  AdminUpdateEmployee,
} from "./validators"

/** /admin/companies… (admin auth is Medusa's default for /admin). */
export const adminCompaniesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/companies",
    method: ["GET"],
    middlewares: [validateQuery(AdminGetCompaniesParams, adminCompanyQueryConfig.list)],
  },
  { matcher: "/admin/companies", method: ["POST"], middlewares: [validateBody(AdminCreateCompany)] },
  {
    matcher: "/admin/companies/:id",
    method: ["GET"],
    middlewares: [validateQuery(AdminGetCompanyParams, adminCompanyQueryConfig.retrieve)],
  },
  { matcher: "/admin/companies/:id", method: ["POST"], middlewares: [validateBody(AdminUpdateCompany)] },
  { matcher: "/admin/companies/:id/employees", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/admin/companies/:id/employees", method: ["POST"], middlewares: [validateBody(AdminCreateEmployee)] },
  {
    matcher: "/admin/companies/:id/employees/:employee_id",
    method: ["POST"],
    middlewares: [validateBody(AdminUpdateEmployee)],
  },
]
