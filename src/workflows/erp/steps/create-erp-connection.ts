import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { CreateErpConnectionInput } from "../../../modules/erp/service"

export const createErpConnectionStepId = "create-erp-connection-step"

export type CreateErpConnectionStepInput = CreateErpConnectionInput

/**
 * Creates the connection; the ERP module seals its credentials and fills in
 * the defaults. Compensation deletes it: no sync has used it yet.
 */
export const createErpConnectionStep = createStep(
  createErpConnectionStepId,
  async (input: CreateErpConnectionStepInput, { container }) => {
    const connection = await container.resolve<ErpModuleService>(ERP_MODULE).createConnection(input)
    return new StepResponse(connection, connection.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<ErpModuleService>(ERP_MODULE).deleteErpConnections(id)
  }
)
