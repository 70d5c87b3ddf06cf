import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { applyContractPricesToCart } from "../b2b/utils/apply-contract-prices"

// createCartWorkflow prices its initial items without refreshCartItems, so the
// contract is applied here too.
createCartWorkflow.hooks.cartCreated(async ({ cart }, { container }) => {
  await applyContractPricesToCart(container, cart.id)
})
