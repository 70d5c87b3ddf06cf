import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { isNetTermsOrder, NET_TERMS_ORDER_FIELDS, type OrderPayments } from "../../../modules/b2b/lib/net-terms-order"
import { isDeadIssuingRun } from "../../../modules/invoicing/lib/issuing-retry"

export type OrdersBehind = {
  /** Orders with no `order.placed` hub event: the subscriber never ran for them. */
  unplaced: string[]
  /** Orders changed since the latest document an order event of theirs carries: an update or cancel event was lost. */
  stale: { order_id: string; canceled: boolean }[]
  /** Invoices sent to the buyer without an `invoice.issued` hub event: the issuing run died in between. */
  unannounced: { order_id: string; invoice_id: string }[]
  /**
   * Placed net-terms orders (their `order.placed` recorded) with no invoice record: the subscriber
   * died after recording the event and before the issuing run created the record, and the Medusa
   * event that would have run it again was lost. The invoices-reconcile job finds them too, but
   * only every 5 minutes and once they are 2 minutes old; this job's 30 s bring the invoice sooner.
   */
  uninvoiced: string[]
  /**
   * Invoice records whose issuing run died before sending (a killed worker: no error recorded,
   * idle since before `until`) and whose Medusa event was lost, so nothing runs them again.
   * invoices-reconcile resumes them too, but only every 5 minutes and after 2 idle minutes.
   */
  unissued: { order_id: string; invoice_id: string }[]
  /**
   * Canceled orders with an invoice neither void nor paid: the order.canceled handler (which
   * voids them) never ran, its Medusa event lost. Left alone, the buyer is billed for a
   * canceled order and Stripe keeps reminding them.
   */
  unvoided: string[]
}

/**
 * Orders last changed in [`since`, `until`) — a page of `limit` from `offset`, oldest change first — whose Medusa
 * event never became a hub event. Medusa's event bus keeps an event in Redis
 * only until a worker takes it, so a flush or a Redis restart without
 * persistence loses it; the grace lets a queued event wait for a worker that
 * is restarting. An order is stale when it changed after the newest document
 * its order events carry. (Not the ERP pull feed: the event workflow publishes
 * the document there before it records the event, so a run killed in between
 * leaves the feed current and the event missing.)
 */
export async function ordersBehindTheirEvents(
  container: MedusaContainer,
  { since, until, limit, offset }: { since: Date; until: Date; limit: number; offset: number }
): Promise<OrdersBehind & { checked: number }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "status", "updated_at", ...NET_TERMS_ORDER_FIELDS],
    filters: { updated_at: { $gte: since, $lt: until }, is_draft_order: false },
    pagination: { take: limit, skip: offset, order: { updated_at: "ASC", id: "ASC" } },
  })
  const orders = data as (OrderPayments & { id: string; status: string; updated_at: Date | string })[]
  if (!orders.length)
    return { unplaced: [], stale: [], unannounced: [], uninvoiced: [], unissued: [], unvoided: [], checked: 0 }
  const ids = orders.map((o) => o.id)

  // Every order event carries the order document it published (record-order-event.ts).
  const events = await container
    .resolve<OutboxModuleService>(OUTBOX_MODULE)
    .listHubEvents({ resource_type: "order", resource_id: ids }, { select: ["resource_id", "type", "payload"] })
  const isPlaced = new Set<string>()
  const published = new Map<string, number>()
  for (const event of events) {
    if (event.type === "order.placed") isPlaced.add(event.resource_id)
    const envelope = event.payload as { data?: { order?: { updated_at?: string } } }
    const at = Date.parse(envelope?.data?.order?.updated_at ?? "")
    if (at > (published.get(event.resource_id) ?? -Infinity)) published.set(event.resource_id, at)
  }

  const unplaced = ids.filter((id) => !isPlaced.has(id))
  const stale = orders
    .filter((o) => isPlaced.has(o.id) && new Date(o.updated_at).getTime() > (published.get(o.id) ?? Infinity))
    .map((o) => ({ order_id: o.id, canceled: o.status === "canceled" }))

  const invoices = await container
    .resolve<InvoicingModuleService>(INVOICING_MODULE)
    .listInvoices(
      { order_id: ids },
      { select: ["id", "order_id", "status", "progress", "last_error", "attempts", "updated_at"] }
    )
  const invoiced = new Set(invoices.map((i) => i.order_id))
  // As the issuing run decides (prepare-invoice.ts): net terms by payment provider; a canceled order owes nothing.
  const uninvoiced = orders
    .filter((o) => isPlaced.has(o.id) && !invoiced.has(o.id) && o.status !== "canceled" && isNetTermsOrder(o))
    .map((o) => o.id)

  // The issuing workflow's dedupe key (issue-invoice.ts): one invoice.issued per invoice.
  const sent = invoices.filter((i) => i.progress === "sent" && i.status !== "void")
  const announced = sent.length
    ? await container
        .resolve<OutboxModuleService>(OUTBOX_MODULE)
        .listHubEvents({ dedupe_key: sent.map((i) => `invoice.issued:${i.id}`) }, { select: ["resource_id"] })
    : []
  const isAnnounced = new Set(announced.map((e) => e.resource_id))
  const unannounced = sent
    .filter((i) => !isAnnounced.has(i.id))
    .map((i) => ({ order_id: i.order_id, invoice_id: i.id }))
  // As voidOrderInvoice decides: a paid invoice stays (a refund is the merchant's call).
  const canceled = new Set(orders.filter((o) => o.status === "canceled").map((o) => o.id))
  const unvoided = [
    ...new Set(
      invoices
        .filter((i) => canceled.has(i.order_id) && i.status !== "void" && i.status !== "paid")
        .map((i) => i.order_id)
    ),
  ]
  // The grace that lets a queued event wait for a restarting worker lets a live run finish a step.
  // A canceled order's unsent invoice is voided above rather than issued.
  const unissued = invoices
    .filter((i) => !canceled.has(i.order_id) && isDeadIssuingRun(i, until))
    .map((i) => ({ order_id: i.order_id, invoice_id: i.id }))
  return { unplaced, stale, unannounced, uninvoiced, unissued, unvoided, checked: orders.length }
}
