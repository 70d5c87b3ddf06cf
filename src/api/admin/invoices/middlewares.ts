import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../utils/validate-body"
import { validateQuery } from "../../utils/validate-query"
import { AdminListInvoices, AdminMoneyDrift, AdminReconcileInvoices } from "./validators"

export const adminInvoiceMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/invoices", method: ["GET"], middlewares: [validateQuery(AdminListInvoices)] },
  { matcher: "/admin/invoices/reconcile", method: ["POST"], middlewares: [validateBody(AdminReconcileInvoices)] },
  { matcher: "/admin/invoices/drift", method: ["GET"], middlewares: [validateQuery(AdminMoneyDrift)] },
]
