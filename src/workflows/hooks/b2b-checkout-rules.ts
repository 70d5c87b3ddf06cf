import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { validateB2bCheckout, type CheckoutCreditHold } from "../b2b/utils/validate-checkout"
import { releaseCreditHolds } from "../b2b/utils/release-credit-holds"

// Roles, spending limits and net-terms credit are checked before Medusa creates
// the order or authorizes the payment session; a net-terms order's total is
// reserved on the company's credit here, under the credit lock.
completeCartWorkflow.hooks.validate(
  async ({ cart }, { container }) => {
    const hold = await validateB2bCheckout(container, cart.id)
    return new StepResponse(undefined, hold ?? undefined)
  },
  // Completion failed after the check (order creation, inventory, payment
  // authorization…): Medusa has undone the order, so its hold must not keep
  // blocking the company's credit.
  async (hold: CheckoutCreditHold | undefined, { container }) => {
    if (!hold?.hold_id) return
    await releaseCreditHolds(container, { ids: [hold.hold_id] }, "checkout_failed")
  }
)
