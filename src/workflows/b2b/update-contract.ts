import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { updateContractStep, type UpdateContractStepInput } from "./steps/update-contract"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { validateContractWindowStep } from "./steps/validate-contract-window"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"
import { contractLockKey, LOCK_TIMEOUT_SECONDS, LOCK_TTL_SECONDS } from "../../modules/b2b/lib/contract-lock"

export type UpdateContractWorkflowInput = UpdateContractStepInput

/** The contract as read before the change: its window and what scopes the lock. */
type CurrentContract = {
  id: string
  company_id: string
  currency_code: string
  valid_from: Date | string
  valid_to: Date | string | null
  status: "active" | "terminated"
}

/**
 * Changes a contract's terms (reference, validity, payment terms, credit
 * limit, status). The new validity is checked against the company's other
 * active contracts in the currency under the same lock as creation, then
 * its Medusa price list and its company's ancestors' are synced (status and
 * validity decide who inherits what). Used by
 * `POST /admin/contracts/:id`.
 *
 * @example
 * await updateContractWorkflow(container).run({ input: { id: "ctr_123", update: { credit_limit_minor: 1000000 } } })
 */
export const updateContractWorkflow = createWorkflow(
  "update-contract-workflow",
  (input: UpdateContractWorkflowInput) => {
    const { data: contracts } = useQueryGraphStep({
      entity: "contract",
      fields: ["id", "company_id", "currency_code", "valid_from", "valid_to", "status"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const lockKey = transform({ contracts }, ({ contracts }) => {
      const current = contracts[0] as CurrentContract
      return contractLockKey(current.company_id, current.currency_code)
    })
    const window = transform({ contracts, input }, ({ contracts, input }) => {
      const current = contracts[0] as CurrentContract
      return {
        id: current.id,
        company_id: current.company_id,
        currency_code: current.currency_code,
        valid_from: input.update.valid_from ?? current.valid_from,
        valid_to: input.update.valid_to !== undefined ? input.update.valid_to : current.valid_to,
        status: input.update.status ?? current.status,
      }
    })
    acquireLockStep({ key: lockKey, timeout: LOCK_TIMEOUT_SECONDS, ttl: LOCK_TTL_SECONDS })
    validateContractWindowStep(window)
    const pricing = transform({ window }, ({ window }) => ({ company_ids: [window.company_id] }))
    invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
    const contract = updateContractStep(input)
    invalidateContractPricingStep(pricing)
    releaseLockStep({ key: lockKey })
    const sync = transform({ window }, ({ window }) => ({
      contract_ids: [window.id],
      company_ids: [window.company_id],
    }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
    return new WorkflowResponse(contract)
  }
)
