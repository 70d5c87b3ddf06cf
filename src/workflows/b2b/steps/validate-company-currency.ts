import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const validateCompanyCurrencyStepId = "validate-company-currency-step"

export type ValidateCompanyCurrencyStepInput = {
  /** The company being changed. */
  company_id: string
  /** The currency it would get (lower case); nothing to check when absent. */
  currency_code?: string
}

/**
 * Refuses to change a company's currency while it has an active contract in
 * another currency (400 naming `currency_code`): the company's currency is
 * what its buyers' contract, quotes and invoices default to, so the contract
 * would silently stop applying. Active means status `active` and not yet
 * ended (`valid_to` empty or ahead), including one that starts later; the
 * contract has to be terminated or ended first. Read-only, so nothing to
 * compensate.
 */
export const validateCompanyCurrencyStep = createStep(
  validateCompanyCurrencyStepId,
  async ({ company_id, currency_code }: ValidateCompanyCurrencyStepInput, { container }) => {
    if (currency_code === undefined) return new StepResponse(undefined)
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const company = await b2b.retrieveCompany(company_id, { select: ["id", "currency_code"] })
    if (company.currency_code === currency_code) return new StepResponse(undefined)
    const contracts = await b2b.listContracts(
      { company_id, status: "active" },
      { select: ["id", "currency_code", "valid_to"], order: { valid_from: "ASC" } }
    )
    const now = Date.now()
    const binding = contracts.filter(
      (c) => c.currency_code !== currency_code && (!c.valid_to || new Date(c.valid_to).getTime() > now)
    )
    if (binding.length) {
      const listed = binding.map((c) => `${c.currency_code.toUpperCase()} (${c.id})`).join(", ")
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        binding.length === 1
          ? `currency_code: the company has an active contract in ${listed}; end it first`
          : `currency_code: the company has active contracts in ${listed}; end them first`
      )
    }
    return new StepResponse(undefined)
  }
)
