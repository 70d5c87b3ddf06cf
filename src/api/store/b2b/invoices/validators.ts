import { z } from "@medusajs/framework/zod"
import { INVOICE_STATUSES } from "../../../../modules/invoicing/models/invoice"
import { listParams } from "../../../utils/list-params"

/** `status=open,paid` or `status=open&status=paid`. */
export const statusFilter = () =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum([...INVOICE_STATUSES, "overdue"])))

export const StoreListInvoices = z
  .object({
    status: statusFilter().optional(),
    ...listParams({ defaultLimit: 20, maxLimit: 100 }),
  })
  .strict()
export type StoreListInvoicesType = z.infer<typeof StoreListInvoices>

/** Builds the list filter; "overdue" means open and past due. */
export function invoiceStatusFilter(statuses: string[] | undefined): Record<string, unknown> {
  if (!statuses?.length) return {}
  const plain = statuses.filter((s) => s !== "overdue")
  if (!statuses.includes("overdue")) return { status: plain }
  const overdue = { status: "open", overdue_at: { $ne: null } }
  return plain.length ? { $or: [{ status: plain }, overdue] } : overdue
}
