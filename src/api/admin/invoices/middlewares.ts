import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { AdminListInvoices, AdminReconcileInvoices } from "./validators"

export const adminInvoiceMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/invoices", method: ["GET"], middlewares: [validateAndTransformQuery(AdminListInvoices, {})] },
  { matcher: "/admin/invoices/reconcile", method: ["POST"], middlewares: [validateBody(AdminReconcileInvoices)] },
]
