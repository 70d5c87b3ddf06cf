import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validate-query"
import { StoreListInvoices } from "./validators"
import { requireCompanyPermission } from "../company-permission"

export const storeInvoiceMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/b2b/invoices*",
    middlewares: [authenticate("customer", ["session", "bearer"]), requireCompanyPermission("invoices.read")],
  },
  { matcher: "/store/b2b/invoices", method: ["GET"], middlewares: [validateQuery(StoreListInvoices)] },
]
