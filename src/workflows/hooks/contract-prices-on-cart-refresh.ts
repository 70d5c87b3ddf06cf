import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { applyContractPricesToCart } from "../b2b/apply-contract-prices"

// Every cart mutation of the store API (add item, update quantity, remove,
// change customer or region, add shipping) ends in refreshCartItemsWorkflow:
// re-price by contract there, before the payment collection is refreshed, so
// the amount a payment session sees is the contract total.
refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection(async ({ input }, { container }) => {
  await applyContractPricesToCart(container, input.cart_id)
})
