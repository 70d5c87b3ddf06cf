import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { ApprovalRequestRow } from "../../../modules/b2b/lib/approval-document"
import { loadApprovalRequest } from "../utils/approval-events"

/**
 * Records the order an approved cart became. No compensation: it runs after
 * the order exists, and Medusa's completion of a completed cart returns that
 * same order, so a retry writes the same id.
 */
export const linkApprovalOrderStep = createStep(
  "link-approval-order",
  async (input: { request_id: string; order_id: string }, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    await b2b.updateApprovalRequests({ id: input.request_id, order_id: input.order_id })
    return new StepResponse<ApprovalRequestRow>(await loadApprovalRequest(container, input.request_id))
  }
)
