import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { validateQuery } from "../../partners/lib/validate-query"
import { AdminListInvoices, AdminMoneyDrift, AdminReconcileInvoices } from "./validators"

export const adminInvoiceMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/invoices", method: ["GET"], middlewares: [validateAndTransformQuery(AdminListInvoices, {})] },
  { matcher: "/admin/invoices/reconcile", method: ["POST"], middlewares: [validateBody(AdminReconcileInvoices)] },
  // validateQuery names the parameter in every 400 (Medusa's own leaves it out of custom messages such as a bad date).
  { matcher: "/admin/invoices/drift", method: ["GET"], middlewares: [validateQuery(AdminMoneyDrift)] },
]
