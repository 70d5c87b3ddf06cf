import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const softDeleteContractsStepId = "soft-delete-contracts-step"

/**
 * Soft-deletes contracts and their rules (invoices and orders keep their
 * contract_id pointing at a real row); compensation restores them.
 */
export const softDeleteContractsStep = createStep(
  softDeleteContractsStepId,
  async (ids: string[], { container }) => {
    if (ids.length) await container.resolve<B2bModuleService>(B2B_MODULE).softDeleteContracts(ids)
    return new StepResponse(undefined, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<B2bModuleService>(B2B_MODULE).restoreContracts(ids)
  }
)
