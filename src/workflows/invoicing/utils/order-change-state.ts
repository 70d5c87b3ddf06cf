// Reads an order's money, invoices and credit notes for the record-invoice-change step.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"
import { ORDER_MONEY_FIELDS, orderMoney, OrderMoney, type MedusaMoneyOrder } from "../../../lib/orders/order-money"
import { orderMoneyFromJson } from "../../../lib/orders/order-money-json"
import { creditLinesFromJson } from "../../../modules/invoicing/lib/credit-lines"
import type { PlanInvoice, PlanNote } from "../../../modules/invoicing/lib/invoice-change-plan"
import type { OrderPayments } from "../../../modules/b2b/lib/net-terms-order"
import type { InvoiceRecord } from "./invoice-state"
import { invoicesOfOrder } from "./order-invoices"

type Container = MedusaContainer | { resolve: MedusaContainer["resolve"] }

/** Everything an order-change decision reads: the order now, its invoices and its credit notes. */
export type OrderChangeState = {
  order_id: string
  status: string
  /** Medusa's order version (each confirmed change adds one). */
  version: number
  /** The latest confirmed order change (edit, claim, exchange): what a credit note for this state is keyed by. */
  change_id: string | null
  money: OrderMoney
  /** Our invoice records, first to last. */
  records: InvoiceRecord[]
  invoices: PlanInvoice[]
  notes: (PlanNote & { id: string; stripe_credit_note_id: string | null })[]
}

const minor = (v: unknown) => BigInt(String(v ?? 0))

/** The order as read here: its money, status, version and payments. */
type OrderRow = MedusaMoneyOrder & OrderPayments & { status: string; version?: number | null }

/** Null when the order is not paid on net terms (nothing of ours to follow). */
export async function loadOrderChangeState(container: Container, orderId: string): Promise<OrderChangeState | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const { data } = await query.graph({
    entity: "order",
    fields: [...ORDER_MONEY_FIELDS, "status", "version", "payment_collections.payments.provider_id"],
    filters: { id: orderId },
  })
  const order = data[0] as OrderRow | undefined
  if (!order) return null
  const netTerms = (order.payment_collections ?? []).some((pc) =>
    (pc?.payments ?? []).some((p) => p?.provider_id === NET_TERMS_PROVIDER_ID)
  )
  if (!netTerms) return null

  const { data: changes } = await query.graph({
    entity: "order_change",
    fields: ["id", "version", "status"],
    filters: { order_id: orderId, status: "confirmed" },
  })
  const confirmed = changes as { id: string; version?: number | null }[]
  const latest = [...confirmed].sort((a, b) => Number(b.version ?? 0) - Number(a.version ?? 0))[0]
  const records = await invoicesOfOrder(container, orderId)
  const notes = await invoicing.listCreditNotes({ order_id: orderId })
  return {
    order_id: orderId,
    status: String(order.status),
    version: Number(order.version ?? 1),
    change_id: latest?.id ?? null,
    money: orderMoney(order),
    records,
    invoices: records.map((r) => ({
      id: r.id,
      sequence: Number(r.sequence ?? 1),
      status: r.status,
      total_minor: minor(r.total_minor),
      amount_paid_minor: minor(r.amount_paid_minor),
      credited_minor: minor(r.credited_minor),
      money: r.money ? orderMoneyFromJson(r.money) : null,
    })),
    notes: notes.map((n) => ({
      id: n.id,
      invoice_id: n.invoice_id,
      reason_key: n.reason_key,
      amount_minor: minor(n.amount_minor),
      lines: creditLinesFromJson(n.lines),
      stripe_credit_note_id: n.stripe_credit_note_id ?? null,
    })),
  }
}
