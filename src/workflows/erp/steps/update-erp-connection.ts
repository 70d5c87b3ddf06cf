import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { ErpConnectionDTO, UpdateErpConnectionInput } from "../../../modules/erp/service"

export const updateErpConnectionStepId = "update-erp-connection-step"

export type UpdateErpConnectionStepInput = UpdateErpConnectionInput & {
  /** The connection to change (404 when there is none). */
  id: string
}

/** The stored values a change overwrites (credentials as sealed), to put back. */
type ConnectionBefore = Partial<ErpConnectionDTO> & { id: string }

/**
 * Changes the connection; new credentials are sealed by the ERP module.
 * Compensation writes back the values it overwrote, the sealed credentials
 * included.
 */
export const updateErpConnectionStep = createStep(
  updateErpConnectionStepId,
  async ({ id, ...changes }: UpdateErpConnectionStepInput, { container }) => {
    const erp = container.resolve<ErpModuleService>(ERP_MODULE)
    const before = await erp.retrieveErpConnection(id)
    const updated = await erp.updateConnection(id, changes)
    return new StepResponse(updated, overwritten(before, changes))
  },
  async (before, { container }) => {
    if (!before) return
    await container.resolve<ErpModuleService>(ERP_MODULE).updateErpConnections(before)
  }
)

function overwritten(before: ErpConnectionDTO, changes: UpdateErpConnectionInput): ConnectionBefore {
  const { credentials, ...rest } = changes
  const keys = Object.keys(rest) as (keyof typeof rest)[]
  return {
    id: before.id,
    ...Object.fromEntries(keys.map((key) => [key, before[key]])),
    ...(credentials !== undefined ? { credentials_encrypted: before.credentials_encrypted } : {}),
  }
}
