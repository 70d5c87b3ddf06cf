import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type { PaymentTerms } from "../../../modules/b2b/models/contract"
import { toRuleColumns, type RuleInput } from "../../../modules/b2b/lib/rule-input"
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
  rules?: RuleInput[]
}

/** Creates a contract with its rules; compensation deletes both. */
export const createContractStep = createStep(
  createContractStepId,
  async ({ rules, ...input }: CreateContractStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const contract = await b2b.createContracts({ ...input, valid_to: input.valid_to ?? null } as any)
    if (rules?.length) {
      await b2b.createPriceRules(rules.map((rule) => ({ ...toRuleColumns(rule), contract_id: contract.id })) as any)
    }
    return new StepResponse(contract, contract.id)
  },
  async (contractId, { container }) => {
    if (!contractId) return
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const rules = await b2b.listPriceRules({ contract_id: contractId } as any, { select: ["id"], withDeleted: true })
    if (rules.length) await b2b.deletePriceRules(rules.map((r) => r.id))
    await b2b.deleteContracts(contractId)
  }
)
