import { INVOICE_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const invoicePaid: EventTypeDefinition<"invoice.paid"> = {
  type: "invoice.paid",
  version: 1,
  resource: "invoice",
  description: "An invoice was paid in full.",
  data: INVOICE_DATA,
  subscribable: true,
}
