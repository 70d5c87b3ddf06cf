import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const validateErpSyncRetryStepId = "validate-erp-sync-retry-step"

export type ValidateErpSyncRetryStepInput = {
  /** The sync (the outbox delivery to an ERP connection). */
  id: string
}

/**
 * Refuses a retry the connection could not carry out: 404 for an unknown
 * sync, 400 (not allowed) when its connection was removed or is disabled.
 * Read-only, so nothing to compensate.
 */
export const validateErpSyncRetryStep = createStep(
  validateErpSyncRetryStepId,
  async ({ id }: ValidateErpSyncRetryStepInput, { container }) => {
    const sync = await container
      .resolve<OutboxModuleService>(OUTBOX_MODULE)
      .retrieveTargetDelivery("erp_connection", id)
    if (!sync) throw new MedusaError(MedusaError.Types.NOT_FOUND, `ERP sync ${id} was not found`)
    const [connection] = await container
      .resolve<ErpModuleService>(ERP_MODULE)
      .listErpConnections({ id: sync.target_id }, { select: ["id", "enabled"] })
    if (!connection)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `ERP sync ${id} belongs to a deleted connection`)
    if (!connection.enabled)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Connection ${sync.target_id} is disabled; enable it before retrying its syncs`
      )
    return new StepResponse(undefined)
  }
)
