import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const recordWebhookTestStepId = "record-webhook-test-step"

export type RecordWebhookTestStepInput = {
  /** The endpoint to test (it must be enabled). */
  id: string
  /** The calling partner (partner API): another partner's endpoint is 404. Unset for staff. */
  partner_id?: string
}

/**
 * Records a `webhook.test` event with one delivery, to this endpoint only
 * (whatever it subscribes to). Compensation deletes both: nothing was sent
 * before the delivery is enqueued.
 */
export const recordWebhookTestStep = createStep(
  recordWebhookTestStepId,
  async ({ id, partner_id }: RecordWebhookTestStepInput, { container }) => {
    const recorded = await container.resolve<OutboxModuleService>(OUTBOX_MODULE).recordTestEvent(id, partner_id)
    return new StepResponse(recorded, recorded)
  },
  async (recorded, { container }) => {
    if (!recorded) return
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    await hub.deleteDeliveries([recorded.delivery_id])
    await hub.deleteHubEvents([recorded.event_id])
  }
)
