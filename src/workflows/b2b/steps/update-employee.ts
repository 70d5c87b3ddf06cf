import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { EmployeeRole } from "./create-employee"

export const updateEmployeeStepId = "update-employee-step"

export type UpdateEmployeeStepInput = {
  id: string
  update: { role?: EmployeeRole; spending_limit_minor?: number | null }
}

/** Changes an employee's role or spending limit; compensation puts the previous values back. */
export const updateEmployeeStep = createStep(
  updateEmployeeStepId,
  async ({ id, update }: UpdateEmployeeStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const previous = await b2b.retrieveEmployee(id, { select: ["id", "role", "spending_limit_minor"] })
    const employee = await b2b.updateEmployees({ id, ...update })
    return new StepResponse(employee, { id, role: previous.role, spending_limit_minor: previous.spending_limit_minor })
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<B2bModuleService>(B2B_MODULE).updateEmployees(previous)
  }
)
