import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../utils/validate-body"
import { validateQuery } from "../../../utils/validate-query"
import { EmptyBody } from "../../../utils/webhook-validators"
import { requireCompanyPermission } from "../company-permission"
import { StoreInviteEmployee, StoreListEmployees, StoreUpdateEmployee } from "./validators"

/** /store/b2b/employees…: a company admin manages the company's people (login: storeB2bMiddlewares). */
export const storeEmployeeMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/b2b/employees*", middlewares: [requireCompanyPermission("employees.manage")] },
  { matcher: "/store/b2b/employees", method: ["GET"], middlewares: [validateQuery(StoreListEmployees)] },
  { matcher: "/store/b2b/employees", method: ["POST"], middlewares: [validateBody(StoreInviteEmployee)] },
  { matcher: "/store/b2b/employees/:id", method: ["POST"], middlewares: [validateBody(StoreUpdateEmployee)] },
  { matcher: "/store/b2b/employees/:id/deactivate", method: ["POST"], middlewares: [validateBody(EmptyBody)] },
  { matcher: "/store/b2b/employees/:id/reactivate", method: ["POST"], middlewares: [validateBody(EmptyBody)] },
]
