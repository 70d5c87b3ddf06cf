import { z } from "@medusajs/framework/zod"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"

/**
 * `POST /admin/draft-orders/:id/convert-to-order`. Medusa's route takes no
 * body; `payment_provider_id` is the hub's addition: the net-terms provider
 * places the order on the contract's terms (credit checked, payment
 * authorized, then invoiced like a store order). Omitted: Medusa's plain
 * conversion, unpaid.
 */
export const AdminConvertDraftOrder = z
  .object({
    payment_provider_id: z
      .literal(NET_TERMS_PROVIDER_ID, {
        error: () => `only ${NET_TERMS_PROVIDER_ID} can pay a draft order at conversion`,
      })
      .nullish(),
  })
  .strict()
export type AdminConvertDraftOrderType = z.infer<typeof AdminConvertDraftOrder>
