import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addContractRulesWorkflow } from "../../../../../workflows/b2b/add-contract-rules"
import { refetchContract } from "../../helpers"
import type { AdminAddContractRulesType } from "../../validators"

/** POST /admin/contracts/:id/rules `{ rules: [...] }`: adds one or more rules; returns the contract. */
export async function POST(req: MedusaRequest<AdminAddContractRulesType>, res: MedusaResponse) {
  const { result } = await addContractRulesWorkflow(req.scope).run({
    input: { contract_id: req.params.id, rules: req.validatedBody.rules },
  })
  res.status(201).json({
    rule_ids: result.map((r: { id: string }) => r.id),
    contract: await refetchContract(req.scope, req.params.id),
  })
}
