import { z } from "@medusajs/framework/zod"
import { statusFilter } from "../../store/b2b/invoices/validators"
import { isoDate } from "../../utils/zod-fields"
import { listParams } from "../../utils/list-params"

export const AdminListInvoices = z
  .object({
    company_id: z.string().min(1).optional(),
    order_id: z.string().min(1).optional(),
    status: statusFilter().optional(),
    ...listParams({ defaultLimit: 50, maxLimit: 200 }),
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
    ...listParams({ defaultLimit: 50, maxLimit: 500 }),
  })
  .strict()
export type AdminMoneyDriftType = z.infer<typeof AdminMoneyDrift>
