import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCompanyWorkflow } from "../../../workflows/b2b/create-company"
import { refetchCompany } from "./helpers"
import type { AdminCreateCompanyType, AdminGetCompaniesParamsType } from "./validators"

/** GET /admin/companies: filters q (name), id, parent_company_id, currency_code, erp_account_number, stripe_customer_id; paginated. */
export async function GET(req: MedusaRequest<unknown, AdminGetCompaniesParamsType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const filters = { ...req.filterableFields } as Record<string, unknown>
  if (typeof filters.currency_code === "string") filters.currency_code = filters.currency_code.toLowerCase()
  const { data: companies, metadata } = await query.graph({
    entity: "company",
    fields: req.queryConfig.fields,
    filters,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    companies,
    count: metadata?.count ?? companies.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? companies.length,
  })
}

/** POST /admin/companies: creates a company and its customer group (201). */
export async function POST(req: MedusaRequest<AdminCreateCompanyType>, res: MedusaResponse) {
  const { result } = await createCompanyWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ company: await refetchCompany(req.scope, result.id) })
}
