import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const validateContractWindowStepId = "validate-contract-window-step"

export type ValidateContractWindowStepInput = {
  /** Set when an existing contract changes (it does not overlap itself). */
  id?: string
  company_id: string
  currency_code: string
  valid_from: Date | string
  valid_to: Date | string | null
  status: "active" | "terminated"
}

/**
 * The company must exist (400 `company_id`), `valid_to` must come after
 * `valid_from` (400 `valid_to`), and an active contract must not overlap
 * another active one of the same company and currency (400 `valid_from`).
 * Run under the company+currency lock so two writes cannot both pass.
 * Read-only.
 */
export const validateContractWindowStep = createStep(
  validateContractWindowStepId,
  async (input: ValidateContractWindowStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const [company] = await b2b.listCompanies({ id: input.company_id }, { select: ["id"] })
    if (!company) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `company_id: company ${input.company_id} does not exist`)
    }
    if (input.valid_to && new Date(input.valid_to).getTime() <= new Date(input.valid_from).getTime()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "valid_to: must be later than valid_from")
    }
    await b2b.assertNoOverlap({ ...input, id: input.id ?? "" })
    return new StepResponse(undefined)
  }
)
