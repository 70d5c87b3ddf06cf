import { INVOICE_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const invoiceOverdue: EventTypeDefinition<"invoice.overdue"> = {
  type: "invoice.overdue",
  version: 1,
  resource: "invoice",
  description: "An open invoice passed its due date unpaid (`data.invoice.overdue` is true).",
  data: INVOICE_DATA,
  subscribable: true,
}
