import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RuleInput } from "../../modules/b2b/lib/rule-input"
import { loadContractRuleStep } from "./steps/load-contract-rule"
import { updatePriceRuleStep } from "./steps/update-price-rule"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { validateContractRulesStep } from "./steps/validate-contract-rules"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"

export type UpdateContractRuleWorkflowInput = {
  contract_id: string
  rule_id: string
  /** The whole rule after the change; its type is the stored one. */
  rule: RuleInput
}

/**
 * Rewrites one rule of a contract (404 when the rule is not on that
 * contract), checked like new rules, then syncs the contract's Medusa
 * price list. Used by
 * `POST /admin/contracts/:id/rules/:rule_id`.
 *
 * @example
 * await updateContractRuleWorkflow(container).run({ input: { contract_id, rule_id, rule: { type: "fixed_price", variant_id, unit_price_minor: 990 } } })
 */
export const updateContractRuleWorkflow = createWorkflow(
  "update-contract-rule-workflow",
  (input: UpdateContractRuleWorkflowInput) => {
    const stored = loadContractRuleStep({ contract_id: input.contract_id, rule_id: input.rule_id })
    const check = transform({ stored, input }, ({ stored, input }) => ({
      currency_code: stored.currency_code,
      rules: [input.rule],
      field_prefix: null,
    }))
    validateContractRulesStep(check)
    const pricing = transform({ input }, ({ input }) => ({ contract_ids: [input.contract_id] }))
    invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
    const rule = updatePriceRuleStep({ id: input.rule_id, rule: input.rule })
    invalidateContractPricingStep(pricing)
    const sync = transform({ input }, ({ input }) => ({ contract_ids: [input.contract_id] }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
    return new WorkflowResponse(rule)
  }
)
