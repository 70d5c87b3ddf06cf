import { authenticate, MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { StoreListInvoices } from "./validators"

export const storeInvoiceMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/b2b/invoices*", middlewares: [authenticate("customer", ["session", "bearer"])] },
  { matcher: "/store/b2b/invoices", method: ["GET"], middlewares: [validateAndTransformQuery(StoreListInvoices, {})] },
]
