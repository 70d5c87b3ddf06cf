import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { NoQuery, validateQuery } from "../../utils/validate-query"
import { StoreGetContractParams, StorePriceQuote } from "./validators"
import { requireCompanyPermission } from "./company-permission"
import { storeEmployeeMiddlewares } from "./employees/middlewares"
import { storeCompanyOrderMiddlewares } from "./orders/middlewares"

/**
 * /store/b2b…: a logged-in customer's view of its company. Everything is
 * scoped to the caller's own company; another company's resources are 404.
 * What each role may do: src/modules/b2b/lib/roles.ts (403 otherwise).
 */
export const storeB2bMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/b2b*", middlewares: [authenticate("customer", ["session", "bearer"])] },
  { matcher: "/store/b2b/company", method: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/store/b2b/contract", method: ["GET"], middlewares: [validateQuery(StoreGetContractParams)] },
  {
    matcher: "/store/b2b/price-quote",
    method: ["POST"],
    middlewares: [requireCompanyPermission("prices.read"), validateBody(StorePriceQuote)],
  },
  // Company self-service: the company's people and orders.
  ...storeEmployeeMiddlewares,
  ...storeCompanyOrderMiddlewares,
  // Medusa's own cart routes: a company employee builds and checks out carts only with a role that buys.
  {
    matcher: "/store/carts*",
    method: ["POST", "DELETE"],
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      requireCompanyPermission("cart.write"),
    ],
  },
]
