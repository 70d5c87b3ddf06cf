/**
 * The soak's verdict, from the three outside systems and the hub's database:
 *
 * - every order (read from the database, so an order whose checkout answer was lost counts
 *   too) has exactly one invoice in the Stripe sandbox (by `metadata.medusa_order_id`);
 * - exactly one sales order in the ERP sandbox, holding the order's latest version (its shipping
 *   address as Medusa has it now: staff changed some after placement);
 * - the partner acknowledged every event the hub owes it (each delivery to its endpoint, by
 *   `webhook-id`), and for every order at least `order.placed` and `invoice.issued`.
 *
 * `lost` counts what is missing or stale; `doubled` counts orders with two or more invoices or ERP
 * records. A partner receiving one `webhook-id` again is at-least-once delivery, not a double:
 * it is counted as `redelivered`.
 */
import { Client } from "pg"
import type { StripeSandbox } from "../../integration-tests/sandboxes/stripe"
import type { ErpSandbox } from "../../integration-tests/sandboxes/erp"
import type { PartnerReceiver } from "../../integration-tests/sandboxes/partner"

/** The events every order must produce at the partner (it subscribes to order and invoice events). */
const REQUIRED_EVENTS = ["order.placed", "invoice.issued"]
const ORDER_ID = /order_[0-9A-Z]{26}/g

export interface Verdict {
  orders: number
  lost: number
  doubled: number
  redelivered: number
  p99_order_to_partner_ms: number | null
  /** What `lost` and `doubled` are made of, with a few example order ids each. */
  problems: Record<string, { count: number; examples: string[] }>
}

export interface VerifyTargets {
  databaseUrl: string
  endpointId: string
  stripe: StripeSandbox
  erp: ErpSandbox
  partner: PartnerReceiver
}

type OrderRow = { id: string; created_at: Date; address_2: string | null }
type EventRow = { id: string; type: string; payload: unknown }

export async function verify(t: VerifyTargets): Promise<Verdict> {
  const { orders, events } = await readHub(t.databaseUrl, t.endpointId)
  const problems: Verdict["problems"] = {}
  const note = (kind: string, id: string) => {
    const p = (problems[kind] ??= { count: 0, examples: [] })
    p.count += 1
    if (p.examples.length < 3) p.examples.push(id)
  }

  const invoicesByOrder = countBy(t.stripe.invoices().map((i) => i.metadata?.medusa_order_id))
  const erpByOrder = new Map<string, ReturnType<ErpSandbox["salesOrders"]>>()
  for (const record of t.erp.salesOrders("netsuite"))
    erpByOrder.set(record.externalId, [...(erpByOrder.get(record.externalId) ?? []), record])

  // The partner: which webhook-ids it acknowledged (2xx), how often each arrived, and when first.
  const acked = new Map<string, number>()
  const arrivals = countBy(t.partner.deliveries().map((d) => d.id))
  for (const d of t.partner.deliveries()) {
    if (!d.id || typeof d.answer !== "number" || d.answer >= 300 || acked.has(d.id)) continue
    acked.set(d.id, d.receivedAt)
  }

  const eventsByOrder = new Map<string, EventRow[]>()
  for (const event of events) {
    for (const orderId of new Set(JSON.stringify(event.payload).match(ORDER_ID) ?? []))
      eventsByOrder.set(orderId, [...(eventsByOrder.get(orderId) ?? []), event])
    if (!acked.has(event.id)) note(`partner_missing:${event.type}`, event.id)
  }

  const latencies: number[] = []
  const doubled = new Set<string>()
  for (const order of orders) {
    const invoices = invoicesByOrder.get(order.id) ?? 0
    if (invoices === 0) note("invoice_missing", order.id)
    if (invoices > 1) note("invoice_doubled", order.id)

    const records = erpByOrder.get(order.id) ?? []
    if (records.length === 0) note("erp_missing", order.id)
    if (records.length > 1) note("erp_doubled", order.id)
    if (invoices > 1 || records.length > 1) doubled.add(order.id)
    const address = (records[0]?.fields.shippingAddress as { addr2?: string } | undefined)?.addr2 ?? null
    if (records.length === 1 && address !== (order.address_2 || null)) note("erp_stale", order.id)

    const ofOrder = eventsByOrder.get(order.id) ?? []
    for (const type of REQUIRED_EVENTS)
      if (!ofOrder.some((e) => e.type === type)) note(`event_never_recorded:${type}`, order.id)
    const placed = ofOrder.find((e) => e.type === "order.placed")
    const receivedAt = placed && acked.get(placed.id)
    if (receivedAt) latencies.push(receivedAt - order.created_at.getTime())
  }

  const sum = (prefix: string) =>
    Object.entries(problems)
      .filter(([kind]) => kind.startsWith(prefix))
      .reduce((n, [, p]) => n + p.count, 0)
  return {
    orders: orders.length,
    lost: sum("invoice_missing") + sum("erp_missing") + sum("erp_stale") + sum("partner_missing") + sum("event_never"),
    doubled: doubled.size,
    redelivered: [...arrivals.values()].reduce((n, c) => n + c - 1, 0),
    p99_order_to_partner_ms: percentile(latencies, 0.99),
    problems,
  }
}

async function readHub(databaseUrl: string, endpointId: string): Promise<{ orders: OrderRow[]; events: EventRow[] }> {
  const pg = new Client({ connectionString: databaseUrl })
  await pg.connect()
  try {
    const orders = await pg.query<OrderRow>(
      `select o.id, o.created_at, a.address_2
         from "order" o left join order_address a on a.id = o.shipping_address_id
        where o.deleted_at is null and o.is_draft_order = false`
    )
    const events = await pg.query<EventRow>(
      `select e.id, e.type, e.payload
         from delivery d join hub_event e on e.id = d.event_id
        where d.target_type = 'webhook_endpoint' and d.target_id = $1`,
      [endpointId]
    )
    return { orders: orders.rows, events: events.rows }
  } finally {
    await pg.end()
  }
}

function countBy(keys: Array<string | undefined>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

/** Nearest-rank percentile; null when there is nothing to rank. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}
