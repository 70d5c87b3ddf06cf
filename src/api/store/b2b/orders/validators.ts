import { z } from "@medusajs/framework/zod"
import { listParams } from "../../../utils/list-params"

export const StoreListCompanyOrders = z
  .object({
    /** One company of those the caller sees (their own or, for admin and finance, a subsidiary). */
    company_id: z.string().min(1).optional(),
    ...listParams({ defaultLimit: 20, maxLimit: 100 }),
  })
  .strict()
export type StoreListCompanyOrdersType = z.infer<typeof StoreListCompanyOrders>
