import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { companiesInScope, seesOnlyOwnRecords } from "../../../../workflows/b2b/utils/company-scope"
import { listCompanyOrders } from "../../../../workflows/b2b/utils/company-orders"
import { requireEmployee } from "../helpers"
import type { StoreListCompanyOrdersType } from "./validators"

/**
 * GET /store/b2b/orders?company_id=&limit=&offset=: the company's orders,
 * newest first. Admin and finance see their company's and every
 * subsidiary's, an approver their company's, a buyer their own; `company_id`
 * narrows to one of those companies (any other is 404).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { employee, company } = await requireEmployee(req)
  const { company_id, limit, offset } = req.validatedQuery as StoreListCompanyOrdersType
  const company_ids = await companiesInScope(req.scope, { role: employee.role, company_id: company.id }, company_id)
  const { orders, count } = await listCompanyOrders(req.scope, {
    company_ids,
    customer_id: seesOnlyOwnRecords(employee.role) ? employee.customer_id : undefined,
    skip: offset,
    take: limit,
  })
  res.json({ orders, count, limit, offset })
}
