import { MedusaError } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { OrderDocument } from "../../lib/orders/order-document"
import { recordHubEventStep, type RecordHubEventStepInput } from "../outbox/steps/record-hub-event"
import { loadOrderDocumentStep } from "./steps/load-order-document"
import { upsertOrderFeedStep } from "./steps/upsert-order-feed"

export type RecordOrderReturnWorkflowInput = { order_id: string; return_id: string }

/** The `order.returned` event of one received state of a return. */
function orderReturnedEvent(input: RecordOrderReturnWorkflowInput, document: OrderDocument): RecordHubEventStepInput {
  const ret = (document.returns ?? []).find((r) => r.id === input.return_id)
  if (!ret)
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${input.order_id} has no received units of return ${input.return_id}`
    )
  const units = ret.lines.reduce((sum, l) => sum + l.quantity, 0)
  return {
    type: "order.returned",
    resource_type: "order",
    resource_id: input.order_id,
    // A redelivered Medusa event finds the same event; receiving more of a partly
    // received return is a new fact (more units, a larger credit).
    dedupe_key: `order.returned:${ret.id}:${units}`,
    data: { order: document, return: ret },
  }
}

/**
 * Records a received return as `order.returned`, with the order document
 * (published to the ERP pull feed first, like every order fact) and the
 * return's own document. Its deliveries take it to every enabled ERP
 * connection — the ERP's credit memo keyed by the return id where it has one,
 * else the updated order — and to subscribed partners. Idempotent: both
 * steps are (an older document never replaces a newer one; the event is
 * deduplicated by return and units received).
 *
 * @example
 * await recordOrderReturnWorkflow(container).run({ input: { order_id, return_id } })
 */
export const recordOrderReturnWorkflow = createWorkflow(
  "record-order-return-workflow",
  (input: RecordOrderReturnWorkflowInput) => {
    const document = loadOrderDocumentStep({ order_id: input.order_id })
    upsertOrderFeedStep(document)
    const recorded = recordHubEventStep(
      transform({ input, document }, ({ input, document }) => orderReturnedEvent(input, document))
    )
    return new WorkflowResponse(recorded)
  }
)
