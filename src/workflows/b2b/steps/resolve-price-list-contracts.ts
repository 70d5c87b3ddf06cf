import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"

export const resolvePriceListContractsStepId = "resolve-price-list-contracts-step"

export type ResolvePriceListContractsStepInput = {
  /** Contracts to sync as they are (deleted ones included: their lists go). */
  contract_ids?: string[]
  /**
   * Companies whose place in the hierarchy or whose own contracts changed:
   * every contract of the company and of its ancestors is synced, since who
   * inherits an ancestor's contract depends on them.
   */
  company_ids?: string[]
  /**
   * Catalogue entries whose Medusa price, category or collection changed:
   * every contract with a rule that can price one of them is synced (a
   * discount's price follows Medusa's base price; a new variant may fall in
   * a discount's scope or match a SKU rule).
   */
  product_ids?: string[]
  variant_ids?: string[]
}

/** What the catalogue lookup reads (Query's `product` and `variant` entities). */
type CatalogueProduct = { id: string; collection_id?: string | null; categories?: { id: string }[] | null }
type ProductRow = CatalogueProduct & { variants?: { id: string; sku?: string | null }[] | null }
type VariantRow = { id: string; sku?: string | null; product?: CatalogueProduct | null }

/**
 * The contracts whose price lists a change may affect (see the input's
 * fields), sorted. A company or catalogue entry that no longer exists is
 * skipped. Read-only.
 */
export const resolvePriceListContractsStep = createStep(
  resolvePriceListContractsStepId,
  async (input: ResolvePriceListContractsStepInput, { container }) => {
    const ids = new Set(input.contract_ids ?? [])
    for (const id of await contractsAboveCompanies(container, input.company_ids ?? [])) ids.add(id)
    for (const id of await contractsPricingCatalogue(container, input.product_ids ?? [], input.variant_ids ?? []))
      ids.add(id)
    return new StepResponse([...ids].sort())
  }
)

async function contractsAboveCompanies(container: MedusaContainer, companyIds: string[]): Promise<string[]> {
  if (!companyIds.length) return []
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const owners = new Set<string>()
  for (const companyId of companyIds) {
    try {
      for (const id of [companyId, ...(await b2b.listAncestorIds(companyId))]) owners.add(id)
    } catch (error) {
      if (!(error instanceof MedusaError && error.type === MedusaError.Types.NOT_FOUND)) throw error
    }
  }
  if (!owners.size) return []
  const contracts = await b2b.listContracts({ company_id: [...owners] }, { select: ["id"] })
  return contracts.map((c) => c.id)
}

async function contractsPricingCatalogue(
  container: MedusaContainer,
  productIds: string[],
  variantIds: string[]
): Promise<string[]> {
  if (!productIds.length && !variantIds.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const products = new Map<string, CatalogueProduct>()
  const variants: { id: string; sku?: string | null }[] = []
  if (productIds.length) {
    const { data } = await query.graph({
      entity: "product",
      fields: ["id", "collection_id", "categories.id", "variants.id", "variants.sku"],
      filters: { id: productIds },
    })
    for (const product of data as ProductRow[]) {
      products.set(product.id, product)
      variants.push(...(product.variants ?? []))
    }
  }
  if (variantIds.length) {
    const { data } = await query.graph({
      entity: "variant",
      fields: ["id", "sku", "product.id", "product.collection_id", "product.categories.id"],
      filters: { id: variantIds },
    })
    for (const variant of data as VariantRow[]) {
      variants.push(variant)
      if (variant.product) products.set(variant.product.id, variant.product)
    }
  }
  if (!products.size && !variants.length) return []

  const distinct = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))]
  const categoryIds = distinct([...products.values()].flatMap((p) => (p.categories ?? []).map((c) => c.id)))
  const collectionIds = distinct([...products.values()].map((p) => p.collection_id))
  const skus = distinct(variants.map((v) => v.sku))
  const byScope = (scope: string, scopeIds: string[]) =>
    scopeIds.length ? [{ type: "discount", scope, scope_id: scopeIds }] : []
  const variantRules = ["fixed_price", "tiered_price"]
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  const rules = await b2b.listPriceRules(
    {
      $or: [
        { type: "discount", scope: "catalogue" },
        ...byScope("product", [...products.keys()]),
        ...byScope("category", categoryIds),
        ...byScope("collection", collectionIds),
        ...(variants.length ? [{ type: variantRules, variant_id: distinct(variants.map((v) => v.id)) }] : []),
        ...(skus.length ? [{ type: variantRules, sku: skus }] : []),
      ],
    },
    { select: ["id", "contract_id"] }
  )
  return distinct(rules.map((r) => r.contract_id))
}
