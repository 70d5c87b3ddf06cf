import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import type { RuleInput } from "../../modules/b2b/lib/rule-input"
import { createPriceRulesStep } from "./steps/create-price-rules"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { validateContractRulesStep } from "./steps/validate-contract-rules"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"

export type AddContractRulesWorkflowInput = { contract_id: string; rules: RuleInput[] }

/**
 * Adds one or more price rules to a contract, checked in the contract's
 * currency (400 naming e.g. `rules[1].percentage`), then syncs the
 * contract's Medusa price list. Used by
 * `POST /admin/contracts/:id/rules`.
 *
 * @example
 * await addContractRulesWorkflow(container).run({ input: { contract_id, rules: [{ type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "5" }] } })
 */
export const addContractRulesWorkflow = createWorkflow(
  "add-contract-rules-workflow",
  (input: AddContractRulesWorkflowInput) => {
    const { data: contracts } = useQueryGraphStep({
      entity: "contract",
      fields: ["id", "currency_code"],
      filters: { id: input.contract_id },
      options: { throwIfKeyNotFound: true },
    })
    const check = transform({ contracts, input }, ({ contracts, input }) => ({
      currency_code: (contracts[0] as { currency_code: string }).currency_code,
      rules: input.rules,
      field_prefix: "rules" as const,
    }))
    validateContractRulesStep(check)
    const pricing = transform({ input }, ({ input }) => ({ contract_ids: [input.contract_id] }))
    invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
    const rules = createPriceRulesStep({ contract_id: input.contract_id, rules: input.rules })
    invalidateContractPricingStep(pricing)
    const sync = transform({ input }, ({ input }) => ({ contract_ids: [input.contract_id] }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
    return new WorkflowResponse(rules)
  }
)
