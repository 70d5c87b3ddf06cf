import type { MedusaContainer } from "@medusajs/framework/types"
import type { HubEventType } from "../../../modules/outbox/catalogue"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import { ERP_MODULE } from "../../../modules/erp"
import type ErpModuleService from "../../../modules/erp/service"
import { enqueueDeliveries } from "../../../modules/outbox/lib/enqueue"
import { ERP_EVENT_TYPES } from "../../../modules/erp/lib/event-types"
import { eventScope } from "../utils/event-scope"

export const recordHubEventStepId = "record-hub-event-step"

export type RecordHubEventStepInput = {
  /** Catalogue type, e.g. "order.placed". */
  type: HubEventType
  resource_type: string
  resource_id: string
  /** Stable per business fact: a retried step finds the same event. */
  dedupe_key: string
  data: Record<string, unknown>
}

/**
 * Writes a hub event and its deliveries (webhook endpoints subscribed to the
 * type whose partner's grants cover the event's company and sales channel;
 * enabled ERP connections for order events) in one transaction, then
 * hands the delivery ids to the queue. Enqueueing is best effort: the
 * reconciler picks up anything Redis did not get.
 */
export const recordHubEventStep = createStep(
  recordHubEventStepId,
  async (input: RecordHubEventStepInput, { container }) => {
    return new StepResponse(await recordHubEvent(container, input))
  }
)

/** The same, for a list of facts (e.g. what one Stripe event changed). */
export const recordHubEventsStep = createStep(
  "record-hub-events-step",
  async (inputs: RecordHubEventStepInput[], { container }) => {
    const recorded = []
    for (const input of inputs) recorded.push(await recordHubEvent(container, input))
    return new StepResponse(recorded)
  }
)

async function recordHubEvent(container: MedusaContainer, input: RecordHubEventStepInput) {
  const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const erp = container.resolve<ErpModuleService>(ERP_MODULE)
  const erpTargets = ERP_EVENT_TYPES.includes(input.type)
    ? (await erp.listErpConnections({ enabled: true }, { select: ["id"] })).map((c) => c.id)
    : []
  const recorded = await hub.recordEvent({
    ...input,
    erp_connection_ids: erpTargets,
    scope: await eventScope(container, input),
  })
  if (recorded.created) await enqueueDeliveries(recorded)
  return recorded
}
