import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import type { InvoiceStatus } from "../../../modules/invoicing/models/invoice"
import { buildInvoiceLines } from "../../../modules/invoicing/lib/invoice-lines"
import { orderMoney } from "../../../lib/orders/order-money"
import { orderMoneyFromJson } from "../../../lib/orders/order-money-json"
import { runIssueSequence } from "../../../modules/invoicing/lib/issue-sequence"
import { isForwardTransition } from "../../../modules/invoicing/lib/status"
import { ORDER_FIELDS_FOR_INVOICE, type OrderForInvoice } from "./prepare-invoice"
import { applyRemoteInvoice, InvoiceRecord, withInvoiceLock } from "../utils/invoice-state"
import { invoicesOfOrder } from "../utils/order-invoices"
import { decimalOf } from "../utils/invoice-payment"
import { toMinor } from "../../../lib/money"
import { voidOrderInvoice } from "../utils/void-invoice"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { describeError } from "../../../lib/errors/describe-error"
import { logWith } from "../../../lib/logging/fields-logger"

export const issueStripeInvoiceStepId = "issue-stripe-invoice-step"

export type IssueStripeInvoiceStepInput = {
  /** Our invoice record (created by prepare-invoice). */
  invoice_id: string
}

export type IssueStripeInvoiceStepOutput = {
  invoice_id: string
  /** The invoice is finalized and sent (now or by an earlier run). */
  issued: boolean
  status: InvoiceStatus
  /** Hub events of a change made on the way (the invoice of a canceled order voided). */
  events: RecordHubEventStepInput[]
}

/**
 * Stripe keeps an idempotency key for 24 hours: a retry later than this
 * checks Stripe's state first instead of relying on the keys alone.
 */
const KEY_RETENTION_MS = 23 * 60 * 60 * 1000

/**
 * Runs the net-terms call sequence for our invoice record (see
 * runIssueSequence), under the invoice's lock, resuming from the recorded
 * progress. A failure is recorded on the invoice (`last_error`, `attempts`)
 * and rethrown; running the workflow again — the reconcile job, or
 * POST /admin/invoices/:id/retry — picks up where it stopped. Stripe writes
 * cannot be undone by compensation: a failed run is retried, never rolled back.
 *
 * It always sends the money snapshot recorded with the invoice, never the
 * order as it is now: its keys make every call a replay of the first, which
 * must carry the same lines. An order changed before its invoice was sent is
 * the order-change workflow's to settle — it voids the unsent record (and
 * any Stripe draft) under this same lock and records a reissue from the
 * current order — so an outdated snapshot is voided before it is sent, or
 * (when this run held the lock first) right after. A record created after
 * the change snapshots the changed order. Each of an order's invoices runs
 * under its own sequence-versioned keys; the keys of one whose company
 * changed its Stripe customer before it was finalized move to a new epoch,
 * with the reason recorded (src/modules/invoicing/lib/key-epoch.ts).
 */
export const issueStripeInvoiceStep = createStep(
  issueStripeInvoiceStepId,
  async ({ invoice_id }: IssueStripeInvoiceStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const output = await withInvoiceLock(container, invoice_id, async (): Promise<IssueStripeInvoiceStepOutput> => {
      let invoice = await invoicing.retrieveInvoice(invoice_id)
      // Progress, not status, says whether we are done: a webhook can move the
      // status to open between finalize and send.
      if (invoice.progress === "sent" || invoice.status === "paid" || invoice.status === "void") {
        return { invoice_id, issued: invoice.status !== "void", status: invoice.status, events: [] }
      }
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: [...ORDER_FIELDS_FOR_INVOICE, "status"],
        filters: { id: invoice.order_id },
      })
      // The record exists, so its order does (Medusa never deletes orders).
      const order = orders[0] as OrderForInvoice
      if (order?.status === "canceled") {
        const { invoice: voided, events } = await voidOrderInvoice(container, invoice)
        return { invoice_id, issued: false, status: voided.status, events }
      }

      invoice = await invoicing.updateInvoices({ id: invoice_id, attempts: (invoice.attempts ?? 0) + 1 })
      const stripe = invoicing.stripe()
      const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
      try {
        // The money recorded with the invoice: a retry sends exactly what the first run did.
        const money = invoice.money ? orderMoneyFromJson(invoice.money) : orderMoney(order)
        const { lines } = buildInvoiceLines(money)
        const company = await b2b.retrieveCompany(invoice.company_id)
        const later = await laterInvoiceTerms(container, invoice, money.total_minor)
        const sent = await runIssueSequence(
          stripe,
          {
            invoice: {
              id: invoice.id,
              stripe_invoice_id: invoice.stripe_invoice_id ?? null,
              progress: invoice.progress ?? null,
              days_until_due: invoice.days_until_due,
              payment_session_id: invoice.payment_session_id ?? null,
              contract_id: invoice.contract_id ?? null,
              sequence: Number(invoice.sequence ?? 1),
              stripe_customer_id: invoice.stripe_customer_id ?? null,
              key_epoch: Number(invoice.stripe_key_epoch ?? 0),
              kind: (invoice.kind ?? "order") as "order" | "reissue" | "supplementary",
              related_invoice_number: later.related_invoice_number,
              capture_max_minor: later.capture_max_minor,
            },
            order: {
              id: order.id,
              display_id: order.display_id,
              currency_code: order.currency_code,
              po_number: order.metadata?.po_number ? String(order.metadata.po_number) : null,
              // An order placed from a quote names it and the version accepted (acceptQuoteWorkflow).
              quote: order.metadata?.quote_id
                ? `${String(order.metadata.quote_id)} v${String(order.metadata.quote_version ?? "")}`
                : null,
              // A supplementary invoice bills a difference, not the order: it states its capture cap instead.
              total_minor: invoice.kind === "supplementary" ? undefined : money.total_minor,
            },
            company: {
              id: company.id,
              name: company.name,
              billing_email: company.billing_email,
              erp_account_number: company.erp_account_number ?? null,
              stripe_customer_id: company.stripe_customer_id ?? null,
            },
            lines,
          },
          {
            onCustomer: async (customerId) => {
              await b2b.updateCompanies({ id: company.id, stripe_customer_id: customerId })
            },
            // Two orders of a company recovering from a 5xx on its customer's creation at once would make two customers.
            exclusiveForCompany: (job) =>
              container.resolve(Modules.LOCKING).execute(`stripe-customer:${company.id}`, job, { timeout: 60 }),
            beforeCreate: async ({ stripe_customer_id, key_epoch, key_reason }) => {
              const reason = key_reason === undefined ? {} : { stripe_key_reason: key_reason }
              await invoicing.updateInvoices({
                id: invoice_id,
                stripe_customer_id,
                stripe_key_epoch: key_epoch,
                ...reason,
                stripe_invoice_id: null,
                progress: "none",
              })
            },
            onProgress: async ({ progress, stripe_invoice_id, stripe_customer_id }) => {
              // "sent" is written below, together with the invoice's state.
              if (progress === "sent") return
              const current = await invoicing.retrieveInvoice(invoice_id, { select: ["status"] })
              const forward = isForwardTransition(current.status as InvoiceStatus, "draft")
              await invoicing.updateInvoices({
                id: invoice_id,
                progress,
                stripe_invoice_id,
                stripe_customer_id,
                ...(forward ? { status: "draft" } : {}),
              })
            },
          },
          {
            verifyWithStripe:
              Date.now() - new Date(invoice.created_at as unknown as string).getTime() > KEY_RETENTION_MS,
          }
        )
        const current = await invoicing.retrieveInvoice(invoice_id)
        const {
          invoice: updated,
          drift,
          events,
        } = await applyRemoteInvoice(container, current, sent, { progress: "sent", last_error: null })
        if (drift.length)
          await invoicing.updateInvoices({
            id: invoice_id,
            last_error: `Issued, but differs from Stripe: ${drift.join("; ")}`,
          })
        logWith(logger, "info", "invoice issued", {
          order_id: invoice.order_id,
          invoice_id,
          stripe_invoice_id: updated.stripe_invoice_id,
          status: updated.status,
        })
        return { invoice_id, issued: true, status: updated.status, events }
      } catch (error) {
        await invoicing.updateInvoices({ id: invoice_id, last_error: describeError(error) })
        logWith(logger, "warn", `invoice issuing failed: ${describeError(error)}`, {
          order_id: invoice.order_id,
          invoice_id,
          attempt: invoice.attempts,
        })
        throw error
      }
    })
    return new StepResponse(output)
  }
)

/**
 * What a reissued or supplementary invoice states besides its lines: the
 * number of the invoice it replaces (reissue) or adds to (supplementary: the
 * newest earlier live invoice), and the most Medusa may capture when it is
 * paid — what it bills, no more than the payment it settles. The order's own
 * invoice states neither (its create call must stay exactly what it was).
 */
async function laterInvoiceTerms(
  container: Pick<MedusaContainer, "resolve">,
  invoice: InvoiceRecord,
  billedMinor: bigint
): Promise<{ related_invoice_number: string | null; capture_max_minor: bigint | null }> {
  if (!invoice.kind || invoice.kind === "order") return { related_invoice_number: null, capture_max_minor: null }
  const invoices = await invoicesOfOrder(container, invoice.order_id)
  const related =
    invoice.kind === "reissue"
      ? invoices.find((i) => i.id === invoice.replaces_invoice_id)
      : [...invoices]
          .reverse()
          .find((i) => i.status !== "void" && Number(i.sequence) < Number(invoice.sequence) && i.number)
  let cap: bigint | null = null
  if (invoice.payment_session_id) {
    const session = await container
      .resolve(Modules.PAYMENT)
      .retrievePaymentSession(invoice.payment_session_id, { select: ["id", "amount"] })
    const payable = toMinor(decimalOf(session.amount), invoice.currency_code, { round: true })
    cap = payable < billedMinor ? payable : billedMinor
  }
  return { related_invoice_number: related?.number ?? null, capture_max_minor: cap }
}
