import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"

export const issuePullClientStepId = "issue-pull-client-step"

export type IssuePullClientStepInput = {
  /** Shown to staff only. */
  name: string
  /** Granted OAuth scopes (`orders:read`, `orders:ack`, `fulfillments:write`). */
  scopes: string[]
  /** Sales channels whose orders the client sees; `["*"]` for all. */
  sales_channel_ids: string[]
  /** When not empty, only these buyer companies' orders. */
  company_ids: string[]
}

/**
 * Creates the pull client with fresh credentials; the plain secret is in the
 * result only (a scrypt hash is stored). Compensation deletes the client:
 * its secret was never handed out.
 */
export const issuePullClientStep = createStep(
  issuePullClientStepId,
  async (input: IssuePullClientStepInput, { container }) => {
    const erp = container.resolve<ErpModuleService>(ERP_MODULE)
    const issued = await erp.issuePullClient(input)
    return new StepResponse(issued, issued.pull_client.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<ErpModuleService>(ERP_MODULE).deleteErpPullClients(id)
  }
)
