import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markOverdueInvoicesStep, MarkOverdueInvoicesStepInput } from "./steps/mark-overdue-invoices"
import { recordHubEventsStep } from "../outbox/steps/record-hub-event"

export type MarkOverdueInvoicesWorkflowInput = MarkOverdueInvoicesStepInput

/**
 * Marks open invoices past their due date overdue and records
 * `invoice.overdue`. Run by the invoices-overdue job.
 *
 * @example
 * await markOverdueInvoicesWorkflow(container).run({ input: {} })
 */
export const markOverdueInvoicesWorkflow = createWorkflow(
  "mark-overdue-invoices-workflow",
  (input: MarkOverdueInvoicesWorkflowInput) => {
    const result = markOverdueInvoicesStep(input)
    recordHubEventsStep(transform({ result }, ({ result }) => result.events))
    return new WorkflowResponse(result)
  }
)
