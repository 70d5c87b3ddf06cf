import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { AdminCreateErpConnection, AdminCreatePullClient, AdminListErpSyncs, AdminUpdateErpConnection } from "./validators"

/** /admin/erp… (admin auth is Medusa's default for /admin). */
export const adminErpMiddlewares: MiddlewareRoute[] = [
  /* Connections */
  { matcher: "/admin/erp/connections", method: ["POST"], middlewares: [validateBody(AdminCreateErpConnection)] },
  { matcher: "/admin/erp/connections/:id", method: ["POST"], middlewares: [validateBody(AdminUpdateErpConnection)] },
  /* Syncs */
  { matcher: "/admin/erp/syncs", method: ["GET"], middlewares: [validateAndTransformQuery(AdminListErpSyncs, {})] },
  /* Pull clients */
  { matcher: "/admin/erp/pull-clients", method: ["POST"], middlewares: [validateBody(AdminCreatePullClient)] },
]
