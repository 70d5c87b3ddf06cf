// Invoice locks, invoice hub events and applying Stripe's invoice state: shared by the invoicing steps.
import type Stripe from "stripe"
import type { HubEventType } from "../../../modules/outbox/catalogue"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { compareWithStripe, HUB_EVENT_BY_STATUS, MirroredInvoice } from "../../../modules/invoicing/lib/stripe-state"
import { toInvoiceDocument } from "../../../modules/invoicing/lib/invoice-document"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"

type Container = MedusaContainer | { resolve: MedusaContainer["resolve"] }

/** An invoice record as the invoicing module returns it. */
export type InvoiceRecord = Awaited<ReturnType<InvoicingModuleService["retrieveInvoice"]>>

/** A credit note record as the invoicing module returns it. */
export type CreditNoteRecord = Awaited<ReturnType<InvoicingModuleService["retrieveCreditNote"]>>

/**
 * Runs `job` holding the lock on an order's invoicing: what happens to an
 * order's invoices after a change (void, reissue, supplement, credit) is
 * decided by one run at a time. Taken before any invoice's lock, never while
 * holding one.
 */
export async function withOrderInvoicingLock<T>(
  container: Container,
  orderId: string,
  job: () => Promise<T>
): Promise<T> {
  const locking = container.resolve(Modules.LOCKING)
  return await locking.execute(`invoicing-order:${orderId}`, job, { timeout: 120 })
}

/**
 * Runs `job` holding the invoice's lock: the issuing run, a webhook, the
 * cancel subscriber and reconciliation never interleave on one invoice.
 */
export async function withInvoiceLock<T>(container: Container, invoiceId: string, job: () => Promise<T>): Promise<T> {
  const locking = container.resolve(Modules.LOCKING)
  return await locking.execute(`invoice:${invoiceId}`, job, { timeout: 60 })
}

/** The hub event for a fact about an invoice; the dedupe key makes it once-only. */
export function invoiceHubEvent(
  type: HubEventType,
  invoice: InvoiceRecord,
  extra: Record<string, unknown> = {},
  key = `${type}:${invoice.id}`
): RecordHubEventStepInput {
  return {
    type,
    resource_type: "invoice",
    resource_id: invoice.id,
    dedupe_key: key,
    data: { ...extra, invoice: toInvoiceDocument(invoice) },
  }
}

export type AppliedRemoteState = {
  invoice: InvoiceRecord
  changed: string[]
  events: RecordHubEventStepInput[]
  drift: string[]
}

/**
 * Brings our record up to Stripe's current invoice (forward-only status,
 * money as Stripe has it) plus `extra` fields, and returns the hub events the
 * change produces. Call it under the invoice's lock.
 */
export async function applyRemoteInvoice(
  container: Container,
  invoice: InvoiceRecord,
  remote: Stripe.Invoice,
  extra: Record<string, unknown> = {}
): Promise<AppliedRemoteState> {
  const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const { patch, transition, drift } = compareWithStripe(invoice as unknown as MirroredInvoice, remote)
  const changes = { ...patch, ...extra }
  if (!invoice.stripe_invoice_id && remote.id) changes.stripe_invoice_id = remote.id
  const changed = Object.keys(changes)
  if (!changed.length) return { invoice, changed, events: [], drift }
  const updated = await invoicing.updateInvoices({ id: invoice.id, ...changes })
  const hubType = transition ? HUB_EVENT_BY_STATUS[transition] : undefined
  const events = hubType ? [invoiceHubEvent(hubType, updated)] : []
  // Stripe's webhook can outrun the issuing run (an invoice paid seconds after
  // it was sent): record invoice.issued first, so the invoice's events keep
  // their order in `sequence`. Same key as the issuing run's, which is then a no-op.
  if (hubType && remote.status_transitions?.finalized_at) events.unshift(invoiceHubEvent("invoice.issued", updated))
  return { invoice: updated, changed, events, drift }
}

// Shared with the issuing sequence (src/modules/invoicing/lib), which may not import from workflows.
export { isStripeNotFound } from "../../../lib/stripe/errors"
