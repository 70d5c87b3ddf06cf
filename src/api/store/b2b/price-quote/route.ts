import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { quoteContractPrices } from "../../../../workflows/b2b/utils/quote-contract-prices"
import type { StorePriceQuoteType } from "../validators"

/**
 * POST /store/b2b/price-quote `{ currency_code?, region_id?, items: [{ variant_id, quantity }] }`:
 * what each line would cost me in a cart now, with the rule that prices it
 * and why. Quantity rules (MOQ, increments) are enforced: 400 naming `items[i].quantity`.
 */
export async function POST(req: AuthenticatedMedusaRequest<StorePriceQuoteType>, res: MedusaResponse) {
  const quote = await quoteContractPrices(req.scope, { customer_id: req.auth_context.actor_id, ...req.validatedBody })
  res.json({ quote })
}
