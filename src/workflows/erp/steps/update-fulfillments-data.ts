import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const updateFulfillmentsDataStepId = "update-fulfillments-data-step"

export type UpdateFulfillmentsDataStepInput = {
  /** The fulfillment. */
  id: string
  /** Its provider data, replacing the stored one. */
  data: Record<string, unknown>
}[]

/**
 * Replaces fulfillments' provider `data` through Medusa's fulfillment
 * module. Compensation writes back the data each had before.
 */
export const updateFulfillmentsDataStep = createStep(
  updateFulfillmentsDataStepId,
  async (updates: UpdateFulfillmentsDataStepInput, { container }) => {
    if (!updates.length) return new StepResponse(undefined, [])
    const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
    const before = await fulfillmentModule.listFulfillments(
      { id: updates.map((u) => u.id) },
      { select: ["id", "data"] }
    )
    const previous = before.map((f) => ({ id: f.id, data: f.data ?? null }))
    for (const { id, data } of updates) await fulfillmentModule.updateFulfillment(id, { data })
    return new StepResponse(undefined, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
    for (const { id, data } of previous) await fulfillmentModule.updateFulfillment(id, { data })
  }
)
