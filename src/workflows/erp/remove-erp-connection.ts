import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelConnectionSyncsStep } from "./steps/cancel-connection-syncs"
import { removeErpConnectionStep } from "./steps/remove-erp-connection"

/**
 * Removes an ERP connection and cancels its pending syncs (the delivery log
 * stays). Used by `DELETE /admin/erp/connections/:id`.
 *
 * @example
 * await removeErpConnectionWorkflow(container).run({ input: { id: "erpconn_…" } })
 */
export const removeErpConnectionWorkflow = createWorkflow("remove-erp-connection-workflow", (input: { id: string }) => {
  const id = removeErpConnectionStep(input.id)
  const canceled = cancelConnectionSyncsStep(id)
  return new WorkflowResponse({ id, canceled_sync_ids: canceled })
})
