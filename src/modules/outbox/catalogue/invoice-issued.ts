import { INVOICE_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const invoiceIssued: EventTypeDefinition<"invoice.issued"> = {
  type: "invoice.issued",
  version: 1,
  resource: "invoice",
  description: "The net-terms invoice of an order was finalized and sent to the buyer's finance team.",
  data: INVOICE_DATA,
  subscribable: true,
}
