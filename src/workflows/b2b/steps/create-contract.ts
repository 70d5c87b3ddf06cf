import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type { PaymentTerms } from "../../../modules/b2b/models/contract"
import type { RuleInput } from "../../../modules/b2b/lib/rule-input"
import type B2bModuleService from "../../../modules/b2b/service"

export const createContractStepId = "create-contract-step"

export type CreateContractStepInput = {
  company_id: string
  currency_code: string
  reference?: string | null
  valid_from: Date
  valid_to?: Date | null
  payment_terms?: PaymentTerms
  credit_limit_minor?: number
  status?: "active" | "terminated"
  /** Ignored here: rules are written by createPriceRulesStep. */
  rules?: RuleInput[]
}

/** Creates the contract row (its terms); compensation deletes it. */
export const createContractStep = createStep(
  createContractStepId,
  async ({ rules: _rules, ...terms }: CreateContractStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const contract = await b2b.createContracts({ ...terms, valid_to: terms.valid_to ?? null })
    return new StepResponse(contract, contract.id)
  },
  async (contractId, { container }) => {
    if (!contractId) return
    await container.resolve<B2bModuleService>(B2B_MODULE).deleteContracts(contractId)
  }
)
