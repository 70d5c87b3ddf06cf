import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const softDeleteEmployeesStepId = "soft-delete-employees-step"

/** Soft-deletes employees (their customers may then join another company); compensation restores them. */
export const softDeleteEmployeesStep = createStep(
  softDeleteEmployeesStepId,
  async (ids: string[], { container }) => {
    if (ids.length) await container.resolve<B2bModuleService>(B2B_MODULE).softDeleteEmployees(ids)
    return new StepResponse(undefined, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<B2bModuleService>(B2B_MODULE).restoreEmployees(ids)
  }
)
