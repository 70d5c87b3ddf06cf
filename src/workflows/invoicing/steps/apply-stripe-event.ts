import type Stripe from "stripe"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { applyRemoteInvoice, invoiceHubEvent, isStripeNotFound, withInvoiceLock } from "../utils/invoice-state"
import { creditNoteHubEvent, recordCreditNote } from "../utils/credit-note-record"

export const applyStripeEventStepId = "apply-stripe-event-step"

export type ApplyStripeEventStepInput = {
  /** A Stripe event whose signature the webhook route already verified. */
  event: Stripe.Event
}

export type ApplyStripeEventStepOutput = {
  /** Our invoice the event is about; null when it is not ours or was seen before. */
  invoice_id: string | null
  status: string | null
  events: RecordHubEventStepInput[]
}

const NONE: ApplyStripeEventStepOutput = { invoice_id: null, status: null, events: [] }

function isCreditNoteEvent(type: string): boolean {
  return type === "credit_note.created" || type === "credit_note.updated" || type === "credit_note.voided"
}

/** The Stripe invoice an event is about. */
function stripeInvoiceIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as { id?: string; invoice?: string | { id?: string } | null }
  if (isCreditNoteEvent(event.type))
    return typeof object.invoice === "string" ? object.invoice : (object.invoice?.id ?? null)
  return object.id ?? null
}

async function findOurInvoice(
  invoicing: InvoicingModuleService,
  event: Stripe.Event,
  stripeInvoiceId: string,
  stripe: Stripe
) {
  let hubInvoiceId = event.type.startsWith("invoice.")
    ? (event.data.object as Stripe.Invoice).metadata?.hub_invoice_id
    : undefined
  if (!hubInvoiceId) {
    const [byStripeId] = await invoicing.listInvoices({ stripe_invoice_id: stripeInvoiceId })
    if (byStripeId) return byStripeId
    // A credit note can arrive before we stored the invoice id: ask Stripe whose it is.
    if (!isCreditNoteEvent(event.type)) return undefined
    const remote = await stripe.invoices
      .retrieve(stripeInvoiceId)
      .catch((e) => (isStripeNotFound(e) ? null : Promise.reject(e)))
    hubInvoiceId = remote?.metadata?.hub_invoice_id
    if (!hubInvoiceId) return undefined
  }
  const [byHubId] = await invoicing.listInvoices({ id: hubInvoiceId })
  return byHubId
}

/**
 * Mirrors one verified Stripe event (invoice.*, credit_note.*) into our
 * invoice record. Events arrive late, twice or out of order, so the event is
 * only the trigger: the step re-reads the invoice from Stripe and applies its
 * current state, forward-only (compareWithStripe). Facts only the event
 * carries are recorded from it: a failed payment attempt, Stripe's own
 * overdue notice, the credit note. The event id is stored last, so a crash
 * half-way leaves the event to be applied again (every change is idempotent).
 * Returns the hub events the change produced.
 */
export const applyStripeEventStep = createStep(
  applyStripeEventStepId,
  async ({ event }: ApplyStripeEventStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    if (!event.type.startsWith("invoice.") && !isCreditNoteEvent(event.type)) return new StepResponse(NONE)
    const [seen] = await invoicing.listStripeEvents({ event_id: event.id })
    if (seen) return new StepResponse(NONE)

    const stripe = invoicing.stripe()
    const stripeInvoiceId = stripeInvoiceIdOf(event)
    const ours = stripeInvoiceId ? await findOurInvoice(invoicing, event, stripeInvoiceId, stripe) : undefined
    if (!ours || !stripeInvoiceId) {
      // Not ours (another integration on the same Stripe account): remember and skip.
      await recordSeen(invoicing, event, null)
      return new StepResponse(NONE)
    }

    const output = await withInvoiceLock(container, ours.id, async () => {
      const invoice = await invoicing.retrieveInvoice(ours.id)
      const events: RecordHubEventStepInput[] = []
      const extra: Record<string, unknown> = {}
      if (event.type === "invoice.payment_failed") {
        const failed = event.data.object as Stripe.Invoice
        extra.last_payment_failure =
          `${new Date(event.created * 1000).toISOString()}: payment attempt ${failed.attempt_count ?? ""} failed`.trim()
      }
      if (event.type === "invoice.marked_uncollectible") {
        extra.last_payment_failure = `${new Date(event.created * 1000).toISOString()}: marked uncollectible`
      }
      if (event.type === "invoice.overdue" && !invoice.overdue_at) extra.overdue_at = new Date(event.created * 1000)
      const note = event.type === "credit_note.created" ? (event.data.object as Stripe.CreditNote) : null
      const noteRow = note ? await recordCreditNote(invoicing, invoice, note) : null

      const remote = await stripe.invoices
        .retrieve(stripeInvoiceId)
        .catch((e) => (isStripeNotFound(e) ? null : Promise.reject(e)))
      const applied = remote
        ? await applyRemoteInvoice(container, invoice, remote, extra)
        : {
            invoice: Object.keys(extra).length ? await invoicing.updateInvoices({ id: invoice.id, ...extra }) : invoice,
            events: [],
          }
      // The credit note's event carries the invoice as it is after the credit.
      if (note && noteRow) events.push(creditNoteHubEvent(note, noteRow.reason_key, applied.invoice))
      events.push(...applied.events)
      if (extra.overdue_at && applied.invoice.status === "open")
        events.push(invoiceHubEvent("invoice.overdue", applied.invoice))
      return { invoice_id: invoice.id, status: applied.invoice.status as string, events }
    })
    await recordSeen(invoicing, event, ours.id)
    return new StepResponse(output)
  }
)

async function recordSeen(invoicing: InvoicingModuleService, event: Stripe.Event, invoiceId: string | null) {
  try {
    await invoicing.createStripeEvents({ event_id: event.id, type: event.type, invoice_id: invoiceId })
  } catch (error) {
    // A concurrent delivery of the same event recorded it first.
    const [seen] = await invoicing.listStripeEvents({ event_id: event.id })
    if (!seen) throw error
  }
}
