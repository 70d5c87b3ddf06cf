import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { applyContractPricesToCart } from "../b2b/utils/apply-contract-prices"

// Every cart mutation of the store API (add item, update quantity, remove,
// change customer or region, add shipping) runs refreshCartItemsWorkflow.
// Its first hook runs before shipping, taxes and promotions are worked out:
// merge a variant's lines and re-price them by contract there, so the
// promotions, taxes and payment amount Medusa then computes are on contract
// prices. Contract-priced lines carry a custom price, which Medusa's own
// re-pricing (force_refresh) keeps. No pricing context of our own to add.
refreshCartItemsWorkflow.hooks.setPricingContext(async ({ cart_id }, { container }) => {
  await applyContractPricesToCart(container, cart_id)
  return new StepResponse({})
})
