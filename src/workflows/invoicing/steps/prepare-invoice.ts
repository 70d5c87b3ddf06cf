import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { buildInvoiceLines } from "../../../modules/invoicing/lib/invoice-lines"
import { ORDER_MONEY_FIELDS, orderMoney, type MedusaMoneyOrder } from "../../../lib/orders/order-money"
import { orderMoneyToJson } from "../../../lib/orders/order-money-json"
import { dbMinor } from "../../../lib/money/db-minor"
import { daysUntilDue } from "../../../modules/invoicing/lib/terms"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"
import { invoicesOfOrder } from "../utils/order-invoices"

export const prepareInvoiceStepId = "prepare-invoice-step"

export type PrepareInvoiceStepInput = {
  /** The placed order to invoice. */
  order_id: string
  /** A given invoice record of the order (a reissue or supplementary invoice, or a retry); default: the order's own. */
  invoice_id?: string
}

export const ORDER_FIELDS_FOR_INVOICE = [
  ...ORDER_MONEY_FIELDS,
  "display_id",
  "metadata",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.payment_session_id",
  "payment_collections.payments.canceled_at",
]

type OrderPayment = {
  id: string
  provider_id: string
  payment_session_id?: string | null
  canceled_at?: Date | string | null
}

/** An order as read with ORDER_FIELDS_FOR_INVOICE and its status. */
export type OrderForInvoice = MedusaMoneyOrder & {
  display_id: number
  status: string
  metadata?: Record<string, unknown> | null
  payment_collections?: ({ payments?: (OrderPayment | null)[] | null } | null)[] | null
}

/**
 * Creates (once) our invoice record for a net-terms order: the durable intent
 * that the issuing step resumes from. Returns null for orders not paid on net
 * terms. The record is kept on failure (no compensation): it is what an
 * operator retries.
 *
 * With `invoice_id`, that record (a reissue or supplementary invoice the
 * order-change workflow recorded, or one being retried). Without, the
 * order's newest live invoice if it has any (after an edit the first one may
 * be void and replaced), else its first; a new record snapshots the order as
 * it is now, so an edit confirmed before the record existed is billed
 * without a reissue.
 */
export const prepareInvoiceStep = createStep(
  prepareInvoiceStepId,
  async ({ order_id, invoice_id }: PrepareInvoiceStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const { data: orders } = await query.graph({
      entity: "order",
      fields: [...ORDER_FIELDS_FOR_INVOICE, "status"],
      filters: { id: order_id },
    })
    const order = orders[0] as OrderForInvoice | undefined
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${order_id} not found`)

    const netTerms = (order.payment_collections ?? [])
      .flatMap((pc) => pc?.payments ?? [])
      .filter((p): p is OrderPayment => p?.provider_id === NET_TERMS_PROVIDER_ID)
    // A payment Medusa canceled (an edit reshaped the collections) still makes the order a net-terms one; a live one is preferred.
    const payment = netTerms.find((p) => !p.canceled_at) ?? netTerms[0]
    if (!payment) return new StepResponse(null)

    if (invoice_id) {
      const [given] = await invoicing.listInvoices({ id: invoice_id, order_id })
      if (!given)
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice ${invoice_id} of order ${order_id} not found`)
      return new StepResponse({ invoice_id: given.id, payment_id: payment.id as string })
    }
    const existing = await invoicesOfOrder(container, order_id)
    if (existing.length) {
      const live = existing.filter((i) => i.status !== "void")
      const chosen = live.length ? live[live.length - 1] : existing[0]
      return new StepResponse({ invoice_id: chosen.id as string, payment_id: payment.id as string })
    }
    // Canceled before it was invoiced: nothing to issue.
    if (order.status === "canceled") return new StepResponse(null)

    const meta = (order.metadata ?? {}) as Record<string, unknown>
    if (!meta.company_id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Order ${order_id} has no company: cannot invoice on net terms`
      )
    }
    // The record's total is what Stripe will bill: the order total plus any rounding Stripe's currency precision forces.
    const money = orderMoney(order)
    const { total_minor, rounding_minor } = buildInvoiceLines(money)
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
      rounding_minor: dbMinor(rounding_minor),
      money: orderMoneyToJson(money),
      amount_due_minor: dbMinor(total_minor),
    })
    return new StepResponse({ invoice_id: created.id, payment_id: payment.id as string })
  }
)
