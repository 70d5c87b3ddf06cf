import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadOrderDocumentStep } from "./steps/load-order-document"
import { recordHubEventStep } from "../hub/steps/record-hub-event"

export type RecordOrderEventWorkflowInput = {
  order_id: string
  /** order.placed, order.updated, order.canceled, ... */
  type: string
  /** Distinguishes repeated facts of one type (e.g. each update); omitted for once-only facts. */
  occurrence?: string
}

/**
 * Records an order fact in the outbox with the order document as payload; the
 * deliveries it creates carry it to ERP connections and partners.
 *
 * @example
 * await recordOrderEventWorkflow(container).run({ input: { order_id, type: "order.placed" } })
 */
export const recordOrderEventWorkflow = createWorkflow(
  "record-order-event-workflow",
  (input: RecordOrderEventWorkflowInput) => {
    const document = loadOrderDocumentStep({ order_id: input.order_id })
    const event = transform({ input, document }, ({ input, document }) => ({
      type: input.type,
      resource_type: "order",
      resource_id: input.order_id,
      dedupe_key: `${input.type}:${input.order_id}${input.occurrence ? `:${input.occurrence}` : ""}`,
      data: { order: document },
    }))
    const recorded = recordHubEventStep(event)
    return new WorkflowResponse(recorded)
  }
)
