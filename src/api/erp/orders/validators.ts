import { z } from "@medusajs/framework/zod"
import { limitParam } from "../../utils/list-params"

export const ErpListOrders = z
  .object({
    updated_since: z.string().datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
    cursor: z.string().max(512).optional(),
    limit: limitParam({ default: 100, max: 500 }),
  })
  .strict()
export type ErpListOrdersType = z.infer<typeof ErpListOrders>

export const ErpAckOrder = z.object({ erp_id: z.string().min(1).max(200) }).strict()
export type ErpAckOrderType = z.infer<typeof ErpAckOrder>
