import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import { toRuleOutput } from "../../../modules/b2b/lib/rule-input"
import type { PriceRuleRecord } from "../../../modules/b2b/lib/to-engine-rule"
import type B2bModuleService from "../../../modules/b2b/service"
import { adminContractFields, adminRuleFields } from "./query-config"

/** A rule as Query returns it with adminRuleFields. */
type StoredRule = PriceRuleRecord & Record<string, unknown>

/** A contract with its rules in the API shape; 404 when it does not exist. */
export async function refetchContract(scope: MedusaContainer, id: string, fields: string[] = adminContractFields) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "contract",
    fields: [...fields, ...adminRuleFields.map((f) => `rules.${f}`)],
    filters: { id },
  })
  const contract = data[0] as (Record<string, unknown> & { rules?: StoredRule[] | null }) | undefined
  if (!contract) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contract with id: ${id} was not found`)
  return { ...contract, rules: (contract.rules ?? []).map(toRuleOutput) }
}

/**
 * A rule of `contractId` as stored; 404 when it does not exist or belongs to
 * another contract. Read through the module: Query has no list method for the
 * `contract_price_rule` entity (see workflows/b2b/steps/load-contract-rule.ts).
 */
export async function refetchRule(scope: MedusaContainer, contractId: string, ruleId: string) {
  const b2b = scope.resolve<B2bModuleService>(B2B_MODULE)
  const [rule] = await b2b.listPriceRules({ id: ruleId, contract_id: contractId }, { select: adminRuleFields })
  if (!rule)
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Rule with id: ${ruleId} was not found on contract ${contractId}`
    )
  return rule
}
