import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"

export type AddQuoteShippingInput = {
  cart_id: string
  shipping: { shipping_option_id: string; name: string; amount: number } | null
}

/**
 * The quote's shipping on its cart at the quoted amount. Medusa's
 * add-shipping-method workflow would price the option itself, so the method
 * is added through the cart module; the cart is completed without a refresh
 * (which would re-price it). Compensation removes it.
 */
export const addQuoteShippingStep = createStep(
  "add-quote-shipping",
  async ({ cart_id, shipping }: AddQuoteShippingInput, { container }) => {
    if (!shipping) return new StepResponse(null, null)
    const carts = container.resolve(Modules.CART)
    const [method] = await carts.addShippingMethods([
      {
        cart_id,
        shipping_option_id: shipping.shipping_option_id,
        name: shipping.name,
        amount: shipping.amount,
        data: {},
      },
    ])
    return new StepResponse(method.id, method.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve(Modules.CART).softDeleteShippingMethods([id])
  }
)
