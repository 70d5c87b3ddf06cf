import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createContractWorkflow } from "../../../workflows/b2b/create-contract"
import { refetchContract } from "./helpers"
import type { AdminCreateContractType, AdminGetContractsParamsType } from "./validators"

/** GET /admin/contracts: filters company_id, currency_code, status, id; paginated; without rules. */
export async function GET(req: MedusaRequest<unknown, AdminGetContractsParamsType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const filters = { ...req.filterableFields } as Record<string, unknown>
  if (typeof filters.currency_code === "string") filters.currency_code = filters.currency_code.toLowerCase()
  const { data: contracts, metadata } = await query.graph({
    entity: "contract",
    fields: req.queryConfig.fields,
    filters,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    contracts,
    count: metadata?.count ?? contracts.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? contracts.length,
  })
}

/** POST /admin/contracts: a contract with its rules; overlapping active contracts are refused. */
export async function POST(req: MedusaRequest<AdminCreateContractType>, res: MedusaResponse) {
  const { result } = await createContractWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ contract: await refetchContract(req.scope, result.id) })
}
