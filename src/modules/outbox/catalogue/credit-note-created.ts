import { INVOICE_DOCUMENT } from "./documents"
import { MINOR_AMOUNT, nullable } from "./types"
import type { EventTypeDefinition } from "./types"

export const creditNoteCreated: EventTypeDefinition<"credit_note.created"> = {
  type: "credit_note.created",
  version: 1,
  resource: "invoice",
  description:
    "A credit note was issued on an invoice (a return was received, or finance credited it). Before payment it lowers what is owed; after payment it becomes credit for later invoices.",
  data: {
    type: "object",
    required: ["invoice", "credit_note"],
    properties: {
      invoice: INVOICE_DOCUMENT,
      credit_note: {
        type: "object",
        required: ["id", "amount_minor"],
        properties: {
          id: { type: "string" },
          number: nullable({ type: "string" }),
          amount_minor: MINOR_AMOUNT,
          pre_payment_minor: MINOR_AMOUNT,
          post_payment_minor: MINOR_AMOUNT,
          reason: nullable({ type: "string" }),
          reason_key: { type: "string", description: "What the note credits, e.g. the return id." },
        },
      },
    },
  },
  subscribable: true,
}
