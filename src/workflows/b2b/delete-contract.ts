import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { softDeleteContractsStep } from "./steps/soft-delete-contracts"

export type DeleteContractWorkflowInput = { id: string }

/**
 * Deletes a contract and its rules (soft delete: invoices and orders keep
 * their contract_id). Used by `DELETE /admin/contracts/:id`.
 *
 * @example
 * await deleteContractWorkflow(container).run({ input: { id: "ctr_123" } })
 */
export const deleteContractWorkflow = createWorkflow("delete-contract-workflow", (input: DeleteContractWorkflowInput) => {
  useQueryGraphStep({ entity: "contract", fields: ["id"], filters: { id: input.id }, options: { throwIfKeyNotFound: true } })
  const ids = transform({ input }, ({ input }) => [input.id])
  softDeleteContractsStep(ids)
  return new WorkflowResponse({ id: input.id })
})
