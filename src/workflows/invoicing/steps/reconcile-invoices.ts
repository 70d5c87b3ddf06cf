import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"
import { getHubStripe } from "../../../lib/stripe/hub-stripe"
import type { RecordHubEventStepInput } from "../../hub/steps/record-hub-event"
import { applyRemoteInvoice, isStripeNotFound, withInvoiceLock } from "../lib/invoice-state"
import { issueInvoiceWorkflow } from "../issue-invoice"
import { creditReturnWorkflow } from "../credit-return"
import { settleMedusaPayment } from "../lib/settle-payment"

export const reconcileInvoicesStepId = "reconcile-invoices-step"

/** An issuing run that has not moved for this long is taken as dead (crash) and run again. */
export const STUCK_AFTER_MS = 2 * 60 * 1000
/** After this many failed issuing attempts an invoice waits for an operator (POST /admin/invoices/:id/retry). */
export const MAX_AUTO_ATTEMPTS = 10
/** Paid or voided invoices are re-checked (Medusa payment captured/canceled?) this long. */
const SETTLED_LOOKBACK_MS = 7 * 24 * 3600 * 1000

export type ReconcileInvoicesStepInput = {
  /** Only these invoices (admin action); default: every invoice that needs a look. */
  invoice_ids?: string[]
  /** Retry unfinished issuing runs now, regardless of age and attempt count. */
  force?: boolean
}

export type ReconcileReport = {
  checked: number
  retried: { invoice_id: string | null; order_id: string; ok: boolean; status?: string; error?: string }[]
  repaired: { invoice_id: string; changes: string[] }[]
  drift: { invoice_id: string; problems: string[] }[]
  credit_notes: { return_id: string; outcome: string; reason?: string }[]
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Compares our invoices with Stripe's and with Medusa's payments, repairs what
 * is safe and reports the rest:
 * - unfinished issuing (crashed or failed run, or a net-terms order with no
 *   invoice record) → the issue workflow runs again (it resumes; keys replay);
 * - Stripe ahead of us (paid, voided, credited while a webhook was lost) →
 *   applied forward-only, with the hub events;
 * - paid invoice, uncaptured Medusa payment → captured; void invoice,
 *   uncanceled payment → canceled;
 * - Stripe behind us, a different total, an invoice missing on Stripe → drift,
 *   reported only;
 * - return credits recorded while the invoice was not open → issued.
 */
export const reconcileInvoicesStep = createStep(
  reconcileInvoicesStepId,
  async (input: ReconcileInvoicesStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const report: ReconcileReport = { checked: 0, retried: [], repaired: [], drift: [], credit_notes: [] }
    const events: RecordHubEventStepInput[] = []
    const now = Date.now()
    const scoped = input.invoice_ids?.length ? { id: input.invoice_ids } : {}

    // 1. Issuing that did not finish.
    const unfinished = await invoicing.listInvoices({ ...scoped, status: ["pending", "draft", "open", "uncollectible"], progress: { $ne: "sent" } } as any, { take: 500 })
    for (const invoice of unfinished) {
      const idle = now - new Date(invoice.updated_at as any).getTime() > STUCK_AFTER_MS
      const due = input.force || input.invoice_ids?.length || ((invoice.last_error || idle) && (invoice.attempts ?? 0) < MAX_AUTO_ATTEMPTS)
      if (!due) continue
      report.retried.push(await retryIssue(container, invoice.order_id, invoice.id))
    }
    if (!input.invoice_ids?.length) {
      for (const orderId of await netTermsOrdersWithoutInvoice(container, now)) {
        report.retried.push(await retryIssue(container, orderId, null))
      }
    }

    // 2. Issued invoices against Stripe, and their Medusa payments.
    const since = new Date(now - SETTLED_LOOKBACK_MS)
    const issued = await invoicing.listInvoices(
      input.invoice_ids?.length
        ? ({ ...scoped, stripe_invoice_id: { $ne: null } } as any)
        : ({ stripe_invoice_id: { $ne: null }, $or: [{ status: ["open", "uncollectible"] }, { status: ["paid", "void"], updated_at: { $gt: since } }] } as any),
      { take: 1000 }
    )
    const stripe = getHubStripe()
    for (const candidate of issued) {
      report.checked += 1
      try {
        await withInvoiceLock(container, candidate.id, async () => {
          const invoice = await invoicing.retrieveInvoice(candidate.id)
          if (invoice.progress !== "sent" && invoice.status !== "paid" && invoice.status !== "void") return
          const remote = await stripe.invoices.retrieve(invoice.stripe_invoice_id!).catch((e) => (isStripeNotFound(e) ? null : Promise.reject(e)))
          if (!remote) {
            report.drift.push({ invoice_id: invoice.id, problems: [`Stripe has no invoice ${invoice.stripe_invoice_id}`] })
            return
          }
          const applied = await applyRemoteInvoice(container, invoice, remote)
          if (applied.changed.length) report.repaired.push({ invoice_id: invoice.id, changes: applied.changed })
          if (applied.drift.length) report.drift.push({ invoice_id: invoice.id, problems: applied.drift })
          events.push(...applied.events)
        })
        const settled = await settleMedusaPayment(container, candidate.id, { capturePaid: true })
        if (settled) report.repaired.push({ invoice_id: candidate.id, changes: [`medusa_payment_${settled}`] })
      } catch (error) {
        report.drift.push({ invoice_id: candidate.id, problems: [`could not check: ${message(error)}`] })
      }
    }

    // 3. Return credits waiting for their invoice.
    const pendingNotes = await invoicing.listCreditNotes({ stripe_credit_note_id: null, ...(input.invoice_ids?.length ? { invoice_id: input.invoice_ids } : {}) } as any, { take: 200 })
    for (const note of pendingNotes) {
      if (!note.reason_key.startsWith("return_")) continue
      try {
        const { result } = await creditReturnWorkflow(container).run({ input: { return_id: note.reason_key } })
        report.credit_notes.push({ return_id: note.reason_key, outcome: result.outcome, reason: result.reason })
      } catch (error) {
        report.credit_notes.push({ return_id: note.reason_key, outcome: "failed", reason: message(error) })
      }
    }
    return new StepResponse({ report, events })
  }
)

async function retryIssue(container: any, orderId: string, invoiceId: string | null): Promise<ReconcileReport["retried"][number]> {
  const { result, errors } = await issueInvoiceWorkflow(container).run({ input: { order_id: orderId }, throwOnError: false })
  const invoice = (result as any)?.prepared?.invoice_id ?? invoiceId
  if (errors?.length) return { invoice_id: invoice, order_id: orderId, ok: false, error: message(errors[0].error) }
  return { invoice_id: invoice, order_id: orderId, ok: true, status: (result as any)?.issued?.status }
}

/** Net-terms orders of the last week that never got an invoice record (order.placed handling lost). */
async function netTermsOrdersWithoutInvoice(container: any, now: number): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "status", "created_at", "payment_collections.payments.provider_id"],
    filters: { created_at: { $gt: new Date(now - SETTLED_LOOKBACK_MS) }, status: { $ne: "canceled" } } as any,
    pagination: { take: 1000 },
  })
  const idle = (o: any) => now - new Date(o.created_at).getTime() > STUCK_AFTER_MS
  const candidates = (data as any[])
    .filter((o) => idle(o) && (o.payment_collections ?? []).some((pc: any) => (pc?.payments ?? []).some((p: any) => p?.provider_id === NET_TERMS_PROVIDER_ID)))
    .map((o) => o.id as string)
  if (!candidates.length) return []
  const known = new Set((await invoicing.listInvoices({ order_id: candidates }, { select: ["order_id"] })).map((i) => i.order_id))
  return candidates.filter((id) => !known.has(id))
}
