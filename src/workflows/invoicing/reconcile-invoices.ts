import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reconcileInvoicesStep, ReconcileInvoicesStepInput } from "./steps/reconcile-invoices"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"

export type ReconcileInvoicesWorkflowInput = ReconcileInvoicesStepInput

/**
 * Compares our invoices with Stripe's, repairs what is safe (unfinished
 * issuing, missed state changes, Medusa payments out of step), reports the
 * rest, and records the hub events of the repairs. Run by the
 * invoices-reconcile job and POST /admin/invoices/reconcile.
 *
 * @example
 * const { result } = await reconcileInvoicesWorkflow(container).run({ input: {} })
 * result.drift // what needs a person
 */
export const reconcileInvoicesWorkflow = createWorkflow(
  "reconcile-invoices-workflow",
  (input: ReconcileInvoicesWorkflowInput) => {
    const outcome = reconcileInvoicesStep(input)
    recordHubEventsStep(transform({ outcome }, ({ outcome }) => outcome.events))
    return new WorkflowResponse(transform({ outcome }, ({ outcome }) => outcome.report))
  }
)
