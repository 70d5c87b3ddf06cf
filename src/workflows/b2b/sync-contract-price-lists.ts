import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createPriceListPricesWorkflow,
  createPriceListsWorkflow,
  deletePriceListsWorkflow,
  releaseLockStep,
  removePriceListPricesWorkflow,
  updatePriceListsWorkflow,
} from "@medusajs/medusa/core-flows"
import { planContractPriceListsStep } from "./steps/plan-contract-price-lists"
import {
  resolvePriceListContractsStep,
  type ResolvePriceListContractsStepInput,
} from "./steps/resolve-price-list-contracts"
import { setContractPriceListsStep } from "./steps/set-contract-price-lists"

export type SyncContractPriceListsWorkflowInput = ResolvePriceListContractsStepInput

/**
 * One lock for every sync: a sync reads a list, then writes the difference,
 * and two syncs of the same contract at once would both add the same prices
 * (or both create a list). Syncs are short admin-time writes, so they simply
 * queue. (Medusa's in-memory locking cannot take several keys atomically: a
 * per-contract key set could leave half of it held.)
 */
export const CONTRACT_PRICE_LISTS_LOCK = "b2b-contract-price-lists"
/** A sync of a large catalogue-wide discount can take a while; others wait this long. */
const LOCK_TIMEOUT_SECONDS = 60
/** A crashed holder's lock expires after this long. */
const LOCK_TTL_SECONDS = 120

/**
 * Builds and keeps in sync one Medusa price list per contract, so Medusa's
 * own `calculated_price` (store product routes, and Medusa's first pricing
 * of a cart line) shows contract prices to the contract's buyers: type
 * `override`, rule `customer.groups.id` = the customer groups of every company
 * buying under the contract, active only while the contract is (and within
 * its validity window), prices computed by the contract engine (see
 * planContractPriceListsStep). The price list id is stored on the contract,
 * so a re-sync updates in place; running it twice writes nothing the second
 * time. Every write goes through Medusa's price-list workflows, whose
 * compensation undoes them if a later step of the calling workflow fails.
 *
 * Runs as the last step of every workflow that changes what a list must hold
 * (contract and rule writes, company hierarchy changes), so a change is in the
 * product API when the admin request returns; the catalogue subscriber and the
 * reconcile job cover Medusa-side changes.
 *
 * @example
 * await syncContractPriceListsWorkflow(container).run({ input: { contract_ids: ["ctr_123"] } })
 * // a company moved in the hierarchy: its and its ancestors' contracts
 * await syncContractPriceListsWorkflow(container).run({ input: { company_ids: ["comp_123"] } })
 *
 * @summary Sync contracts' Medusa price lists.
 */
export const syncContractPriceListsWorkflow = createWorkflow(
  "sync-contract-price-lists-workflow",
  (input: SyncContractPriceListsWorkflowInput) => {
    const contractIds = resolvePriceListContractsStep(input)
    acquireLockStep({
      key: CONTRACT_PRICE_LISTS_LOCK,
      timeout: LOCK_TIMEOUT_SECONDS,
      ttl: LOCK_TTL_SECONDS,
      // This workflow mostly runs inside another (runAsStep), where Medusa
      // skips lock steps unless asked.
      executeOnSubWorkflow: true,
    })
    const plan = planContractPriceListsStep({ contract_ids: contractIds })

    when("contract-price-lists-to-create", { plan }, ({ plan }) => plan.create.length > 0).then(() => {
      const data = transform({ plan }, ({ plan }) => plan.create.map((c) => c.price_list))
      const created = createPriceListsWorkflow.runAsStep({ input: { price_lists_data: data } })
      const links = transform({ plan, created }, ({ plan, created }) =>
        plan.create.map((c, i) => ({
          contract_id: c.contract_id,
          price_list_id: (created.find((l) => l.metadata?.contract_id === c.contract_id) ?? created[i]).id,
        }))
      )
      setContractPriceListsStep(links)
    })
    when("contract-price-lists-to-update", { plan }, ({ plan }) => plan.update.length > 0).then(() => {
      const data = transform({ plan }, ({ plan }) => plan.update)
      updatePriceListsWorkflow.runAsStep({ input: { price_lists_data: data } })
    })
    // Stale prices go first: Medusa's addPriceListPrices upserts, so a new
    // price with the same variant, quantity band and region as a live one
    // would overwrite it in place, and Medusa's compensation of that step
    // (which deletes what it "created") would then delete the old price
    // instead of restoring it. Removed first, every added price is new.
    // (For the instant between the two, the variant shows Medusa's price.)
    when("contract-price-list-prices-to-remove", { plan }, ({ plan }) => plan.remove_price_ids.length > 0).then(() => {
      const ids = transform({ plan }, ({ plan }) => plan.remove_price_ids)
      removePriceListPricesWorkflow.runAsStep({ input: { ids } })
    })
    when("contract-price-list-prices-to-add", { plan }, ({ plan }) => plan.add_prices.length > 0).then(() => {
      const data = transform({ plan }, ({ plan }) => plan.add_prices)
      createPriceListPricesWorkflow.runAsStep({ input: { data } })
    })
    when("contract-price-lists-to-delete", { plan }, ({ plan }) => plan.delete_price_list_ids.length > 0).then(() => {
      const ids = transform({ plan }, ({ plan }) => plan.delete_price_list_ids)
      deletePriceListsWorkflow.runAsStep({ input: { ids } })
    })

    releaseLockStep({ key: CONTRACT_PRICE_LISTS_LOCK, executeOnSubWorkflow: true })
    const summary = transform({ contractIds, plan }, ({ contractIds, plan }) => ({
      contract_ids: contractIds,
      created: plan.create.length,
      updated: plan.update.length,
      prices_added: plan.add_prices.reduce((n, p) => n + p.prices.length, 0),
      prices_removed: plan.remove_price_ids.length,
      deleted: plan.delete_price_list_ids.length,
    }))
    return new WorkflowResponse(summary)
  }
)
