import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { validateB2bCheckout } from "../b2b/validate-checkout"

// Roles, spending limits and net-terms credit are checked before Medusa creates
// the order or authorizes the payment session.
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  await validateB2bCheckout(container, cart.id)
})
