import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../utils/validate-body"
import { NoQuery, validateQuery } from "../utils/validate-query"
import { authenticateErpClient } from "../utils/authenticate-erp-client"
import { ErpReportShipment } from "./fulfillments/validators"
import { ErpAckOrder, ErpListOrders } from "./orders/validators"

export const erpPullMiddlewares: MiddlewareRoute[] = [
  { matcher: "/erp/jwks.json", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  {
    matcher: "/erp/orders",
    method: ["GET"],
    middlewares: [authenticateErpClient("orders:read"), validateQuery(ErpListOrders)],
  },
  { matcher: "/erp/orders/:id", method: ["GET"], middlewares: [authenticateErpClient("orders:read")] },
  {
    matcher: "/erp/orders/:id/ack",
    method: ["POST"],
    middlewares: [authenticateErpClient("orders:ack"), validateBody(ErpAckOrder)],
  },
  {
    matcher: "/erp/fulfillments",
    method: ["POST"],
    middlewares: [authenticateErpClient("fulfillments:write"), validateBody(ErpReportShipment)],
  },
]
