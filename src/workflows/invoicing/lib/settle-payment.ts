import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { findNetTermsPayment } from "./invoice-state"

/**
 * Keeps the order's Medusa payment in step with its invoice: a voided invoice
 * cancels the (uncaptured) payment — Medusa ignores a provider's CANCELED
 * webhook action — and, with `capturePaid`, a paid invoice captures it. Both
 * go through the net-terms provider, which sees Stripe already agrees and
 * makes no Stripe write. Returns what it did.
 */
export async function settleMedusaPayment(
  container: MedusaContainer,
  invoiceId: string,
  options: { capturePaid: boolean }
): Promise<"canceled" | "captured" | null> {
  const invoice = await (container.resolve(INVOICING_MODULE) as InvoicingModuleService).retrieveInvoice(invoiceId)
  if (invoice.status !== "void" && !(options.capturePaid && invoice.status === "paid")) return null
  const payment = await findNetTermsPayment(container, invoice.order_id)
  if (!payment || payment.canceled_at || payment.captured_at) return null
  if (invoice.status === "void") {
    await container.resolve(Modules.PAYMENT).cancelPayment(payment.id)
    return "canceled"
  }
  await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
  return "captured"
}
