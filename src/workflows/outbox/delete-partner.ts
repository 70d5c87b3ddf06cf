import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelEndpointDeliveriesStep } from "./steps/cancel-endpoint-deliveries"
import { removePartnerStep } from "./steps/remove-partner"
import { softDeletePartnerEndpointsStep } from "./steps/soft-delete-partner-endpoints"

export type DeletePartnerWorkflowInput = { id: string }

/**
 * Deletes a partner: its credentials are revoked, its endpoints deleted and
 * their pending deliveries canceled (the delivery log keeps them). Used by
 * `DELETE /admin/webhooks/partners/:id`.
 *
 * @example
 * await deletePartnerWorkflow(container).run({ input: { id: "ptn_…" } })
 */
export const deletePartnerWorkflow = createWorkflow("delete-partner-workflow", (input: DeletePartnerWorkflowInput) => {
  const id = removePartnerStep(input.id)
  const endpointIds = softDeletePartnerEndpointsStep(id)
  const canceled = cancelEndpointDeliveriesStep(endpointIds)
  return new WorkflowResponse({ id, endpoint_ids: endpointIds, canceled_delivery_ids: canceled })
})
