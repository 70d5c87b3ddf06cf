import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const setEmployeeActiveStepId = "set-employee-active-step"

export type SetEmployeeActiveStepInput = {
  id: string
  /** false deactivates (sets `deactivated_at`), true reactivates (clears it). */
  active: boolean
}

/**
 * Deactivates or reactivates an employee. Deactivating one who already is
 * keeps the original time (already done is success). Compensation puts the
 * previous `deactivated_at` back.
 */
export const setEmployeeActiveStep = createStep(
  setEmployeeActiveStepId,
  async ({ id, active }: SetEmployeeActiveStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const previous = await b2b.retrieveEmployee(id, { select: ["id", "deactivated_at"] })
    const deactivated_at = active ? null : (previous.deactivated_at ?? new Date())
    const employee = await b2b.updateEmployees({ id, deactivated_at })
    return new StepResponse(employee, { id, deactivated_at: previous.deactivated_at ?? null })
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<B2bModuleService>(B2B_MODULE).updateEmployees(previous)
  }
)
