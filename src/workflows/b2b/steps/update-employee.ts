import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { EmployeeRole } from "./create-employee"
import type { SpendingPeriod } from "../../../modules/b2b/lib/spending-periods"

export const updateEmployeeStepId = "update-employee-step"

export type UpdateEmployeeStepInput = {
  id: string
  update: { role?: EmployeeRole; spending_limit_minor?: number | null; spending_limit_period?: SpendingPeriod }
}

/** Changes an employee's role, spending limit or its period; compensation puts the previous values back. */
export const updateEmployeeStep = createStep(
  updateEmployeeStepId,
  async ({ id, update }: UpdateEmployeeStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const previous = await b2b.retrieveEmployee(id, {
      select: ["id", "role", "spending_limit_minor", "spending_limit_period"],
    })
    const employee = await b2b.updateEmployees({ id, ...update })
    return new StepResponse(employee, {
      id,
      role: previous.role,
      spending_limit_minor: previous.spending_limit_minor,
      spending_limit_period: previous.spending_limit_period,
    })
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<B2bModuleService>(B2B_MODULE).updateEmployees(previous)
  }
)
