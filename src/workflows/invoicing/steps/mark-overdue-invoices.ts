import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { applyRemoteInvoice, invoiceHubEvent, withInvoiceLock } from "../utils/invoice-state"

export const markOverdueInvoicesStepId = "mark-overdue-invoices-step"

export type MarkOverdueInvoicesStepInput = {
  /** ISO date-time taken as "now" (default: the current time). */
  now?: string
  /** At most this many invoices per run (the job runs again). */
  limit?: number
}

export type MarkOverdueInvoicesStepOutput = { marked: string[]; settled: string[]; events: RecordHubEventStepInput[] }

/**
 * Open invoices past their due date get `overdue_at` and an `invoice.overdue`
 * hub event (Stripe only sends invoice.overdue when an automation is set up).
 * Each is first checked against Stripe, so an invoice paid moments ago whose
 * webhook is late is recorded as paid, not announced as overdue. Once-only:
 * overdue_at is set, and the event's dedupe key is invoice.overdue:<id>.
 */
export const markOverdueInvoicesStep = createStep(
  markOverdueInvoicesStepId,
  async (input: MarkOverdueInvoicesStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const now = input.now ? new Date(input.now) : new Date()
    const candidates = await invoicing.listInvoices(
      { status: "open", overdue_at: null, due_at: { $lt: now } },
      {
        take: input.limit ?? 500,
        order: { due_at: "ASC" },
      }
    )
    const output: MarkOverdueInvoicesStepOutput = { marked: [], settled: [], events: [] }
    for (const candidate of candidates) {
      await withInvoiceLock(container, candidate.id, async () => {
        let invoice = await invoicing.retrieveInvoice(candidate.id)
        if (invoice.status !== "open" || invoice.overdue_at || !invoice.due_at || new Date(invoice.due_at) >= now)
          return
        if (invoice.stripe_invoice_id) {
          try {
            const applied = await applyRemoteInvoice(
              container,
              invoice,
              await invoicing.stripe().invoices.retrieve(invoice.stripe_invoice_id)
            )
            output.events.push(...applied.events)
            invoice = applied.invoice
          } catch (error) {
            // Stripe unreachable: our record is the best knowledge; reconciliation catches up.
            logger.warn(`invoices-overdue: could not check ${invoice.id} with Stripe: ${(error as Error).message}`)
          }
        }
        if (invoice.status !== "open") {
          output.settled.push(invoice.id)
          return
        }
        const updated = await invoicing.updateInvoices({ id: invoice.id, overdue_at: now })
        output.marked.push(invoice.id)
        output.events.push(invoiceHubEvent("invoice.overdue", updated))
      })
    }
    return new StepResponse(output)
  }
)
