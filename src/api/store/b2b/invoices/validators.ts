import { z } from "@medusajs/framework/zod"
import { INVOICE_STATUSES, type InvoiceStatus } from "../../../../modules/invoicing/models/invoice"
import type InvoicingModuleService from "../../../../modules/invoicing/service"
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
    /** One company of those the caller sees (their own or, for admin and finance, a subsidiary). */
    company_id: z.string().min(1).optional(),
    ...listParams({ defaultLimit: 20, maxLimit: 100 }),
  })
  .strict()
export type StoreListInvoicesType = z.infer<typeof StoreListInvoices>

/** A filter of the invoicing module's invoice lists. */
export type InvoiceFilters = NonNullable<Parameters<InvoicingModuleService["listInvoices"]>[0]>

/** Builds the list filter; "overdue" means open and past due. */
export function invoiceStatusFilter(statuses: (InvoiceStatus | "overdue")[] | undefined): InvoiceFilters {
  if (!statuses?.length) return {}
  const plain = statuses.filter((s): s is InvoiceStatus => s !== "overdue")
  if (!statuses.includes("overdue")) return { status: plain }
  const overdue = { status: "open", overdue_at: { $ne: null } }
  return plain.length ? { $or: [{ status: plain }, overdue] } : overdue
}
