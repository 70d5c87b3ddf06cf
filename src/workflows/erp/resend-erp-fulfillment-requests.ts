import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  listPendingErpFulfillmentsStep,
  type ListPendingErpFulfillmentsStepInput,
} from "./steps/list-pending-erp-fulfillments"
import { sendErpFulfillmentRequestsStep } from "./steps/send-erp-fulfillment-requests"
import { updateFulfillmentsDataStep } from "./steps/update-fulfillments-data"

export type ResendErpFulfillmentRequestsWorkflowInput = ListPendingErpFulfillmentsStepInput

/**
 * Sends again the ERP fulfillment requests that could not be delivered when
 * the fulfillment was created (ERP down, order not synced yet), and records
 * each try in the fulfillment's `data.erp`. Requests older than a week are
 * left to an operator. Run by the `erp-fulfillment-requests` job.
 *
 * @example
 * const { result } = await resendErpFulfillmentRequestsWorkflow(container).run({ input: {} })
 * // result: { requested: 1, pending: 0 }
 */
export const resendErpFulfillmentRequestsWorkflow = createWorkflow(
  "resend-erp-fulfillment-requests-workflow",
  (input: ResendErpFulfillmentRequestsWorkflowInput) => {
    const pending = listPendingErpFulfillmentsStep(input)
    const sent = sendErpFulfillmentRequestsStep(pending)
    updateFulfillmentsDataStep(transform({ sent }, ({ sent }) => sent.updates))
    return new WorkflowResponse(
      transform({ sent }, ({ sent }) => ({ requested: sent.requested, pending: sent.pending }))
    )
  }
)
