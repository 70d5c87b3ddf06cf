import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import type { UpdatePaymentDTO } from "@medusajs/framework/types"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"

/**
 * UpdatePaymentDTO only declares `id`, but the payment module passes the whole
 * object to its repository (2.21.2), so `data` is persisted.
 */
function withData(id: string, data: Record<string, unknown>): UpdatePaymentDTO {
  return { id, data } as UpdatePaymentDTO
}

export const linkInvoiceToPaymentStepId = "link-invoice-to-payment-step"

export type LinkInvoiceToPaymentStepInput = { invoice_id: string; payment_id: string }

/**
 * Stores the Stripe invoice id in the Medusa payment's data, so the net-terms
 * provider can capture (pay out of band), void or credit it later — the
 * invoice this payment settles, with its sequence (the version of its
 * pay-out-of-band key). No payment (an invoice nothing in Medusa waits for):
 * nothing to link.
 */
export const linkInvoiceToPaymentStep = createStep(
  linkInvoiceToPaymentStepId,
  async ({ invoice_id, payment_id }: LinkInvoiceToPaymentStepInput, { container }) => {
    if (!payment_id) return new StepResponse(undefined)
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const payments = container.resolve(Modules.PAYMENT)
    const invoice = await invoicing.retrieveInvoice(invoice_id)
    const payment = await payments.retrievePayment(payment_id, { select: ["id", "data"] })
    const previous = (payment.data ?? {}) as Record<string, unknown>
    await payments.updatePayment(
      withData(payment_id, {
        ...previous,
        order_id: invoice.order_id,
        stripe_invoice_id: invoice.stripe_invoice_id,
        currency_code: invoice.currency_code,
        hub_invoice_id: invoice.id,
        invoice_sequence: Number(invoice.sequence ?? 1),
      })
    )
    return new StepResponse(undefined, { payment_id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve(Modules.PAYMENT).updatePayment(withData(undo.payment_id, undo.previous))
  }
)
