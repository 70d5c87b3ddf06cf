import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const loadContractRuleStepId = "load-contract-rule-step"

export type LoadContractRuleStepInput = { contract_id: string; rule_id: string }

/**
 * The rule and its contract's currency; 404 when the rule is not on that
 * contract. (Rules are read through the module, not Query: the model key
 * `PriceRule` and the table name `contract_price_rule` disagree, so Query's
 * `contract_price_rule` entity has no list method.) Read-only.
 */
export const loadContractRuleStep = createStep(
  loadContractRuleStepId,
  async ({ contract_id, rule_id }: LoadContractRuleStepInput, { container }) => {
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const [rule] = await b2b.listPriceRules({ id: rule_id, contract_id }, { relations: ["contract"] })
    if (!rule)
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Rule with id: ${rule_id} was not found on contract ${contract_id}`
      )
    return new StepResponse({ id: rule.id, currency_code: rule.contract.currency_code })
  }
)
