import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { companyForBuyer, employeeForBuyer } from "../../../../modules/b2b/lib/buyer-views"
import { requireEmployee } from "../helpers"

/** GET /store/b2b/company: my company and my role in it. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { employee, company } = await requireEmployee(req)
  res.json({ company: companyForBuyer(company), employee: employeeForBuyer(employee) })
}
