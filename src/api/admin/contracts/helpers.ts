import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { toRuleOutput } from "../../../modules/b2b/lib/rule-input"
import { adminContractFields, adminRuleFields } from "./query-config"

/** A contract with its rules in the API shape; 404 when it does not exist. */
export async function refetchContract(scope: MedusaContainer, id: string, fields: string[] = adminContractFields) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "contract",
    fields: [...fields, ...adminRuleFields.map((f) => `rules.${f}`)],
    filters: { id },
  })
  const contract = data[0] as any
  if (!contract) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contract with id: ${id} was not found`)
  return { ...contract, rules: (contract.rules ?? []).map(toRuleOutput) }
}

/** A rule of `contractId` as stored; 404 when it does not exist or belongs to another contract. */
export async function refetchRule(scope: MedusaContainer, contractId: string, ruleId: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "contract_price_rule",
    fields: adminRuleFields,
    filters: { id: ruleId, contract_id: contractId } as any,
  })
  if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Rule with id: ${ruleId} was not found on contract ${contractId}`)
  return data[0] as any
}
