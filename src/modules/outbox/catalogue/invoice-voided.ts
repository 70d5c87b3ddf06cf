import { INVOICE_DATA } from "./documents"
import type { EventTypeDefinition } from "./types"

export const invoiceVoided: EventTypeDefinition<"invoice.voided"> = {
  type: "invoice.voided",
  version: 1,
  resource: "invoice",
  description: "An invoice was voided (e.g. its order was canceled before payment).",
  data: INVOICE_DATA,
  subscribable: true,
}
