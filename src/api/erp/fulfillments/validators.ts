import { z } from "@medusajs/framework/zod"
import { quantity } from "../../utils/zod-fields"

/** A shipment as a WMS/ERP reports it (POST /erp/fulfillments). */
export const ErpReportShipment = z
  .object({
    /** The ERP's id of the shipment: reporting it again is a no-op. */
    shipment_id: z.string().min(1).max(200),
    order_id: z.string().min(1),
    /** Our fulfillment id (the fulfillment request's id); default: the order's oldest open ERP fulfillment covering `lines`. */
    fulfillment_id: z.string().min(1).optional(),
    tracking_numbers: z.array(z.string().min(1).max(200)).min(1).max(50),
    carrier: z.string().max(100).optional(),
    shipped_at: z.string().datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
    lines: z
      .array(z.object({ sku: z.string().min(1), quantity: quantity(), line_id: z.string().min(1).optional() }).strict())
      .max(1000)
      .default([]),
  })
  .strict()
export type ErpReportShipmentType = z.infer<typeof ErpReportShipment>
