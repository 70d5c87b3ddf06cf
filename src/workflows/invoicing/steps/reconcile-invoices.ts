import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { isNetTermsOrder, type OrderPayments } from "../../../modules/b2b/lib/net-terms-order"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { applyRemoteInvoice, isStripeNotFound, withInvoiceLock } from "../utils/invoice-state"
import { issueInvoiceWorkflow } from "../issue-invoice"
import { creditReturnWorkflow } from "../credit-return"
import { followOrderChangeWorkflow } from "../follow-order-change"
import { settleMedusaPayment } from "../utils/settle-payment"
import { issueEditCreditNote } from "../utils/issue-edit-credit-note"
import { EDIT_REASON_PREFIX } from "../../../modules/invoicing/lib/invoice-change-plan"
import { describeError } from "../../../lib/errors/describe-error"
import { MAX_AUTO_ATTEMPTS, STUCK_AFTER_MS, UNSETTLED_STATUSES } from "../../../modules/invoicing/lib/issuing-retry"

export const reconcileInvoicesStepId = "reconcile-invoices-step"

export { STUCK_AFTER_MS, MAX_AUTO_ATTEMPTS }
/**
 * Orders whose change (edit, claim, exchange) was confirmed this recently are
 * followed again: enough for a lost or failed order-change run to be
 * finished within the day, without re-reading every order edited this week
 * on each run.
 */
const FOLLOW_LOOKBACK_MS = 24 * 3600 * 1000
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
  /** Orders changed after placement whose invoices were brought in step (or checked to be). */
  followed: { order_id: string; ok: boolean; outcome?: string; error?: string }[]
}

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
 * - return credits recorded while the invoice was not open → issued;
 * - orders changed after placement (edit, claim, exchange confirmed in the
 *   last day) → the order-change workflow runs again: a no-op when the
 *   invoices bill the order, else it finishes what a crashed or lost run
 *   left (void, reissue, supplementary invoice, credit note);
 * - edit credit notes recorded but not on Stripe yet → issued.
 */
export const reconcileInvoicesStep = createStep(
  reconcileInvoicesStepId,
  async (input: ReconcileInvoicesStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const report: ReconcileReport = { checked: 0, retried: [], repaired: [], drift: [], credit_notes: [], followed: [] }
    const events: RecordHubEventStepInput[] = []
    const now = Date.now()
    const scoped = input.invoice_ids?.length ? { id: input.invoice_ids } : {}

    // 1. Issuing that did not finish.
    const unfinished = await invoicing.listInvoices(
      { ...scoped, status: [...UNSETTLED_STATUSES], progress: { $ne: "sent" } },
      { take: 500 }
    )
    for (const invoice of unfinished) {
      const idle = now - new Date(invoice.updated_at).getTime() > STUCK_AFTER_MS
      const due =
        input.force ||
        input.invoice_ids?.length ||
        ((invoice.last_error || idle) && (invoice.attempts ?? 0) < MAX_AUTO_ATTEMPTS)
      if (!due) continue
      report.retried.push(await retryIssue(container, invoice.order_id, invoice.id))
    }
    if (!input.invoice_ids?.length) {
      for (const orderId of await recentlyChangedOrders(container, now))
        report.followed.push(await followChange(container, orderId))
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
        ? { ...scoped, stripe_invoice_id: { $ne: null } }
        : {
            stripe_invoice_id: { $ne: null },
            $or: [{ status: ["open", "uncollectible"] }, { status: ["paid", "void"], updated_at: { $gt: since } }],
          },
      { take: 1000 }
    )
    const stripe = invoicing.stripe()
    for (const candidate of issued) {
      report.checked += 1
      try {
        await withInvoiceLock(container, candidate.id, async () => {
          const invoice = await invoicing.retrieveInvoice(candidate.id)
          if (invoice.progress !== "sent" && invoice.status !== "paid" && invoice.status !== "void") return
          const remote = await stripe.invoices
            .retrieve(invoice.stripe_invoice_id!)
            .catch((e) => (isStripeNotFound(e) ? null : Promise.reject(e)))
          if (!remote) {
            report.drift.push({
              invoice_id: invoice.id,
              problems: [`Stripe has no invoice ${invoice.stripe_invoice_id}`],
            })
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
        report.drift.push({ invoice_id: candidate.id, problems: [`could not check: ${describeError(error)}`] })
      }
    }

    // 3. Return credits waiting for their invoice.
    const pendingNotes = await invoicing.listCreditNotes(
      { stripe_credit_note_id: null, ...(input.invoice_ids?.length ? { invoice_id: input.invoice_ids } : {}) },
      { take: 200 }
    )
    for (const note of pendingNotes) {
      if (note.reason_key.startsWith(EDIT_REASON_PREFIX)) {
        try {
          const issued = await issueEditCreditNote(container, note.id)
          events.push(...issued.events)
          report.credit_notes.push({ return_id: note.reason_key, outcome: issued.outcome })
        } catch (error) {
          report.credit_notes.push({ return_id: note.reason_key, outcome: "failed", reason: describeError(error) })
        }
        continue
      }
      if (!note.reason_key.startsWith("return_")) continue
      try {
        const { result } = await creditReturnWorkflow(container).run({ input: { return_id: note.reason_key } })
        report.credit_notes.push({ return_id: note.reason_key, outcome: result.outcome, reason: result.reason })
      } catch (error) {
        report.credit_notes.push({ return_id: note.reason_key, outcome: "failed", reason: describeError(error) })
      }
    }
    return new StepResponse({ report, events })
  }
)

async function retryIssue(
  container: MedusaContainer,
  orderId: string,
  invoiceId: string | null
): Promise<ReconcileReport["retried"][number]> {
  // The given record (an order can have several invoices); without one, the order's own.
  const { result, errors } = await issueInvoiceWorkflow(container).run({
    input: { order_id: orderId, ...(invoiceId ? { invoice_id: invoiceId } : {}) },
    throwOnError: false,
  })
  const invoice = result?.prepared?.invoice_id ?? invoiceId
  // A workflow run reports its error serialized (a plain object): described, never String()-ed.
  if (errors?.length)
    return { invoice_id: invoice, order_id: orderId, ok: false, error: describeError(errors[0].error) }
  return { invoice_id: invoice, order_id: orderId, ok: true, status: result?.issued?.status }
}

/** Net-terms orders of the last week that never got an invoice record (order.placed handling lost). */
async function netTermsOrdersWithoutInvoice(container: MedusaContainer, now: number): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "status", "created_at", "payment_collections.payments.provider_id"],
    filters: { created_at: { $gt: new Date(now - SETTLED_LOOKBACK_MS) }, status: { $ne: "canceled" } },
    pagination: { take: 1000 },
  })
  const orders = data as (OrderPayments & { id: string; created_at: Date | string })[]
  const idle = (o: { created_at: Date | string }) => now - new Date(o.created_at).getTime() > STUCK_AFTER_MS
  const candidates = orders.filter((o) => idle(o) && isNetTermsOrder(o)).map((o) => o.id)
  if (!candidates.length) return []
  const known = new Set(
    (await invoicing.listInvoices({ order_id: candidates }, { select: ["order_id"] })).map((i) => i.order_id)
  )
  return candidates.filter((id) => !known.has(id))
}

async function followChange(container: MedusaContainer, orderId: string): Promise<ReconcileReport["followed"][number]> {
  const { result, errors } = await followOrderChangeWorkflow(container).run({
    input: { order_id: orderId },
    throwOnError: false,
  })
  if (errors?.length) return { order_id: orderId, ok: false, error: describeError(errors[0].error) }
  return { order_id: orderId, ok: true, outcome: result?.change?.outcome }
}

/**
 * Orders with an order change (edit, claim, exchange) confirmed in the last
 * day, once the change is older than a stuck run: their invoices must bill
 * them. Which of them are net-terms orders the workflow finds out.
 */
async function recentlyChangedOrders(container: MedusaContainer, now: number): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_change",
    fields: ["order_id", "confirmed_at"],
    // Returns are credited by their own flow (credit-return): only the changes the subscriber follows.
    filters: {
      status: "confirmed",
      change_type: ["edit", "claim", "exchange"],
      confirmed_at: { $gt: new Date(now - FOLLOW_LOOKBACK_MS), $lt: new Date(now - STUCK_AFTER_MS) },
    },
    pagination: { take: 1000 },
  })
  return [...new Set((data as { order_id: string }[]).map((c) => c.order_id))]
}
