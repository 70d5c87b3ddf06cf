import { z } from "@medusajs/framework/zod"
import { statusFilter } from "../../store/b2b/invoices/validators"

export const AdminListInvoices = z
  .object({
    company_id: z.string().min(1).optional(),
    order_id: z.string().min(1).optional(),
    status: statusFilter().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListInvoicesType = z.infer<typeof AdminListInvoices>

export const AdminReconcileInvoices = z
  .object({
    invoice_ids: z.array(z.string().min(1)).max(500).optional(),
    force: z.boolean().optional(),
  })
  .strict()
export type AdminReconcileInvoicesType = z.infer<typeof AdminReconcileInvoices>
