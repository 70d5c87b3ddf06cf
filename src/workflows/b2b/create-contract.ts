import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createContractStep, type CreateContractStepInput } from "./steps/create-contract"
import { createPriceRulesStep } from "./steps/create-price-rules"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { validateContractRulesStep } from "./steps/validate-contract-rules"
import { validateContractWindowStep } from "./steps/validate-contract-window"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"
import { contractLockKey, LOCK_TIMEOUT_SECONDS, LOCK_TTL_SECONDS } from "../../modules/b2b/lib/contract-lock"

export type CreateContractWorkflowInput = CreateContractStepInput

/**
 * Creates a contract with its price rules. Rules are checked as pricing will
 * read them (400 naming e.g. `rules[2].tiers[0].min_quantity`), and an active
 * contract may not overlap another of the same company and currency (400
 * `valid_from`); the overlap check and the write run under a
 * company+currency lock. Ends by syncing the contract's Medusa price list
 * (and those of the company's ancestors, whose contracts the company no
 * longer inherits once it has its own). Used by `POST /admin/contracts`.
 *
 * @example
 * await createContractWorkflow(container).run({ input: {
 *   company_id, currency_code: "usd", valid_from: new Date(), payment_terms: "net_30", credit_limit_minor: 500000,
 *   rules: [{ type: "fixed_price", variant_id, unit_price_minor: 1000 }],
 * } })
 */
export const createContractWorkflow = createWorkflow(
  "create-contract-workflow",
  (input: CreateContractWorkflowInput) => {
    const rulesCheck = transform({ input }, ({ input }) => ({
      currency_code: input.currency_code,
      rules: input.rules ?? [],
      field_prefix: "rules" as const,
    }))
    validateContractRulesStep(rulesCheck)
    const lockKey = transform({ input }, ({ input }) => contractLockKey(input.company_id, input.currency_code))
    acquireLockStep({ key: lockKey, timeout: LOCK_TIMEOUT_SECONDS, ttl: LOCK_TTL_SECONDS })
    const window = transform({ input }, ({ input }) => ({
      company_id: input.company_id,
      currency_code: input.currency_code,
      valid_from: input.valid_from,
      valid_to: input.valid_to ?? null,
      status: input.status ?? ("active" as const),
    }))
    validateContractWindowStep(window)
    const pricing = transform({ input }, ({ input }) => ({ company_ids: [input.company_id] }))
    invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
    const contract = createContractStep(input)
    const rules = transform({ contract, input }, ({ contract, input }) => ({
      contract_id: contract.id,
      rules: input.rules ?? [],
    }))
    createPriceRulesStep(rules)
    invalidateContractPricingStep(pricing)
    releaseLockStep({ key: lockKey })
    const sync = transform({ contract, input }, ({ contract, input }) => ({
      contract_ids: [contract.id],
      company_ids: [input.company_id],
    }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
    return new WorkflowResponse(contract)
  }
)
