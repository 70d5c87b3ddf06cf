import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const createEmployeeStepId = "create-employee-step"

import type { EmployeeRole } from "../../../modules/b2b/lib/roles"
import type { SpendingPeriod } from "../../../modules/b2b/lib/spending-periods"
export type { EmployeeRole }

export type CreateEmployeeStepInput = {
  company_id: string
  customer_id: string
  role?: EmployeeRole
  /** Per-order limit in minor units of the order currency; null = no limit. */
  spending_limit_minor?: number | null
  /** What the limit covers (default: each order). */
  spending_limit_period?: SpendingPeriod
}

/** Creates the employee row; compensation deletes it. */
export const createEmployeeStep = createStep(
  createEmployeeStepId,
  async (input: CreateEmployeeStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const employee = await b2b.createEmployees({
      company_id: input.company_id,
      customer_id: input.customer_id,
      role: input.role ?? "buyer",
      spending_limit_minor: input.spending_limit_minor ?? null,
      spending_limit_period: input.spending_limit_period ?? "order",
    })
    return new StepResponse(employee, employee.id)
  },
  async (employeeId, { container }) => {
    if (!employeeId) return
    await container.resolve<B2bModuleService>(B2B_MODULE).deleteEmployees(employeeId)
  }
)
