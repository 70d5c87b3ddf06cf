import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"

export const requeueFailedDeliveriesStepId = "requeue-failed-deliveries-step"

export type RequeueFailedDeliveriesStepInput = {
  endpoint_id: string
  /** The calling partner (partner API): another partner's endpoint is 404. Unset for staff. */
  partner_id?: string
  // ISO 8601 times: a workflow's input is serialised, so a Date would arrive as a string anyway.
  /** Deliveries created at or after this time… */
  since: string
  /** …and before this one (default: now). */
  until?: string
}

/**
 * Makes the endpoint's failed deliveries in the range pending again, with a
 * fresh retry schedule, due now (refused while the endpoint is disabled).
 * Returns their ids. Compensation puts back the state each had, unless a
 * worker has attempted it since.
 */
export const requeueFailedDeliveriesStep = createStep(
  requeueFailedDeliveriesStepId,
  async ({ endpoint_id, partner_id, since, until }: RequeueFailedDeliveriesStepInput, { container }) => {
    const hub = container.resolve<OutboxModuleService>(OUTBOX_MODULE)
    const range = { since: new Date(since), until: until ? new Date(until) : undefined }
    const previous = await hub.recoverEndpoint(endpoint_id, range, partner_id)
    return new StepResponse(
      previous.map((delivery) => delivery.id),
      previous
    )
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await container.resolve<OutboxModuleService>(OUTBOX_MODULE).restoreDeliveryStates(previous)
  }
)
