import type { HubEventType } from "../../modules/outbox/catalogue"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadOrderDocumentStep } from "./steps/load-order-document"
import { recordHubEventStep } from "../outbox/steps/record-hub-event"
import { upsertOrderFeedStep } from "./steps/upsert-order-feed"

export type RecordOrderEventWorkflowInput = {
  order_id: string
  /** order.placed, order.updated, order.canceled, ... */
  type: HubEventType
  /** Distinguishes repeated facts of one type (e.g. each update); omitted for once-only facts. */
  occurrence?: string
  /** For order.fulfillment_created and order.shipped: the fulfillment the fact is about (also in the payload). */
  fulfillment_id?: string
}

/**
 * Records an order fact in the outbox with the order document as payload (the
 * deliveries it creates carry it to ERP connections and partners) and
 * publishes the document to the ERP pull feed.
 *
 * @example
 * await recordOrderEventWorkflow(container).run({ input: { order_id, type: "order.placed" } })
 */
export const recordOrderEventWorkflow = createWorkflow(
  "record-order-event-workflow",
  (input: RecordOrderEventWorkflowInput) => {
    const document = loadOrderDocumentStep({ order_id: input.order_id })
    upsertOrderFeedStep(document)
    const event = transform({ input, document }, ({ input, document }) => ({
      type: input.type,
      resource_type: "order",
      resource_id: input.order_id,
      // Repeated facts need a distinguishing part: updates are keyed by the
      // version they produced, so a redelivered Medusa event is a no-op.
      dedupe_key: [
        input.type,
        input.order_id,
        input.occurrence ?? input.fulfillment_id ?? (input.type === "order.updated" ? document.updated_at : ""),
      ]
        .filter(Boolean)
        .join(":"),
      data: input.fulfillment_id ? { order: document, fulfillment_id: input.fulfillment_id } : { order: document },
    }))
    const recorded = recordHubEventStep(event)
    return new WorkflowResponse(recorded)
  }
)
