import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { getHubStripe } from "../../../lib/stripe/hub-stripe"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import { AppliedRemoteState, applyRemoteInvoice, invoiceHubEvent, InvoiceRecord, isStripeNotFound } from "./invoice-state"

/**
 * Voids the invoice of a canceled order, whatever stage it reached: a record
 * Stripe never saw, or a Stripe draft (deleted), is voided locally; an open or
 * uncollectible invoice is voided on Stripe with the order's void key
 * (inv:<order>:void:v1), so a repeated run replays. A paid invoice is left as
 * it is (canceling a paid order refunds it: a credit note). Call it under the
 * invoice's lock.
 */
export async function voidOrderInvoice(container: { resolve: any }, invoice: InvoiceRecord): Promise<AppliedRemoteState> {
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  if (invoice.status === "paid") return { invoice, changed: [], events: [], drift: [] }
  // Already void (e.g. by the issuing run): the hub event is once-only by its key.
  if (invoice.status === "void") return { invoice, changed: [], events: [invoiceHubEvent("invoice.voided", invoice)], drift: [] }
  const stripe = getHubStripe()
  let remote = invoice.stripe_invoice_id
    ? await stripe.invoices.retrieve(invoice.stripe_invoice_id).catch((e) => (isStripeNotFound(e) ? null : Promise.reject(e)))
    : null
  if (remote && (remote.status === "open" || remote.status === "uncollectible")) {
    remote = await stripe.invoices.voidInvoice(remote.id!, {}, { idempotencyKey: stripeKeys.invoiceVoid(invoice.order_id) })
  }
  if (remote && remote.status !== "draft") return await applyRemoteInvoice(container, invoice, remote)

  if (remote?.status === "draft") await stripe.invoices.del(remote.id!)
  const updated = await invoicing.updateInvoices({ id: invoice.id, status: "void", voided_at: new Date(), amount_due_minor: 0, last_error: null })
  return { invoice: updated, changed: ["status"], events: [invoiceHubEvent("invoice.voided", updated)], drift: [] }
}
