import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { companyForBuyer, employeeForBuyer, jsonMinor } from "../../../../modules/b2b/lib/buyer-views"
import { spendingAllowance } from "../../../../workflows/b2b/utils/spending"
import { requireEmployee } from "../helpers"

/**
 * GET /store/b2b/company: my company, my role, and my spending limit with what
 * I have spent in its current period (orders in the company's currency) and
 * what remains; `spending` is null without a limit.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { employee, company } = await requireEmployee(req)
  const allowance = await spendingAllowance(req.scope, employee, company.currency_code, new Date())
  res.json({
    company: companyForBuyer(company),
    employee: {
      ...employeeForBuyer(employee),
      spending: allowance && {
        period: allowance.period,
        currency_code: company.currency_code,
        limit_minor: jsonMinor(allowance.limit_minor),
        spent_minor: jsonMinor(allowance.spent_minor),
        remaining_minor: jsonMinor(allowance.remaining_minor),
        since: allowance.since?.toISOString() ?? null,
      },
    },
  })
}
