import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { HubEventType } from "../../../modules/outbox/catalogue"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export type FulfillmentFact = {
  order_id: string
  fulfillment_id: string
  type: Extract<HubEventType, "order.fulfillment_created" | "order.shipped">
}

type OrderFulfillment = {
  id: string
  created_at: Date | string
  shipped_at?: Date | string | null
  order?: { id?: string } | null
}

/**
 * Fulfillments of orders created or shipped in [`since`, `until`) — a page of `limit` from
 * `offset` — whose fact never became a hub event: `order.fulfillment_created`
 * (order-changed.ts) or `order.shipped` (order-shipped.ts), each keyed by order and
 * fulfillment (record-order-event.ts). A fulfillment changes no order row, so the orders'
 * own check (orders-behind-their-events.ts) does not see these. Fulfillments outside an
 * order (a return's) are no order fact.
 */
export async function fulfillmentsBehindTheirEvents(
  container: MedusaContainer,
  { since, until, limit, offset }: { since: Date; until: Date; limit: number; offset: number }
): Promise<{ missing: FulfillmentFact[]; checked: number }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const inWindow = { $gte: since, $lt: until }
  const { data } = await query.graph({
    entity: "fulfillment",
    fields: ["id", "created_at", "shipped_at", "order.id"],
    filters: { $or: [{ created_at: inWindow }, { shipped_at: inWindow }] },
    pagination: { take: limit, skip: offset, order: { created_at: "ASC", id: "ASC" } },
  })
  const fulfillments = data as OrderFulfillment[]
  const facts: FulfillmentFact[] = []
  for (const f of fulfillments) {
    const orderId = f.order?.id
    if (!orderId) continue
    facts.push({ order_id: orderId, fulfillment_id: f.id, type: "order.fulfillment_created" })
    if (f.shipped_at) facts.push({ order_id: orderId, fulfillment_id: f.id, type: "order.shipped" })
  }
  const keyOf = (fact: FulfillmentFact) => `${fact.type}:${fact.order_id}:${fact.fulfillment_id}`
  const recorded = facts.length
    ? new Set(
        (
          await container
            .resolve<OutboxModuleService>(OUTBOX_MODULE)
            .listHubEvents({ dedupe_key: facts.map(keyOf) }, { select: ["dedupe_key"] })
        ).map((e) => e.dedupe_key)
      )
    : new Set<string>()
  return { missing: facts.filter((fact) => !recorded.has(keyOf(fact))), checked: fulfillments.length }
}
