import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { previewContractPrices } from "../../../../../workflows/b2b/utils/preview-contract-prices"
import type { AdminPreviewContractPricesType } from "../../validators"

/**
 * POST /admin/contracts/:id/preview `{ items: [{ variant_id, quantity }] }`:
 * each line's unit price under this contract's rules, Medusa's catalogue
 * price, the rule that priced it and the explanation a cart line carries.
 * Reads only. 400 naming `items[i].<field>` for a line that cannot be priced.
 */
export async function POST(req: MedusaRequest<AdminPreviewContractPricesType>, res: MedusaResponse) {
  const preview = await previewContractPrices(req.scope, { contract_id: req.params.id, items: req.validatedBody.items })
  res.json({ preview })
}
