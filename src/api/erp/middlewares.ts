import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { authenticateErpClient } from "./lib/authenticate-erp-client"
import { validateErpQuery } from "./lib/erp-request"
import { ErpReportShipment } from "./fulfillments/validators"
import { ErpAckOrder, ErpListOrders } from "./orders/validators"

export const erpPullMiddlewares: MiddlewareRoute[] = [
  { matcher: "/erp/orders", method: ["GET"], middlewares: [authenticateErpClient("orders:read"), validateErpQuery(ErpListOrders)] },
  { matcher: "/erp/orders/:id", method: ["GET"], middlewares: [authenticateErpClient("orders:read")] },
  { matcher: "/erp/orders/:id/ack", method: ["POST"], middlewares: [authenticateErpClient("orders:ack"), validateAndTransformBody(ErpAckOrder)] },
  {
    matcher: "/erp/fulfillments",
    method: ["POST"],
    middlewares: [authenticateErpClient("fulfillments:write"), validateAndTransformBody(ErpReportShipment)],
  },
]
