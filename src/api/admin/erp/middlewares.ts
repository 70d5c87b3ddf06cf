import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { NoQuery, validateQuery } from "../../utils/validate-query"
import {
  AdminCreateErpConnection,
  AdminCreatePullClient,
  AdminListErpConnections,
  AdminListErpSyncs,
  AdminListPullClients,
  AdminUpdateErpConnection,
} from "./validators"

/** /admin/erp… (admin auth is Medusa's default for /admin). */
export const adminErpMiddlewares: MiddlewareRoute[] = [
  /* Connections */
  { matcher: "/admin/erp/connections", method: ["GET"], middlewares: [validateQuery(AdminListErpConnections)] },
  { matcher: "/admin/erp/connections", method: ["POST"], middlewares: [validateBody(AdminCreateErpConnection)] },
  { matcher: "/admin/erp/connections/:id", method: ["POST"], middlewares: [validateBody(AdminUpdateErpConnection)] },
  /* Syncs */
  { matcher: "/admin/erp/syncs", method: ["GET"], middlewares: [validateQuery(AdminListErpSyncs)] },
  { matcher: "/admin/erp/orders/:id/sync", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  /* Pull clients */
  { matcher: "/admin/erp/pull-clients", method: ["GET"], middlewares: [validateQuery(AdminListPullClients)] },
  { matcher: "/admin/erp/pull-clients", method: ["POST"], middlewares: [validateBody(AdminCreatePullClient)] },
]
