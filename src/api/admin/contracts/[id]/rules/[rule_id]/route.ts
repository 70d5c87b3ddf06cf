import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { toRuleOutput } from "../../../../../../modules/b2b/lib/rule-input"
import { deleteContractRuleWorkflow } from "../../../../../../workflows/b2b/delete-contract-rule"
import { updateContractRuleWorkflow } from "../../../../../../workflows/b2b/update-contract-rule"
import { parseOrThrow } from "../../../../../utils/validate-body"
import { refetchRule } from "../../../helpers"
import { AdminRule, type AdminUpdateContractRuleType } from "../../../validators"

/**
 * POST /admin/contracts/:id/rules/:rule_id: changes some fields of a rule;
 * the result is checked as a whole rule (its type cannot change).
 */
export async function POST(req: MedusaRequest<AdminUpdateContractRuleType>, res: MedusaResponse) {
  const { id, rule_id } = req.params
  const stored = toRuleOutput(await refetchRule(req.scope, id, rule_id))
  const { type, ...changes } = req.validatedBody
  if (type !== undefined && type !== stored.type) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `type: a ${stored.type} rule cannot become ${type}; delete it and add a new rule`
    )
  }
  const { id: _id, created_at: _c, updated_at: _u, ...current } = stored
  const rule = parseOrThrow(AdminRule, dropNulls({ ...current, ...changes }))
  await updateContractRuleWorkflow(req.scope).run({ input: { contract_id: id, rule_id, rule } })
  res.json({ rule: toRuleOutput(await refetchRule(req.scope, id, rule_id)) })
}

/** DELETE /admin/contracts/:id/rules/:rule_id */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  const { id, rule_id } = req.params
  await deleteContractRuleWorkflow(req.scope).run({ input: { contract_id: id, rule_id } })
  res.json({ id: rule_id, object: "contract_price_rule", deleted: true })
}

/** Stored rules carry null for unused columns; the rule schemas want them absent. */
function dropNulls(rule: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule).filter(([, value]) => value !== null && value !== undefined))
}
