// Issues the Stripe credit note for an order edit's decrease; used by the issue-edit-credit-notes and reconcile steps.
import type Stripe from "stripe"
import type { MedusaContainer } from "@medusajs/framework/types"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { orderMoneyFromJson } from "../../../lib/orders/order-money-json"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { creditNoteHubEvent, recordCreditNote } from "./credit-note-record"
import { applyRemoteInvoice, withInvoiceLock } from "./invoice-state"
import { creditLinesFromJson } from "../../../modules/invoicing/lib/credit-lines"
import { linesById } from "../../../modules/invoicing/lib/billed-money"
import { buildEditCreditNoteLines } from "../../../modules/invoicing/lib/edit-credit-note"

export type IssuedEditCredit = {
  credit_note_id: string
  /** done: Stripe has it · pending: its invoice is not open or paid yet (the reconcile job retries). */
  outcome: "done" | "pending"
  stripe_credit_note_id: string | null
  events: RecordHubEventStepInput[]
}

async function invoiceLines(stripe: Stripe, invoiceId: string): Promise<Stripe.InvoiceLineItem[]> {
  const lines: Stripe.InvoiceLineItem[] = []
  for await (const line of stripe.invoices.listLineItems(invoiceId, { limit: 100 })) lines.push(line)
  return lines
}

/**
 * Issues on Stripe one edit credit note recorded by the order-change
 * workflow (credit_note row with lines, no Stripe id yet), under its
 * invoice's lock, with the key cn:<reason_key>:v1. The lines are those the
 * record states (what each order line is credited), so a retry sends the
 * same note. A note whose answer was lost is found on Stripe by its
 * reason_key before anything is created. Before payment the note lowers what
 * is owed; whatever exceeds that goes to the company's Stripe balance.
 * Returns the hub events (credit_note.created and the invoice's changes).
 */
export async function issueEditCreditNote(
  container: Pick<MedusaContainer, "resolve">,
  creditNoteId: string
): Promise<IssuedEditCredit> {
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const recorded = await invoicing.retrieveCreditNote(creditNoteId)
  return await withInvoiceLock(container, recorded.invoice_id, async (): Promise<IssuedEditCredit> => {
    const note = await invoicing.retrieveCreditNote(creditNoteId)
    if (note.stripe_credit_note_id)
      return { credit_note_id: note.id, outcome: "done", stripe_credit_note_id: note.stripe_credit_note_id, events: [] }
    const invoice = await invoicing.retrieveInvoice(note.invoice_id)
    if (!invoice.stripe_invoice_id || !["open", "paid"].includes(invoice.status as string)) {
      return { credit_note_id: note.id, outcome: "pending", stripe_credit_note_id: null, events: [] }
    }
    const stripe = invoicing.stripe()
    const existing = await stripe.creditNotes.list({ invoice: invoice.stripe_invoice_id, limit: 100 })
    let created = existing.data.find((n) => n.metadata?.reason_key === note.reason_key)
    if (!created) {
      const lines = creditLinesFromJson(note.lines) ?? []
      const linesTotal = lines.reduce((s, l) => s + l.net_minor + l.tax_minor, 0n)
      const built = buildEditCreditNoteLines({
        currency: invoice.currency_code,
        label: "Order change",
        lines,
        rounding_minor: BigInt(String(note.amount_minor)) - linesTotal,
        billed: invoice.money ? linesById(orderMoneyFromJson(invoice.money)) : new Map(),
        stripeLines: await invoiceLines(stripe, invoice.stripe_invoice_id),
      })
      const remote = await stripe.invoices.retrieve(invoice.stripe_invoice_id)
      // Whatever exceeds what is still owed is post-payment: credited to the company's balance.
      const postPayment = built.amount - BigInt(remote.status === "paid" ? 0 : remote.amount_remaining)
      created = await stripe.creditNotes.create(
        {
          invoice: invoice.stripe_invoice_id,
          lines: built.lines,
          reason: "order_change",
          memo: `Order ${invoice.order_id} changed after invoicing`,
          ...(postPayment > 0n ? { credit_amount: Number(postPayment) } : {}),
          metadata: {
            medusa_order_id: invoice.order_id,
            reason_key: note.reason_key,
            hub_invoice_id: invoice.id,
            hub_credit_note_id: note.id,
          },
        },
        { idempotencyKey: stripeKeys.creditNote(note.reason_key) }
      )
    }
    await recordCreditNote(invoicing, invoice, created)
    const after = await stripe.invoices.retrieve(invoice.stripe_invoice_id)
    const applied = await applyRemoteInvoice(container, invoice, after)
    return {
      credit_note_id: note.id,
      outcome: "done",
      stripe_credit_note_id: created.id,
      events: [creditNoteHubEvent(created, note.reason_key, applied.invoice), ...applied.events],
    }
  })
}
