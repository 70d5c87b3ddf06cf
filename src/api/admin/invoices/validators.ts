import { z } from "@medusajs/framework/zod"
import { statusFilter } from "../../store/b2b/invoices/validators"
import { isoDate } from "../../utils/zod-fields"

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

/** GET /admin/invoices/drift: drift_only scans every order placed in [since, until). */
export const AdminMoneyDrift = z
  .object({
    order_id: z.string().min(1).optional(),
    since: isoDate().optional(),
    until: isoDate().optional(),
    drift_only: z
      .enum(["true", "false"], { error: "must be true or false" })
      .transform((v) => v === "true")
      .default(false),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminMoneyDriftType = z.infer<typeof AdminMoneyDrift>
