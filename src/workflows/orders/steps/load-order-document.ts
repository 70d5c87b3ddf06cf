import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import {
  ORDER_FIELDS_FOR_DOCUMENT,
  OrderDocument,
  OrderForDocument,
  toOrderDocument,
} from "../../../lib/orders/order-document"
import { RETURN_FIELDS_FOR_DOCUMENT, type ReturnForDocument } from "../../../lib/orders/return-document"

export const loadOrderDocumentStepId = "load-order-document-step"

export type LoadOrderDocumentStepInput = { order_id: string }

/** Reads an order (with its received returns) and turns it into the versioned hub document. */
export const loadOrderDocumentStep = createStep(
  loadOrderDocumentStepId,
  async ({ order_id }: LoadOrderDocumentStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ORDER_FIELDS_FOR_DOCUMENT,
      filters: { id: order_id },
    })
    const order = data[0] as OrderForDocument | undefined
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${order_id} not found`)
    const companyId = order.metadata?.company_id as string | undefined
    const company = companyId
      ? await container
          .resolve<B2bModuleService>(B2B_MODULE)
          .retrieveCompany(companyId)
          .then((c) => ({
            id: c.id,
            name: c.name,
            erp_account_number: c.erp_account_number ?? null,
            billing_email: c.billing_email ?? null,
          }))
          .catch(() => null)
      : null
    // Only an order Medusa has taken returned units off has returns worth reading.
    const returned = (order.items ?? []).some(
      (i) => count(i.detail?.return_received_quantity) + count(i.detail?.return_dismissed_quantity) > 0
    )
    const returns = returned
      ? ((await query.graph({ entity: "return", fields: RETURN_FIELDS_FOR_DOCUMENT, filters: { order_id } }))
          .data as ReturnForDocument[])
      : []
    return new StepResponse<OrderDocument>(toOrderDocument(order, company, returns))
  }
)

/** A Medusa quantity (number, numeric string or `{ value }` record); 0 when absent. */
function count(value: unknown): number {
  const raw =
    value !== null && typeof value === "object" && "value" in value ? (value as { value: unknown }).value : value
  return Number(raw ?? 0) || 0
}
