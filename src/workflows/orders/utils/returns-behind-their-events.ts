import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"

export type ReturnsBehind = {
  /** Received units the hub never announced (`order.returned` for that count): the event handler never ran. */
  unannounced: { order_id: string; return_id: string }[]
  /** Received returns of invoiced orders with no credit note: the credit handler never ran. */
  uncredited: string[]
}

type ReceivedReturn = {
  id: string
  order_id: string
  items?: ({ received_quantity?: number | string | null } | null)[] | null
}

/**
 * Returns received in [`since`, `until`) — a page of `limit` from `offset` — whose Medusa event
 * (`order.return_received`) never had its two effects: the `order.returned` hub event
 * (record-order-return.ts, deduplicated by return and units received) and, for an invoiced
 * order, the credit note (credit-return.ts, one record per return: reason key = return id, or
 * `<return_id>:<sequence>` on a further invoice). A redelivered or late event finds both done.
 */
export async function returnsBehindTheirEvents(
  container: MedusaContainer,
  { since, until, limit, offset }: { since: Date; until: Date; limit: number; offset: number }
): Promise<ReturnsBehind & { checked: number }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "return",
    fields: ["id", "order_id", "items.received_quantity"],
    filters: { received_at: { $gte: since, $lt: until } },
    pagination: { take: limit, skip: offset, order: { received_at: "ASC", id: "ASC" } },
  })
  const returns = data as ReceivedReturn[]
  if (!returns.length) return { unannounced: [], uncredited: [], checked: 0 }

  const units = (r: ReceivedReturn) => (r.items ?? []).reduce((sum, i) => sum + Number(i?.received_quantity ?? 0), 0)
  const keyOf = (r: ReceivedReturn) => `order.returned:${r.id}:${units(r)}`
  const announced = new Set(
    (
      await container
        .resolve<OutboxModuleService>(OUTBOX_MODULE)
        .listHubEvents({ dedupe_key: returns.map(keyOf) }, { select: ["dedupe_key"] })
    ).map((e) => e.dedupe_key)
  )
  const unannounced = returns
    .filter((r) => units(r) > 0 && !announced.has(keyOf(r)))
    .map((r) => ({ order_id: r.order_id, return_id: r.id }))

  const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
  const invoiced = new Set(
    (
      await invoicing.listInvoices(
        { order_id: returns.map((r) => r.order_id), status: { $ne: "void" } },
        { select: ["order_id"] }
      )
    ).map((i) => i.order_id)
  )
  const candidates = returns.filter((r) => units(r) > 0 && invoiced.has(r.order_id))
  const credited = new Set(
    candidates.length
      ? (
          await invoicing.listCreditNotes(
            { $or: candidates.flatMap((r) => [{ reason_key: r.id }, { reason_key: { $like: `${r.id}:%` } }]) },
            { select: ["reason_key"] }
          )
        ).map((n) => n.reason_key.split(":")[0])
      : []
  )
  const uncredited = candidates.filter((r) => !credited.has(r.id)).map((r) => r.id)
  return { unannounced, uncredited, checked: returns.length }
}
