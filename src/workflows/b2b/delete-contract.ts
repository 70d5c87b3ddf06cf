import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { softDeleteContractsStep } from "./steps/soft-delete-contracts"
import { invalidateContractPricingStep } from "./steps/invalidate-contract-pricing"
import { syncContractPriceListsWorkflow } from "./sync-contract-price-lists"

export type DeleteContractWorkflowInput = { id: string }

/**
 * Deletes a contract and its rules (soft delete: invoices and orders keep
 * their contract_id); its Medusa price list goes too, and the company's
 * ancestors' lists are synced (the company may inherit again). Used by
 * `DELETE /admin/contracts/:id`.
 *
 * @example
 * await deleteContractWorkflow(container).run({ input: { id: "ctr_123" } })
 */
export const deleteContractWorkflow = createWorkflow(
  "delete-contract-workflow",
  (input: DeleteContractWorkflowInput) => {
    const { data: contracts } = useQueryGraphStep({
      entity: "contract",
      fields: ["id", "company_id"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })
    const ids = transform({ input }, ({ input }) => [input.id])
    const pricing = transform({ contracts }, ({ contracts }) => ({
      company_ids: [(contracts[0] as { company_id: string }).company_id],
    }))
    invalidateContractPricingStep(pricing).config({ name: "invalidate-contract-pricing-on-rollback" })
    softDeleteContractsStep(ids)
    invalidateContractPricingStep(pricing)
    const sync = transform({ contracts, input }, ({ contracts, input }) => ({
      contract_ids: [input.id],
      company_ids: [(contracts[0] as { company_id: string }).company_id],
    }))
    syncContractPriceListsWorkflow.runAsStep({ input: sync })
    return new WorkflowResponse({ id: input.id })
  }
)
