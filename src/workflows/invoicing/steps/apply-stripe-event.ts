import type Stripe from "stripe"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { isForwardTransition } from "../../../modules/invoicing/service"
import type { InvoiceStatus } from "../../../modules/invoicing/models/invoice"
import { toInvoiceDocument } from "../../../modules/invoicing/lib/invoice-document"
import { dbMinor } from "../../../lib/money/db-minor"
import type { RecordHubEventStepInput } from "../../hub/steps/record-hub-event"

const maxZero = (v: bigint) => (v < 0n ? 0n : v)

export const applyStripeEventStepId = "apply-stripe-event-step"

export type ApplyStripeEventStepInput = {
  /** A Stripe event whose signature the webhook route already verified. */
  event: Stripe.Event
}

const STATUS_BY_EVENT: Partial<Record<string, InvoiceStatus>> = {
  "invoice.finalized": "open",
  "invoice.sent": "open",
  "invoice.paid": "paid",
  "invoice.voided": "void",
  "invoice.marked_uncollectible": "uncollectible",
}

const HUB_EVENT_BY_STATUS: Partial<Record<InvoiceStatus, string>> = {
  paid: "invoice.paid",
  void: "invoice.voided",
}

/**
 * Mirrors one Stripe event into our invoice record. Each event id is applied
 * once (duplicates are ignored), and the status only moves forward, so events
 * can arrive in any order. Returns the hub events the change produced.
 */
export const applyStripeEventStep = createStep(
  applyStripeEventStepId,
  async ({ event }: ApplyStripeEventStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const none = new StepResponse<RecordHubEventStepInput[]>([])
    if (!event.type.startsWith("invoice.") && event.type !== "credit_note.created") return none

    const [seen] = await invoicing.listStripeEvents({ event_id: event.id })
    if (seen) return none

    const stripeInvoiceId =
      event.type === "credit_note.created"
        ? String((event.data.object as Stripe.CreditNote).invoice)
        : (event.data.object as Stripe.Invoice).id!
    const hubInvoiceId = event.type.startsWith("invoice.") ? (event.data.object as Stripe.Invoice).metadata?.hub_invoice_id : undefined
    const [invoice] = hubInvoiceId
      ? await invoicing.listInvoices({ id: hubInvoiceId })
      : await invoicing.listInvoices({ stripe_invoice_id: stripeInvoiceId })
    // Not ours (another integration on the same Stripe account): remember and skip.
    await invoicing.createStripeEvents({ event_id: event.id, type: event.type, invoice_id: invoice?.id ?? null })
    if (!invoice) return none

    const events: RecordHubEventStepInput[] = []
    if (event.type === "credit_note.created") {
      const note = event.data.object as Stripe.CreditNote
      const [known] = await invoicing.listCreditNotes({ stripe_credit_note_id: note.id })
      if (!known) {
        await invoicing.createCreditNotes({
          invoice_id: invoice.id,
          order_id: invoice.order_id,
          reason_key: note.metadata?.reason_key || `stripe:${note.id}`,
          amount_minor: dbMinor(note.amount),
          stripe_credit_note_id: note.id,
        })
      }
      const credited = BigInt(String(invoice.credited_minor ?? 0)) + BigInt(note.amount)
      const updated = await invoicing.updateInvoices({
        id: invoice.id,
        credited_minor: dbMinor(credited),
        // Before payment a credit note lowers what is owed; after, it is credited back.
        amount_due_minor: dbMinor(maxZero(BigInt(String(invoice.amount_due_minor)) - BigInt(note.pre_payment_amount ?? 0))),
      })
      events.push({
        type: "credit_note.created",
        resource_type: "invoice",
        resource_id: invoice.id,
        dedupe_key: `credit_note.created:${note.id}`,
        data: { credit_note: { id: note.id, amount_minor: String(note.amount), reason: note.reason ?? null, number: note.number }, invoice: toInvoiceDocument(updated) },
      })
      return new StepResponse(events)
    }

    const stripeInvoice = event.data.object as Stripe.Invoice
    const target = STATUS_BY_EVENT[event.type]
    const patch: Record<string, unknown> = {}
    if (event.type === "invoice.payment_failed") {
      patch.last_payment_failure = `${new Date(event.created * 1000).toISOString()}: payment attempt failed`
    }
    if (target && isForwardTransition(invoice.status as InvoiceStatus, target)) {
      patch.status = target
      if (target === "paid") {
        patch.paid_at = new Date((stripeInvoice.status_transitions?.paid_at ?? event.created) * 1000)
        patch.amount_paid_minor = dbMinor(stripeInvoice.amount_paid ?? 0)
        patch.amount_due_minor = 0
      }
      if (target === "void") patch.voided_at = new Date(event.created * 1000)
      if (target === "open") {
        patch.number = stripeInvoice.number ?? invoice.number
        patch.hosted_invoice_url = stripeInvoice.hosted_invoice_url ?? invoice.hosted_invoice_url
        patch.due_at = stripeInvoice.due_date ? new Date(stripeInvoice.due_date * 1000) : invoice.due_at
      }
    }
    if (!Object.keys(patch).length) return none
    const updated = await invoicing.updateInvoices({ id: invoice.id, ...patch })
    const hubType = patch.status ? HUB_EVENT_BY_STATUS[patch.status as InvoiceStatus] : undefined
    if (hubType) {
      events.push({
        type: hubType,
        resource_type: "invoice",
        resource_id: invoice.id,
        dedupe_key: `${hubType}:${invoice.id}`,
        data: { invoice: toInvoiceDocument(updated) },
      })
    }
    return new StepResponse(events)
  }
)
