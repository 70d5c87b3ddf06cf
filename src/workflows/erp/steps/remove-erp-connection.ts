import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"

export const removeErpConnectionStepId = "remove-erp-connection-step"

/**
 * Soft-deletes an ERP connection (404 when there is none). Compensation
 * restores it.
 */
export const removeErpConnectionStep = createStep(
  removeErpConnectionStepId,
  async (id: string, { container }) => {
    const erp = container.resolve<ErpModuleService>(ERP_MODULE)
    await erp.retrieveErpConnection(id)
    await erp.softDeleteErpConnections([id])
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<ErpModuleService>(ERP_MODULE).restoreErpConnections([id])
  }
)
