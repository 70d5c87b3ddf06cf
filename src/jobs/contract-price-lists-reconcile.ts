import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../modules/b2b"
import type B2bModuleService from "../modules/b2b/service"
import { syncContractPriceListsWorkflow } from "../workflows/b2b/sync-contract-price-lists"

/**
 * Every 15 minutes: re-syncs every contract's Medusa price list, one contract
 * per run so admin writes (which sync under the same lock) interleave. A sync
 * that finds nothing to change writes nothing. It catches up on what no event
 * or workflow reports:
 *
 * - time: who inherits which contract can change when a contract's validity
 *   starts or ends (a child company's own contract starting next month takes
 *   it out of its parent's list then); a list's own window is Medusa's
 *   starts_at/ends_at and needs no job;
 * - Medusa-side changes without an event (see the catalogue subscriber).
 *
 * Until it runs, the cart is right (it prices by the contract engine), only
 * the product API may show the previous contract's price.
 */
export default async function contractPriceListsReconcileJob(container: MedusaContainer) {
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const contracts = await b2b.listContracts({}, { select: ["id"] })
  let changed = 0
  for (const { id } of contracts) {
    try {
      const { result } = await syncContractPriceListsWorkflow(container).run({ input: { contract_ids: [id] } })
      if (result.created + result.updated + result.prices_added + result.prices_removed + result.deleted) changed++
    } catch (error) {
      logger.error(`contract-price-lists-reconcile: contract ${id}: ${(error as Error).message}`)
    }
  }
  if (changed) logger.info(`contract-price-lists-reconcile: ${changed} contract price list(s) re-synced`)
}

export const config = { name: "contract-price-lists-reconcile", schedule: "*/15 * * * *" }
