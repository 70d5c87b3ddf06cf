// Cancels or captures the Medusa payment an invoice settles; used by the settle, reconcile and record-invoice-change steps.
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { toMajorString, toMinor } from "../../../lib/money"
import { withInvoiceLock, type InvoiceRecord } from "./invoice-state"
import { decimalOf, findInvoicePayment, openInvoicePayment } from "./invoice-payment"

/**
 * Keeps the Medusa payment an invoice settles in step with the invoice: a
 * voided invoice cancels it (uncaptured) — Medusa ignores a provider's
 * CANCELED webhook action — and, with `capturePaid`, a paid invoice captures
 * it (without it, Medusa's own invoice.paid handling captures). Never more
 * than the invoice collected: at most what Stripe says was paid and what the
 * invoice bills (an order's later invoices each settle their own payment).
 * A paid invoice whose payment Medusa canceled (an order change or a return
 * reshaped the payment collections) settles the collection Medusa opened
 * instead — for what this invoice collected, not for the collection's whole
 * amount. All through the net-terms provider, which sees Stripe already
 * agrees and makes no Stripe write. Returns what it did. Takes the
 * invoice's lock: do not call it while holding it.
 */
export async function settleMedusaPayment(
  container: MedusaContainer,
  invoiceId: string,
  options: { capturePaid: boolean }
): Promise<"canceled" | "captured" | null> {
  // Under the invoice's lock: two events of one payment must not settle twice.
  return await withInvoiceLock(container, invoiceId, () => settle(container, invoiceId, options))
}

/**
 * What Medusa may capture for a paid invoice: what Stripe collected — paid, plus the company's
 * account credit (earlier return credit notes) Stripe applied to it — at most what the invoice
 * bills (ISO minor units). Account credit settles the order like a payment: the buyer was owed
 * it and chose not to be refunded, so the order is captured in full.
 */
function collectedMinor(
  invoice: Pick<InvoiceRecord, "amount_paid_minor" | "credit_applied_minor" | "total_minor" | "rounding_minor">
): bigint {
  const paid = BigInt(String(invoice.amount_paid_minor ?? 0)) + BigInt(String(invoice.credit_applied_minor ?? 0))
  const billed = BigInt(String(invoice.total_minor ?? 0)) - BigInt(String(invoice.rounding_minor ?? 0))
  return paid < billed ? paid : billed
}

async function settle(
  container: MedusaContainer,
  invoiceId: string,
  options: { capturePaid: boolean }
): Promise<"canceled" | "captured" | null> {
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const invoice = await invoicing.retrieveInvoice(invoiceId)
  if (invoice.status !== "void" && invoice.status !== "paid") return null
  const payment = await findInvoicePayment(container, invoice)
  if (payment?.captured_at) return null
  if (!payment || payment.canceled_at) {
    return invoice.status === "paid" ? await settleReplacementCollection(container, invoice) : null
  }
  if (invoice.status === "paid" && !options.capturePaid) return null
  if (invoice.status === "void") {
    await container.resolve(Modules.PAYMENT).cancelPayment(payment.id)
    return "canceled"
  }
  const cap = collectedMinor(invoice)
  const whole = toMinor(decimalOf(payment.amount), invoice.currency_code, { round: true })
  // The whole payment when the invoice collected it (Medusa's amount may be
  // finer than a minor unit and round one unit apart), else what it collected.
  const amount = cap + 1n >= whole ? undefined : toMajorString(cap, invoice.currency_code)
  if (amount !== undefined && cap <= 0n) return null
  await capturePaymentWorkflow(container).run({
    input: { payment_id: payment.id, ...(amount !== undefined ? { amount } : {}) },
  })
  return "captured"
}

/**
 * Medusa canceled the invoice's payment before the invoice was paid: a
 * return received or an order change confirmed while it was open (Medusa
 * cancels the authorization and opens a collection for what is pending). The
 * money the invoice collected is recorded on that collection: a net-terms
 * payment for what this invoice collected (never the collection's whole
 * amount, which may include an increase billed on another invoice), authorized
 * and captured; the provider sees Stripe says paid and makes no Stripe call.
 * The payment names the invoice (data.hub_invoice_id), so a second run finds
 * it captured and does nothing.
 */
async function settleReplacementCollection(
  container: MedusaContainer,
  invoice: InvoiceRecord
): Promise<"captured" | null> {
  const cap = collectedMinor(invoice)
  if (cap <= 0n) return null
  const opened = await openInvoicePayment(container, invoice, cap)
  if (!opened) return null
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const payment = await container
    .resolve(Modules.PAYMENT)
    .retrievePayment(opened.payment_id, { select: ["id", "captured_at"] })
  if (!payment.captured_at) await capturePaymentWorkflow(container).run({ input: { payment_id: opened.payment_id } })
  // The invoice now settles this payment (a later run finds it by session and stops).
  await invoicing.updateInvoices({ id: invoice.id, payment_session_id: opened.session_id })
  return payment.captured_at ? null : "captured"
}
