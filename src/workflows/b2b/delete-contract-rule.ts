import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadContractRuleStep } from "./steps/load-contract-rule"
import { softDeletePriceRulesStep } from "./steps/soft-delete-price-rules"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"

export type DeleteContractRuleWorkflowInput = { contract_id: string; rule_id: string }

/**
 * Removes one rule from a contract (404 when the rule is not on that
 * contract), then syncs the contract's Medusa price list. Used by
 * `DELETE /admin/contracts/:id/rules/:rule_id`.
 *
 * @example
 * await deleteContractRuleWorkflow(container).run({ input: { contract_id, rule_id } })
 */
export const deleteContractRuleWorkflow = createWorkflow(
  "delete-contract-rule-workflow",
  (input: DeleteContractRuleWorkflowInput) => {
    loadContractRuleStep({ contract_id: input.contract_id, rule_id: input.rule_id })
    const ids = transform({ input }, ({ input }) => [input.rule_id])
    const pricing = transform({ input }, ({ input }) => ({ contract_ids: [input.contract_id] }))
    invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
    softDeletePriceRulesStep(ids)
    invalidateContractPricingStep(pricing)
    const sync = transform({ input }, ({ input }) => ({ contract_ids: [input.contract_id] }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
    return new WorkflowResponse({ id: input.rule_id })
  }
)
