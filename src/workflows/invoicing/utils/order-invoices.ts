// Reads an order's invoices (all, or the live ones) for the invoicing steps.
import type { MedusaContainer } from "@medusajs/framework/types"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import type { InvoiceRecord } from "./invoice-state"

/**
 * An order's invoices, first to last (`sequence`). An order has one invoice
 * until it changes after placement: an edit while unpaid voids it and issues
 * a `reissue`; an increase after payment adds a `supplementary` invoice.
 */
export async function invoicesOfOrder(
  container: Pick<MedusaContainer, "resolve">,
  orderId: string
): Promise<InvoiceRecord[]> {
  const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const rows = await invoicing.listInvoices({ order_id: orderId })
  return [...rows].sort((a, b) => Number(a.sequence ?? 1) - Number(b.sequence ?? 1))
}

/** The invoices that bill the order now: every one not voided, first to last. */
export async function liveInvoicesOfOrder(
  container: Pick<MedusaContainer, "resolve">,
  orderId: string
): Promise<InvoiceRecord[]> {
  return (await invoicesOfOrder(container, orderId)).filter((i) => i.status !== "void")
}
