// Records a Stripe credit note in the invoicing module with its hub event; used by the credit-note steps.
import type Stripe from "stripe"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { fromStripeAmount } from "../../../lib/money"
import { dbMinor } from "../../../lib/money/db-minor"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { invoiceHubEvent, InvoiceRecord } from "./invoice-state"

/**
 * A Stripe credit note's amount in ISO minor units. Stripe counts some
 * currencies in other units (ISK and UGX as two-decimal amounts, MGA whole),
 * and our rows, totals and payloads are ISO, like every other amount.
 */
export function creditNoteMinor(note: Stripe.CreditNote, amount: number | null | undefined = note.amount): bigint {
  return fromStripeAmount(BigInt(amount ?? 0), note.currency)
}

/** Our row for a Stripe credit note, keyed by its cause (ours or Stripe's id). */
export async function recordCreditNote(
  invoicing: InvoicingModuleService,
  invoice: InvoiceRecord,
  note: Stripe.CreditNote
) {
  const [byStripeId] = await invoicing.listCreditNotes({ stripe_credit_note_id: note.id })
  if (byStripeId) return byStripeId
  const reasonKey = note.metadata?.reason_key || `stripe:${note.id}`
  const amount = dbMinor(creditNoteMinor(note))
  const [byReason] = await invoicing.listCreditNotes({ reason_key: reasonKey })
  if (byReason)
    return await invoicing.updateCreditNotes({ id: byReason.id, stripe_credit_note_id: note.id, amount_minor: amount })
  try {
    return await invoicing.createCreditNotes({
      invoice_id: invoice.id,
      order_id: invoice.order_id,
      reason_key: reasonKey,
      amount_minor: amount,
      stripe_credit_note_id: note.id,
    })
  } catch (error) {
    const [again] = await invoicing.listCreditNotes({ reason_key: reasonKey })
    if (!again) throw error
    return again
  }
}

/** `credit_note.created`, once per Stripe credit note whichever path records it first. */
export function creditNoteHubEvent(
  note: Stripe.CreditNote,
  reasonKey: string,
  invoice: InvoiceRecord
): RecordHubEventStepInput {
  return invoiceHubEvent(
    "credit_note.created",
    invoice,
    {
      credit_note: {
        id: note.id,
        number: note.number,
        amount_minor: creditNoteMinor(note).toString(),
        pre_payment_minor: creditNoteMinor(note, note.pre_payment_amount).toString(),
        post_payment_minor: creditNoteMinor(note, note.post_payment_amount).toString(),
        reason: note.reason ?? null,
        reason_key: reasonKey,
      },
    },
    `credit_note.created:${note.id}`
  )
}
