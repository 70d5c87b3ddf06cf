import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { ORDER_FIELDS_FOR_DOCUMENT, OrderDocument, toOrderDocument } from "../../../lib/orders/order-document"

export const loadOrderDocumentStepId = "load-order-document-step"

export type LoadOrderDocumentStepInput = { order_id: string }

/** Reads an order and turns it into the versioned hub document. */
export const loadOrderDocumentStep = createStep(
  loadOrderDocumentStepId,
  async ({ order_id }: LoadOrderDocumentStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS_FOR_DOCUMENT, filters: { id: order_id } })
    if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${order_id} not found`)
    return new StepResponse<OrderDocument>(toOrderDocument(data[0]))
  }
)
