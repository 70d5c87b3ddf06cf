import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { releaseCreditHolds } from "../utils/release-credit-holds"
import { orderHoldReference } from "../../../modules/b2b/lib/order-credit-hold"

export const releaseOrderCreditHoldsStepId = "release-order-credit-holds-step"

export type ReleaseOrderCreditHoldsStepInput = {
  order_id: string
  /** True when the order's invoice record exists (its amount_due now counts); false when the order gets no invoice. */
  invoiced: boolean
}

/**
 * Releases the checkout hold of an order (or the hold of a draft order
 * converted on net terms, order-credit-hold.ts) once the issue-invoice workflow has
 * settled whether the order has an invoice record: either the invoice now
 * counts in the hold's place, or the order gets none (not on net terms,
 * canceled before issuing) and owes nothing on credit. Only checkout holds
 * (found through the order's cart, or `order:<order_id>`) are released; an order edit's hold is its
 * feature's to release. Runs on every issuing attempt; releasing is idempotent.
 *
 * No compensation: a later failure of the workflow (Stripe) keeps the invoice
 * record (prepareInvoiceStep has no compensation), which keeps counting, so
 * re-opening the hold would count the order twice.
 */
export const releaseOrderCreditHoldsStep = createStep(
  releaseOrderCreditHoldsStepId,
  async ({ order_id, invoiced }: ReleaseOrderCreditHoldsStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order_cart", fields: ["cart_id", "order_id"], filters: { order_id } })
    const cartIds = (data as { cart_id: string }[]).map((l) => l.cart_id)
    // The checkout's hold (by its cart), or a converted draft's (order:<id>).
    const released = await releaseCreditHolds(
      container,
      { cart_ids: cartIds, reference: orderHoldReference(order_id) },
      invoiced ? "invoiced" : "not_invoiced",
      { order_id }
    )
    return new StepResponse({ released })
  }
)
