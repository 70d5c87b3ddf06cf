import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueErpSyncsStep } from "./steps/enqueue-erp-syncs"
import { rescheduleErpSyncStep } from "./steps/reschedule-erp-sync"
import { validateErpSyncRetryStep } from "./steps/validate-erp-sync-retry"

export type RetryErpSyncWorkflowInput = {
  /** The sync (the outbox delivery to an ERP connection). */
  id: string
}

/**
 * An operator's retry of an ERP sync: the order's latest state is sent to
 * that connection again now, with a fresh retry schedule. The connection
 * must still exist and be enabled. Returns whether the sync was made due
 * (false while a worker holds it). Used by `POST /admin/erp/syncs/:id/retry`.
 *
 * @example
 * await retryErpSyncWorkflow(container).run({ input: { id: "dlv_…" } })
 */
export const retryErpSyncWorkflow = createWorkflow("retry-erp-sync-workflow", (input: RetryErpSyncWorkflowInput) => {
  validateErpSyncRetryStep(input)
  const rescheduled = rescheduleErpSyncStep(input)
  when("enqueue-retried-erp-sync", { rescheduled }, ({ rescheduled }) => rescheduled).then(() =>
    enqueueErpSyncsStep(transform({ input }, ({ input }) => [input.id]))
  )
  return new WorkflowResponse({ rescheduled })
})
