import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validate-query"
import { requireCompanyPermission } from "../company-permission"
import { StoreListCompanyOrders } from "./validators"

/** /store/b2b/orders: the company's orders (login: storeB2bMiddlewares). */
export const storeCompanyOrderMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/b2b/orders",
    method: ["GET"],
    middlewares: [requireCompanyPermission("orders.read"), validateQuery(StoreListCompanyOrders)],
  },
]
