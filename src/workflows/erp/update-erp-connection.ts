import { createWorkflow, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateErpConnectionStep, type UpdateErpConnectionStepInput } from "./steps/update-erp-connection"
import { validateErpConnectorStep } from "./steps/validate-erp-connector"

export type UpdateErpConnectionWorkflowInput = UpdateErpConnectionStepInput

/**
 * Changes an ERP connection. `settings` replaces the stored settings;
 * `credentials` replaces the stored ones (`null` removes them). When either
 * changes, the connector is built with the result first (400 naming what is
 * missing). The next sync uses the new values. Used by
 * `POST /admin/erp/connections/:id`.
 *
 * @example
 * await updateErpConnectionWorkflow(container).run({ input: { id: "erpc_…", enabled: false } })
 */
export const updateErpConnectionWorkflow = createWorkflow(
  "update-erp-connection-workflow",
  (input: UpdateErpConnectionWorkflowInput) => {
    when(
      "validate-changed-erp-connector",
      input,
      (changes) => changes.settings !== undefined || changes.credentials !== undefined
    ).then(() => validateErpConnectorStep(input))
    return new WorkflowResponse(updateErpConnectionStep(input))
  }
)
