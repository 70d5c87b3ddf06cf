import type {
  CreatePriceListPriceWorkflowDTO,
  CreatePriceListWorkflowInputDTO,
  IPricingModuleService,
  PriceDTO,
  UpdatePriceListWorkflowInputDTO,
} from "@medusajs/framework/types"
import { Modules, PriceListStatus, PriceListType } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { toMajorString, toMinor } from "../../../lib/money"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { contractBuyers } from "../utils/contract-price-list-buyers"
import { contractPriceListPrices, type ContractListPrice } from "../utils/contract-price-list-prices"

export const planContractPriceListsStepId = "plan-contract-price-lists-step"

/** The price-list rule Medusa's store routes match against (set-pricing-context puts the customer's groups there). */
export const CUSTOMER_GROUPS_RULE = "customer.groups.id"

export type PlanContractPriceListsStepInput = { contract_ids: string[] }

export type ContractPriceListPlan = {
  /** Contracts without a (live) list: the list to create, with its prices. */
  create: { contract_id: string; price_list: CreatePriceListWorkflowInputDTO & { type: PriceListType } }[]
  /** Lists whose title, status, dates or groups changed (all of them written). */
  update: UpdatePriceListWorkflowInputDTO[]
  /** Prices to add to existing lists (new, or replacing a changed one, which is removed first). */
  add_prices: { id: string; prices: CreatePriceListPriceWorkflowDTO[] }[]
  /** Prices of existing lists that are no longer wanted or were replaced. */
  remove_price_ids: string[]
  /** Lists of deleted contracts. */
  delete_price_list_ids: string[]
}

type ContractRow = {
  id: string
  reference: string | null
  company_id: string
  currency_code: string
  valid_from: Date | string
  valid_to: Date | string | null
  status: "active" | "terminated"
  price_list_id: string | null
  deleted_at: Date | string | null
}

/**
 * Works out what each contract's Medusa price list must become and how to
 * get there from what it is now, without writing anything (read-only, so
 * nothing to compensate; the workflow applies the plan with Medusa's
 * price-list workflows):
 *
 * - type `override`, one list per contract, linked by `contract.price_list_id`;
 * - `customer.groups.id` = the customer groups of the companies that buy
 *   under the contract (contractBuyers, the cart's own resolution);
 * - `starts_at`/`ends_at` = the contract's validity; status `active` while
 *   the contract is active and has buyers, else `draft` (a list without
 *   groups would never match anyway, but a draft one is visibly off);
 * - prices from the contract engine (contractPriceListPrices), in the
 *   contract currency. A draft list keeps the prices it has.
 *
 * A synced list is left alone: unchanged prices are kept, a changed price is
 * replaced (removed, then added), so a re-sync with nothing new writes nothing.
 */
export const planContractPriceListsStep = createStep(
  planContractPriceListsStepId,
  async ({ contract_ids }: PlanContractPriceListsStepInput, { container }) => {
    const plan: ContractPriceListPlan = {
      create: [],
      update: [],
      add_prices: [],
      remove_price_ids: [],
      delete_price_list_ids: [],
    }
    if (!contract_ids.length) return new StepResponse(plan)
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const pricing = container.resolve<IPricingModuleService>(Modules.PRICING)

    const contracts = (await b2b.listContracts(
      { id: contract_ids },
      {
        select: [
          "id",
          "reference",
          "company_id",
          "currency_code",
          "valid_from",
          "valid_to",
          "status",
          "price_list_id",
          "deleted_at",
        ],
        withDeleted: true,
      }
    )) as unknown as ContractRow[]
    const listIds = contracts.map((c) => c.price_list_id).filter((id): id is string => !!id)
    const lists = listIds.length
      ? await pricing.listPriceLists({ id: listIds }, { relations: ["price_list_rules"] })
      : []
    const listById = new Map(lists.map((l) => [l.id, l]))

    for (const contract of contracts) {
      const list = contract.price_list_id ? listById.get(contract.price_list_id) : undefined
      if (contract.deleted_at) {
        if (list) plan.delete_price_list_ids.push(list.id)
        continue
      }
      const currency = contract.currency_code.toLowerCase()
      const buyers = await contractBuyers(container, contract)
      const status =
        contract.status === "active" && buyers.customer_group_ids.length
          ? PriceListStatus.ACTIVE
          : PriceListStatus.DRAFT
      const header = {
        title: `Contract ${contract.reference ?? contract.id}`,
        description: `Prices of contract ${contract.id}, kept in sync by backy from the contract's rules (changes made here are overwritten).`,
        status,
        starts_at: new Date(contract.valid_from).toISOString(),
        ends_at: contract.valid_to ? new Date(contract.valid_to).toISOString() : null,
        rules: { [CUSTOMER_GROUPS_RULE]: buyers.customer_group_ids },
      }
      const wanted =
        status === PriceListStatus.ACTIVE || !list
          ? await contractPriceListPrices(container, {
              currency_code: currency,
              rules: await b2b.listRuleRecords(contract.id),
            })
          : null

      if (!list) {
        plan.create.push({
          contract_id: contract.id,
          price_list: {
            ...header,
            type: PriceListType.OVERRIDE,
            metadata: { contract_id: contract.id },
            prices: (wanted ?? []).map((p) => toWorkflowPrice(p, currency)),
          },
        })
        continue
      }
      if (headerChanged(list, header)) plan.update.push({ id: list.id, ...header })
      if (!wanted) continue

      const existing = await pricing.listPrices({ price_list_id: [list.id] }, { relations: ["price_rules"] })
      // Existing prices by what they are; whatever is not wanted any more goes.
      const byKey = new Map<string, string[]>()
      for (const price of existing as ListedPrice[]) {
        const region = (price.price_rules ?? []).find((r) => r.attribute === "region_id")?.value ?? null
        const amount = toMinor(String(price.raw_amount?.value ?? price.amount), currency, { round: true })
        const key = priceKey(price.price_set_id, price.min_quantity, price.max_quantity, region, amount)
        byKey.set(key, [...(byKey.get(key) ?? []), price.id])
      }
      const toAdd: CreatePriceListPriceWorkflowDTO[] = []
      for (const price of wanted) {
        const kept = byKey.get(
          priceKey(price.price_set_id, price.min_quantity, price.max_quantity, price.region_id, price.amount_minor)
        )
        if (kept?.length) kept.shift()
        else toAdd.push(toWorkflowPrice(price, currency))
      }
      if (toAdd.length) plan.add_prices.push({ id: list.id, prices: toAdd })
      plan.remove_price_ids.push(...[...byKey.values()].flat())
    }
    return new StepResponse(plan)
  }
)

/** A price as Medusa's price-list workflows take it (amount in major units, as a number). */
function toWorkflowPrice(price: ContractListPrice, currency: string): CreatePriceListPriceWorkflowDTO {
  return {
    variant_id: price.variant_id,
    currency_code: currency,
    amount: Number(toMajorString(price.amount_minor, currency)),
    min_quantity: price.min_quantity,
    max_quantity: price.max_quantity,
    ...(price.region_id ? { rules: { region_id: price.region_id } } : {}),
  }
}

/** Identifies a price with its amount: a price whose amount changed is replaced. */
/** A price of a list as the pricing module returns it: always in a price set, with its exact amount (`raw_amount`), which PriceDTO leaves out. */
type ListedPrice = PriceDTO & { price_set_id: string; raw_amount?: { value: string } | null }

function priceKey(priceSetId: string, min: unknown, max: unknown, region: string | null, amountMinor: bigint): string {
  const bound = (value: unknown) => (value === null || value === undefined ? "" : String(Number(value)))
  return [priceSetId, bound(min), bound(max), region ?? "", amountMinor.toString()].join("|")
}

function headerChanged(
  list: {
    title?: string
    description?: string
    status?: string
    type?: string
    starts_at?: string | Date | null
    ends_at?: string | Date | null
    price_list_rules?: { attribute: string; value: unknown }[]
  },
  header: {
    title: string
    description: string
    status: string
    starts_at: string
    ends_at: string | null
    rules: Record<string, string[]>
  }
): boolean {
  const time = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : null)
  const groups = (list.price_list_rules ?? []).find((r) => r.attribute === CUSTOMER_GROUPS_RULE)?.value
  const current = (Array.isArray(groups) ? [...(groups as string[])] : groups ? [String(groups)] : []).sort()
  return (
    list.title !== header.title ||
    list.description !== header.description ||
    list.status !== header.status ||
    time(list.starts_at) !== time(header.starts_at) ||
    time(list.ends_at) !== time(header.ends_at) ||
    (list.price_list_rules ?? []).length !== 1 ||
    JSON.stringify(current) !== JSON.stringify(header.rules[CUSTOMER_GROUPS_RULE])
  )
}
