import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { NET_TERMS_PROVIDER_ID } from "../../../modules/providers/net-terms/constants"
import { creditLinesFromJson, creditLinesTotal } from "../../../modules/invoicing/lib/credit-lines"
import { isReturnReasonKey } from "../../../modules/invoicing/lib/return-credit"
import {
  assessOrderDrift,
  DriftCreditNote,
  DriftErpDocument,
  DriftInvoice,
  MoneyDriftRow,
} from "../../../modules/invoicing/lib/money-drift"
import { ORDER_TOTAL_FIELDS, orderTotalMinor } from "../../../modules/invoicing/lib/order-total-minor"
import type { MedusaMoneyOrder } from "../../../lib/orders/order-money"
import type { OrderPayments } from "../../../modules/b2b/lib/net-terms-order"
import type { CreditNoteRecord, InvoiceRecord } from "../utils/invoice-state"

export const computeMoneyDriftStepId = "compute-money-drift-step"

export type ComputeMoneyDriftStepInput = {
  /** Only this order. */
  order_id?: string
  /** Orders placed at or after this instant (ISO 8601). */
  since?: string
  /** Orders placed before this instant (ISO 8601); the job leaves out orders still being handled. */
  until?: string
  /** Only orders with at least one problem. */
  drift_only?: boolean
  limit: number
  offset: number
}

export type MoneyDriftReport = {
  orders: MoneyDriftRow[]
  /** Orders matching the filters (with drift_only: drifting orders among them). */
  count: number
  limit: number
  offset: number
  drift_only: boolean
  /** Orders read to answer (all the window's orders with drift_only). */
  scanned: number
}

/** Orders read per query when scanning for drift_only. */
const SCAN_BATCH = 200

const ORDER_FIELDS = [
  ...new Set([
    ...ORDER_TOTAL_FIELDS,
    "id",
    "display_id",
    "currency_code",
    "status",
    "created_at",
    "payment_collections.payments.provider_id",
  ]),
]

/** An order as read with ORDER_FIELDS. */
type DriftOrderRow = MedusaMoneyOrder &
  OrderPayments & { display_id?: unknown; status: string; created_at: Date | string }

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))
const minor = (v: unknown) => BigInt(String(v ?? 0))

/**
 * Reads a page of orders (newest first) and compares each one's Medusa total
 * with its invoices, its last ERP document and its credit notes (rules in
 * modules/invoicing/lib/money-drift.ts). With drift_only the whole window is
 * scanned, since drift is known only after reading; `since` bounds it.
 * Read-only: nothing to compensate.
 */
export const computeMoneyDriftStep = createStep(
  computeMoneyDriftStepId,
  async (input: ComputeMoneyDriftStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    // A fixed upper bound: orders placed while we scan do not shift the pages.
    const until = new Date(Math.min(Date.now(), input.until ? new Date(input.until).getTime() : Infinity))
    const filters: Record<string, unknown> = {
      is_draft_order: false,
      created_at: { $lt: until, ...(input.since ? { $gte: new Date(input.since) } : {}) },
    }
    if (input.order_id) filters.id = input.order_id

    const page = async (skip: number, take: number) => {
      const { data, metadata } = await query.graph({
        entity: "order",
        fields: ORDER_FIELDS,
        filters,
        pagination: { skip, take, order: { created_at: "DESC", id: "DESC" } },
      })
      return {
        rows: await assess(container, data as DriftOrderRow[]),
        count: Number(metadata?.count ?? data.length),
        read: data.length,
      }
    }

    const drift_only = !!input.drift_only
    if (!drift_only) {
      const { rows, count, read } = await page(input.offset, input.limit)
      return new StepResponse<MoneyDriftReport>({
        orders: rows,
        count,
        limit: input.limit,
        offset: input.offset,
        drift_only,
        scanned: read,
      })
    }
    const orders: MoneyDriftRow[] = []
    let count = 0
    let scanned = 0
    for (let skip = 0; ; skip += SCAN_BATCH) {
      const { rows, read } = await page(skip, SCAN_BATCH)
      scanned += read
      for (const row of rows) {
        if (!row.problems.length) continue
        if (count >= input.offset && orders.length < input.limit) orders.push(row)
        count += 1
      }
      if (read < SCAN_BATCH) break
    }
    return new StepResponse<MoneyDriftReport>({
      orders,
      count,
      limit: input.limit,
      offset: input.offset,
      drift_only,
      scanned,
    })
  }
)

/** One batch: the orders' invoices, credit notes and feed documents in three reads, then the rules. */
async function assess(container: Pick<MedusaContainer, "resolve">, orders: DriftOrderRow[]): Promise<MoneyDriftRow[]> {
  if (!orders.length) return []
  const ids = orders.map((o) => o.id)
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const erp = container.resolve(ERP_MODULE) as ErpModuleService
  const [invoices, notes, feed] = await Promise.all([
    invoicing.listInvoices({ order_id: ids }, { order: { created_at: "ASC" } }),
    invoicing.listCreditNotes({ order_id: ids }),
    // The feed holds the latest document the hub gave ERPs (pushed and pulled alike).
    erp.listErpOrderFeeds({ order_id: ids }, { select: ["order_id", "document"] }),
  ])
  const invoicesOf = groupBy(invoices, (i) => i.order_id)
  const notesOf = groupBy(notes, (n) => n.order_id)
  const documentOf = new Map(feed.map((f) => [f.order_id, f.document as DriftErpDocument]))

  return orders.map((order) => {
    let total_minor: bigint | null = null
    let total_error: string | undefined
    try {
      total_minor = orderTotalMinor(order)
    } catch (error) {
      total_error = message(error)
    }
    const payments = (order.payment_collections ?? []).flatMap((pc) => pc?.payments ?? [])
    return assessOrderDrift({
      order: {
        id: order.id,
        display_id: Number(order.display_id),
        currency_code: order.currency_code,
        status: order.status,
        placed_at: new Date(order.created_at).toISOString(),
        net_terms: payments.some((p) => p?.provider_id === NET_TERMS_PROVIDER_ID),
        total_minor,
        total_error,
      },
      invoices: (invoicesOf.get(order.id) ?? []).map(toDriftInvoice),
      credit_notes: (notesOf.get(order.id) ?? []).map(toDriftCreditNote),
      erp_document: documentOf.get(order.id) ?? null,
    })
  })
}

function toDriftInvoice(invoice: InvoiceRecord): DriftInvoice {
  return {
    id: invoice.id,
    status: invoice.status,
    progress: invoice.progress,
    total_minor: minor(invoice.total_minor),
    // Stated on the invoice as a rounding line; not drift (see DriftInvoice).
    rounding_minor: minor(invoice.rounding_minor),
    attempts: Number(invoice.attempts ?? 0),
    last_error: invoice.last_error ?? null,
  }
}

function toDriftCreditNote(note: CreditNoteRecord): DriftCreditNote {
  const lines = isReturnReasonKey(note.reason_key) ? creditLinesFromJson(note.lines) : null
  return {
    amount_minor: minor(note.amount_minor),
    returned_goods_minor: lines ? creditLinesTotal(lines) : null,
    // Set once Stripe has the note (or NO_STRIPE_NOTE: refunds covered the goods).
    issued: !!note.stripe_credit_note_id,
  }
}

function groupBy<T>(list: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}
