// Voids an order's invoice in Stripe and in our record; used by the void, issue and record-invoice-change steps.
import type Stripe from "stripe"
import type { MedusaContainer } from "@medusajs/framework/types"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import {
  AppliedRemoteState,
  applyRemoteInvoice,
  invoiceHubEvent,
  InvoiceRecord,
  isStripeNotFound,
} from "./invoice-state"

/**
 * Voids one invoice of an order (the order was canceled, or changed while the
 * invoice was unpaid), whatever stage it reached: a record Stripe never saw,
 * or a Stripe draft (deleted), is voided locally; an open or uncollectible
 * invoice is voided on Stripe with the invoice's void key
 * (inv:<order>:void:v<sequence>), so a repeated run replays. A paid invoice
 * is left as it is — and so is one Stripe says was paid meanwhile: the
 * returned state is then paid, and the caller must not replace it. Call it
 * under the invoice's lock.
 */
export async function voidOrderInvoice(
  container: Pick<MedusaContainer, "resolve">,
  invoice: InvoiceRecord
): Promise<AppliedRemoteState> {
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  if (invoice.status === "paid") return { invoice, changed: [], events: [], drift: [] }
  // Already void (e.g. by the issuing run): the hub event is once-only by its key.
  if (invoice.status === "void")
    return { invoice, changed: [], events: [invoiceHubEvent("invoice.voided", invoice)], drift: [] }
  const stripe = invoicing.stripe()
  let remote = invoice.stripe_invoice_id
    ? await stripe.invoices
        .retrieve(invoice.stripe_invoice_id)
        .catch((e) => (isStripeNotFound(e) ? null : Promise.reject(e)))
    : await draftStripeNeverReported(container, stripe, invoice)
  if (remote && (remote.status === "open" || remote.status === "uncollectible")) {
    remote = await stripe.invoices.voidInvoice(
      remote.id!,
      {},
      { idempotencyKey: stripeKeys.invoiceVoid(invoice.order_id, Number(invoice.sequence ?? 1)) }
    )
  }
  if (remote && remote.status !== "draft") return await applyRemoteInvoice(container, invoice, remote)

  if (remote?.status === "draft") await stripe.invoices.del(remote.id!)
  const updated = await invoicing.updateInvoices({
    id: invoice.id,
    status: "void",
    voided_at: new Date(),
    amount_due_minor: 0,
    last_error: null,
  })
  return { invoice: updated, changed: ["status"], events: [invoiceHubEvent("invoice.voided", updated)], drift: [] }
}

/**
 * An issuing run that sent the create call but crashed before recording the
 * answer left a draft on Stripe our record does not name: found by its
 * hub_invoice_id among the company customer's recent invoices, so voiding
 * deletes it instead of leaving it behind. A record no run ever tried has
 * nothing on Stripe: no call.
 */
async function draftStripeNeverReported(
  container: Pick<MedusaContainer, "resolve">,
  stripe: Stripe,
  invoice: InvoiceRecord
): Promise<Stripe.Invoice | null> {
  if (!(invoice.attempts ?? 0)) return null
  const company = await (container.resolve(B2B_MODULE) as B2bModuleService).retrieveCompany(invoice.company_id)
  const customer = invoice.stripe_customer_id ?? company.stripe_customer_id
  if (!customer) return null
  const recent = await stripe.invoices.list({ customer, limit: 100 })
  return recent.data.find((i) => i.metadata?.hub_invoice_id === invoice.id) ?? null
}
