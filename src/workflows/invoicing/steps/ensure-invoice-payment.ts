import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { withInvoiceLock } from "../utils/invoice-state"
import { findInvoicePayment, openInvoicePayment } from "../utils/invoice-payment"

export const ensureInvoicePaymentStepId = "ensure-invoice-payment-step"

export type EnsureInvoicePaymentStepInput = { invoice_id: string }

/**
 * The Medusa payment the invoice will settle, before Stripe is asked (the
 * invoice carries its session id, which Medusa's invoice.paid handling
 * captures). The order's own invoice has the checkout's payment; a reissued
 * or supplementary invoice — or the first invoice of an order edited before
 * it was issued, whose checkout payment Medusa canceled — gets a payment on
 * the collection Medusa opened for the change (openInvoicePayment), for at
 * most what the invoice bills. Only an invoice no run has sent to Stripe is
 * re-pointed: a create call Stripe may already have seen must replay with
 * the same session id (a later paid invoice settles through
 * settleMedusaPayment's replacement path instead).
 *
 * No compensation: like the invoice record (prepareInvoiceStep), the payment
 * is the durable counterpart of an invoice that will be issued; a retry
 * finds it (its session names the invoice) instead of opening another.
 */
export const ensureInvoicePaymentStep = createStep(
  ensureInvoicePaymentStepId,
  async ({ invoice_id }: EnsureInvoicePaymentStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const paymentId = await withInvoiceLock(container, invoice_id, async () => {
      const invoice = await invoicing.retrieveInvoice(invoice_id)
      const payment = await findInvoicePayment(container, invoice)
      if (payment && !payment.canceled_at) return payment.id
      const untried = !invoice.stripe_invoice_id && !(invoice.attempts ?? 0)
      if (!untried || invoice.status === "void" || invoice.status === "paid") return payment?.id ?? ""
      const billed = BigInt(String(invoice.total_minor)) - BigInt(String(invoice.rounding_minor ?? 0))
      const opened = await openInvoicePayment(container, invoice, billed)
      if (!opened) return payment?.id ?? ""
      await invoicing.updateInvoices({ id: invoice_id, payment_session_id: opened.session_id })
      return opened.payment_id
    })
    return new StepResponse({ payment_id: paymentId })
  }
)
