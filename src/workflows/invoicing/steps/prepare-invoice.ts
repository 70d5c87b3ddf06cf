import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { buildInvoiceLines } from "../../../modules/invoicing/lib/invoice-lines"
import { dbMinor } from "../../../lib/money/db-minor"
import { daysUntilDue } from "../../../modules/invoicing/lib/terms"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"

export const prepareInvoiceStepId = "prepare-invoice-step"

export type PrepareInvoiceStepInput = {
  /** The placed order to invoice. */
  order_id: string
}

export const ORDER_FIELDS_FOR_INVOICE = [
  "id",
  "display_id",
  "currency_code",
  "total",
  "tax_total",
  "metadata",
  "items.id",
  "items.title",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.discount_total",
  "items.metadata",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.discount_total",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.payment_session_id",
]

/**
 * Creates (once) our invoice record for a net-terms order: the durable intent
 * that the issuing step resumes from. Returns null for orders not paid on net
 * terms. The record is kept on failure (no compensation): it is what an
 * operator retries.
 */
export const prepareInvoiceStep = createStep(
  prepareInvoiceStepId,
  async ({ order_id }: PrepareInvoiceStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const { data: orders } = await query.graph({ entity: "order", fields: [...ORDER_FIELDS_FOR_INVOICE, "status"], filters: { id: order_id } })
    const order = orders[0] as any
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${order_id} not found`)

    const payment = (order.payment_collections ?? [])
      .flatMap((pc: any) => pc?.payments ?? [])
      .find((p: any) => p?.provider_id === NET_TERMS_PROVIDER_ID)
    if (!payment) return new StepResponse(null)

    const [existing] = await invoicing.listInvoices({ order_id })
    if (existing) return new StepResponse({ invoice_id: existing.id, payment_id: payment.id as string })
    // Canceled before it was invoiced: nothing to issue.
    if (order.status === "canceled") return new StepResponse(null)

    const meta = (order.metadata ?? {}) as Record<string, unknown>
    if (!meta.company_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Order ${order_id} has no company: cannot invoice on net terms`)
    }
    const { total_minor } = buildInvoiceLines(order)
    const terms = String(meta.payment_terms ?? "net_30")
    const created = await invoicing.createInvoices({
      order_id,
      company_id: String(meta.company_id),
      contract_id: meta.contract_id ? String(meta.contract_id) : null,
      payment_session_id: payment.payment_session_id ?? null,
      currency_code: order.currency_code,
      payment_terms: terms,
      days_until_due: daysUntilDue(terms),
      total_minor: dbMinor(total_minor),
      amount_due_minor: dbMinor(total_minor),
    })
    return new StepResponse({ invoice_id: created.id, payment_id: payment.id as string })
  }
)
