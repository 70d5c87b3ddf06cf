import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import type { CreateCompanyStepInput } from "./create-company"

export const updateCompanyStepId = "update-company-step"

export type UpdateCompanyStepInput = {
  id: string
  /** Only the fields to change. */
  update: Partial<CreateCompanyStepInput>
}

/** Updates a company; compensation puts back the previous values of the changed fields (`previous` holds only those and the id). */
export const updateCompanyStep = createStep(
  updateCompanyStepId,
  async ({ id, update }: UpdateCompanyStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const fields = Object.keys(update)
    const previous = await b2b.retrieveCompany(id, { select: ["id", ...fields] })
    const company = await b2b.updateCompanies({ id, ...update })
    return new StepResponse(company, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await container
      .resolve<B2bModuleService>(B2B_MODULE)
      .updateCompanies(previous as { id: string } & UpdateCompanyStepInput["update"])
  }
)
