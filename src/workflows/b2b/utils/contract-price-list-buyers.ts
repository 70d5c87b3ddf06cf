// Reads which companies and customer groups buy under a contract; used by steps/plan-contract-price-lists.ts.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

/** The contract fields that decide who buys under it. */
export type ContractForBuyers = {
  id: string
  company_id: string
  currency_code: string
  valid_from: Date | string
}

export type ContractBuyers = {
  company_ids: string[]
  /** The Medusa customer groups of those companies, sorted (the price list's `customer.groups.id` rule). */
  customer_group_ids: string[]
}

/**
 * The companies that buy under `contract`, and their customer groups: the
 * owner and every descendant for which the cart's own resolution
 * (`resolveActiveContract`, used by resolveBuyerContext) picks this contract,
 * i.e. no company between them and the owner has its own contract in the
 * currency.
 *
 * Resolution is evaluated at the later of `now` and the contract's start: a
 * contract that starts in the future already names its buyers, and its price
 * list's `starts_at` keeps it dormant until then. Who inherits which contract
 * can still change with time (a child's own contract starting later): the
 * reconcile job re-syncs such lists (jobs/contract-price-lists-reconcile.ts).
 */
export async function contractBuyers(
  container: MedusaContainer,
  contract: ContractForBuyers,
  now: Date = new Date()
): Promise<ContractBuyers> {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const start = new Date(contract.valid_from)
  const at = start.getTime() > now.getTime() ? start : now

  const candidates = [contract.company_id, ...(await b2b.listDescendantIds(contract.company_id))]
  const companyIds: string[] = []
  for (const companyId of candidates) {
    // From Postgres, not the cache: this runs inside the workflow that changes the contracts or
    // the hierarchy, before its last step tells the cache (invalidateContractPricingStep).
    const resolved = await b2b.loadActiveContract(companyId, contract.currency_code, at)
    if (resolved?.contract.id === contract.id) companyIds.push(companyId)
  }
  if (!companyIds.length) return { company_ids: [], customer_group_ids: [] }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "company",
    fields: ["id", "customer_group.id"],
    filters: { id: companyIds },
  })
  const groupIds = (data as { id: string; customer_group?: { id: string } | null }[])
    .map((c) => c.customer_group?.id)
    .filter((id): id is string => !!id)
  return { company_ids: companyIds, customer_group_ids: [...new Set(groupIds)].sort() }
}
