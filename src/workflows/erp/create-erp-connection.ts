import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createErpConnectionStep, type CreateErpConnectionStepInput } from "./steps/create-erp-connection"
import { validateErpConnectorStep } from "./steps/validate-erp-connector"

export type CreateErpConnectionWorkflowInput = CreateErpConnectionStepInput

/**
 * Creates an ERP connection after checking its settings and credentials by
 * building its connector (400 naming what is missing). Credentials are
 * sealed at rest by the ERP module. Used by `POST /admin/erp/connections`.
 *
 * @example
 * const { result } = await createErpConnectionWorkflow(container).run({
 *   input: { name: "NetSuite", kind: "netsuite", settings: { accountId: "…" }, credentials: { … } },
 * })
 */
export const createErpConnectionWorkflow = createWorkflow(
  "create-erp-connection-workflow",
  (input: CreateErpConnectionWorkflowInput) => {
    validateErpConnectorStep(input)
    return new WorkflowResponse(createErpConnectionStep(input))
  }
)
