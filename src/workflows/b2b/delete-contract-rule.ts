import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { softDeletePriceRulesStep } from "./steps/soft-delete-price-rules"

export type DeleteContractRuleWorkflowInput = { contract_id: string; rule_id: string }

/**
 * Removes one rule from a contract (404 when the rule is not on that
 * contract). Used by `DELETE /admin/contracts/:id/rules/:rule_id`.
 *
 * @example
 * await deleteContractRuleWorkflow(container).run({ input: { contract_id, rule_id } })
 */
export const deleteContractRuleWorkflow = createWorkflow("delete-contract-rule-workflow", (input: DeleteContractRuleWorkflowInput) => {
  useQueryGraphStep({
    entity: "contract_price_rule",
    fields: ["id"],
    filters: { id: input.rule_id, contract_id: input.contract_id },
    options: { throwIfKeyNotFound: true },
  })
  const ids = transform({ input }, ({ input }) => [input.rule_id])
  softDeletePriceRulesStep(ids)
  return new WorkflowResponse({ id: input.rule_id })
})
