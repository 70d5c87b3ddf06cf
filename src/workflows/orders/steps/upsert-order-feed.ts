import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import type { OrderDocument } from "../../../lib/orders/order-document"

export const upsertOrderFeedStepId = "upsert-order-feed-step"

/**
 * Publishes the order's latest document to the ERP pull feed. Idempotent (an
 * older document never replaces a newer one), so it needs no compensation.
 */
export const upsertOrderFeedStep = createStep(upsertOrderFeedStepId, async (document: OrderDocument, { container }) => {
  await container.resolve<ErpModuleService>(ERP_MODULE).upsertOrderDocument(document)
  return new StepResponse(undefined)
})
