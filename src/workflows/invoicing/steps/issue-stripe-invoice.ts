import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import type { InvoiceStatus } from "../../../modules/invoicing/models/invoice"
import { buildInvoiceLines } from "../../../modules/invoicing/lib/invoice-lines"
import { runIssueSequence } from "../../../modules/invoicing/lib/issue-sequence"
import { isForwardTransition } from "../../../modules/invoicing/lib/status"
import { getHubStripe } from "../../../lib/stripe/hub-stripe"
import { ORDER_FIELDS_FOR_INVOICE } from "./prepare-invoice"
import { applyRemoteInvoice, withInvoiceLock } from "../lib/invoice-state"
import { voidOrderInvoice } from "../lib/void-invoice"
import type { RecordHubEventStepInput } from "../../hub/steps/record-hub-event"

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

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 1000)

/**
 * Runs the net-terms call sequence for our invoice record (see
 * runIssueSequence), under the invoice's lock, resuming from the recorded
 * progress. A failure is recorded on the invoice (`last_error`, `attempts`)
 * and rethrown; running the workflow again — the reconcile job, or
 * POST /admin/invoices/:id/retry — picks up where it stopped. Stripe writes
 * cannot be undone by compensation: a failed run is retried, never rolled back.
 */
export const issueStripeInvoiceStep = createStep(
  issueStripeInvoiceStepId,
  async ({ invoice_id }: IssueStripeInvoiceStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const output = await withInvoiceLock(container, invoice_id, async (): Promise<IssueStripeInvoiceStepOutput> => {
      let invoice = await invoicing.retrieveInvoice(invoice_id)
      // Progress, not status, says whether we are done: a webhook can move the
      // status to open between finalize and send.
      if (invoice.progress === "sent" || invoice.status === "paid" || invoice.status === "void") {
        return { invoice_id, issued: invoice.status !== "void", status: invoice.status, events: [] }
      }
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: [...ORDER_FIELDS_FOR_INVOICE, "status"], filters: { id: invoice.order_id } })
      const order = orders[0] as any
      if (order?.status === "canceled") {
        const { invoice: voided, events } = await voidOrderInvoice(container, invoice)
        return { invoice_id, issued: false, status: voided.status, events }
      }

      invoice = await invoicing.updateInvoices({ id: invoice_id, attempts: (invoice.attempts ?? 0) + 1 })
      const stripe = getHubStripe()
      const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
      try {
        const { lines } = buildInvoiceLines(order)
        const company = await b2b.retrieveCompany(invoice.company_id)
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
            },
            order: { id: order.id, display_id: order.display_id, currency_code: order.currency_code, po_number: order.metadata?.po_number ? String(order.metadata.po_number) : null },
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
            onProgress: async ({ progress, stripe_invoice_id, stripe_customer_id }) => {
              // "sent" is written below, together with the invoice's state.
              if (progress === "sent") return
              const current = await invoicing.retrieveInvoice(invoice_id, { select: ["status"] })
              const forward = isForwardTransition(current.status as InvoiceStatus, "draft")
              await invoicing.updateInvoices({ id: invoice_id, progress, stripe_invoice_id, stripe_customer_id, ...(forward ? { status: "draft" } : {}) })
            },
          },
          { verifyWithStripe: Date.now() - new Date(invoice.created_at as unknown as string).getTime() > KEY_RETENTION_MS }
        )
        const current = await invoicing.retrieveInvoice(invoice_id)
        const { invoice: updated, drift, events } = await applyRemoteInvoice(container, current, sent, { progress: "sent", last_error: null })
        if (drift.length) await invoicing.updateInvoices({ id: invoice_id, last_error: `Issued, but differs from Stripe: ${drift.join("; ")}` })
        return { invoice_id, issued: true, status: updated.status, events }
      } catch (error) {
        await invoicing.updateInvoices({ id: invoice_id, last_error: errorText(error) })
        throw error
      }
    })
    return new StepResponse(output)
  }
)
