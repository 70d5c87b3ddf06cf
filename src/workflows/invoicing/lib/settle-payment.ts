import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow, createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { findNetTermsPayment, withInvoiceLock } from "./invoice-state"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"

/**
 * Keeps the order's Medusa payment in step with its invoice: a voided invoice
 * cancels the (uncaptured) payment — Medusa ignores a provider's CANCELED
 * webhook action — and, with `capturePaid`, a paid invoice captures it
 * (without it, Medusa's own invoice.paid handling captures). A paid invoice
 * whose payment Medusa canceled after a return settles the replacement
 * collection. All through the net-terms provider, which sees Stripe already
 * agrees and makes no Stripe write. Returns what it did. Takes the invoice's
 * lock: do not call it while holding it.
 */
export async function settleMedusaPayment(
  container: MedusaContainer,
  invoiceId: string,
  options: { capturePaid: boolean }
): Promise<"canceled" | "captured" | null> {
  // Under the invoice's lock: two events of one payment must not settle twice.
  return await withInvoiceLock(container, invoiceId, () => settle(container, invoiceId, options))
}

async function settle(container: MedusaContainer, invoiceId: string, options: { capturePaid: boolean }): Promise<"canceled" | "captured" | null> {
  const invoice = await (container.resolve(INVOICING_MODULE) as InvoicingModuleService).retrieveInvoice(invoiceId)
  if (invoice.status !== "void" && invoice.status !== "paid") return null
  const payment = await findNetTermsPayment(container, invoice.order_id)
  if (!payment || payment.captured_at) return null
  if (payment.canceled_at) {
    return invoice.status === "paid" ? await settleReplacementCollection(container, invoice) : null
  }
  if (invoice.status === "paid" && !options.capturePaid) return null
  if (invoice.status === "void") {
    await container.resolve(Modules.PAYMENT).cancelPayment(payment.id)
    return "canceled"
  }
  await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
  return "captured"
}

/**
 * A return received before payment makes Medusa cancel the order's authorized
 * payment and open a new payment collection for the remaining amount. When
 * the (credited) invoice is then paid, that collection is settled with a
 * net-terms payment carrying the invoice reference: a session, authorized and
 * captured (the provider sees Stripe says paid and makes no Stripe call).
 */
async function settleReplacementCollection(container: MedusaContainer, invoice: { order_id: string; stripe_invoice_id?: string | null; currency_code: string }): Promise<"captured" | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "status",
      "payment_collections.id",
      "payment_collections.status",
      "payment_collections.amount",
      "payment_collections.payment_sessions.id",
      "payment_collections.payment_sessions.provider_id",
      "payment_collections.payment_sessions.status",
      "payment_collections.payment_sessions.data",
    ],
    filters: { id: invoice.order_id },
  })
  const order = data[0] as any
  if (!order || order.status === "canceled") return null
  const collection = (order.payment_collections ?? []).find((pc: any) => ["not_paid", "awaiting"].includes(pc?.status) && Number(pc.amount) > 0)
  if (!collection) return null
  const payments = container.resolve(Modules.PAYMENT)
  let session = (collection.payment_sessions ?? []).find((s: any) => s?.provider_id === NET_TERMS_PROVIDER_ID && s.status !== "canceled")
  if (!session) {
    const { result } = await createPaymentSessionsWorkflow(container).run({ input: { payment_collection_id: collection.id, provider_id: NET_TERMS_PROVIDER_ID } })
    session = result
  }
  // The invoice reference is set server-side (session data from a storefront is not trusted).
  if (session.status !== "authorized") {
    await payments.updatePaymentSession({
      id: session.id,
      amount: collection.amount,
      currency_code: invoice.currency_code,
      data: { ...(session.data ?? {}), order_id: invoice.order_id, stripe_invoice_id: invoice.stripe_invoice_id, currency_code: invoice.currency_code },
    })
  }
  const payment = await payments.authorizePaymentSession(session.id, {})
  if (!payment) return null
  await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
  return "captured"
}
