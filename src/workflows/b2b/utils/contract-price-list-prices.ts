// Computes the prices a contract's Medusa price list must hold; used by steps/plan-contract-price-lists.ts.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, QueryContext } from "@medusajs/framework/utils"
import {
  compileForPriceList,
  quantityBandPrices,
  type QuantityBandPrice,
} from "../../../modules/b2b/lib/quantity-band-prices"
import { toEngineRule, type PriceRuleRecord } from "../../../modules/b2b/lib/to-engine-rule"
import { loadVariantPricingFacts, type PricingContext } from "./variant-pricing-facts"

/** One price of a contract's Medusa price list, amounts in minor units of the contract currency. */
export type ContractListPrice = QuantityBandPrice & {
  variant_id: string
  price_set_id: string
  /** Set when the price only applies in one region (see contractPriceListPrices). */
  region_id: string | null
}

/** Variants priced per query (the facts and the tax flags are loaded in batches of this size). */
const BATCH_SIZE = 500

/**
 * Every price the Medusa price list of a contract must hold: for each variant
 * a pricing rule of the contract covers, the contract engine's unit price per
 * quantity band (quantityBandPrices), from the same Medusa base price the cart
 * uses (loadVariantPricingFacts, without a customer: a price list serves every
 * buyer of the contract).
 *
 * Regions. Medusa's catalogue may give a variant its own price in a region
 * (a price with a `region_id` rule, e.g. a tax-inclusive market). The list
 * mirrors that: its plain price is computed from the currency's base price,
 * and a region gets its own `region_id` price when the contract price there
 * differs (a discount on a different base) or when Medusa's price there is
 * tax-inclusive where the plain one is not. Medusa prefers the price with
 * more matching rules, so a buyer in that region gets the regional price with
 * the same tax inclusivity as the catalogue price it replaces; the cart line
 * keeps the flag Medusa gave it.
 */
export async function contractPriceListPrices(
  container: MedusaContainer,
  contract: { currency_code: string; rules: PriceRuleRecord[] }
): Promise<ContractListPrice[]> {
  const currency = contract.currency_code.toLowerCase()
  const compiled = compileForPriceList(contract.rules.map(toEngineRule))
  if (compiled.ruleCount === 0) return []
  const variants = await coveredVariants(container, contract.rules)
  if (!variants.length) return []
  const regions = await container.resolve(Modules.REGION).listRegions({ currency_code: currency }, { select: ["id"] })
  const contexts: PricingContext[] = [
    { currency_code: currency },
    ...regions.map((r) => ({ currency_code: currency, region_id: r.id })),
  ]

  const prices: ContractListPrice[] = []
  for (let offset = 0; offset < variants.length; offset += BATCH_SIZE) {
    const batch = variants.slice(offset, offset + BATCH_SIZE)
    const ids = batch.map((v) => v.id)
    const byContext = await Promise.all(
      contexts.map(async (context) => ({
        context,
        facts: await loadVariantPricingFacts(container, ids, context),
        taxInclusive: regions.length ? await taxInclusivity(container, ids, context) : new Map<string, boolean>(),
      }))
    )
    const [plain, ...regional] = byContext
    for (const variant of batch) {
      const bandsFor = (facts: typeof plain.facts) => {
        const f = facts.get(variant.id)
        return f ? quantityBandPrices(compiled, f, currency) : []
      }
      const base = bandsFor(plain.facts)
      const row = (band: QuantityBandPrice, region_id: string | null): ContractListPrice => ({
        ...band,
        variant_id: variant.id,
        price_set_id: variant.price_set_id,
        region_id,
      })
      prices.push(...base.map((band) => row(band, null)))
      for (const region of regional) {
        const bands = bandsFor(region.facts)
        const sameTax = region.taxInclusive.get(variant.id) === plain.taxInclusive.get(variant.id)
        if (bands.length && (!sameTax || !sameBands(bands, base))) {
          prices.push(...bands.map((band) => row(band, region.context.region_id!)))
        }
      }
    }
  }
  return prices
}

/**
 * The variants (with a Medusa price set) that a pricing rule of the contract
 * may cover: a superset, since the engine decides per variant (a product's
 * variant may still be priced by a more specific rule, or by none).
 */
async function coveredVariants(
  container: MedusaContainer,
  rules: PriceRuleRecord[]
): Promise<{ id: string; price_set_id: string }[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pricing = rules.filter((r) => r.type !== "quantity_constraint")
  const discounts = (scope: string) =>
    pricing.filter((r) => r.type === "discount" && r.scope === scope).map((r) => r.scope_id!)

  let filters: Record<string, unknown> = {}
  if (!pricing.some((r) => r.type === "discount" && r.scope === "catalogue")) {
    const productIds = [...discounts("product")]
    const categoryIds = discounts("category")
    const collectionIds = discounts("collection")
    if (categoryIds.length || collectionIds.length) {
      const { data } = await query.graph({
        entity: "product",
        fields: ["id"],
        filters: {
          $or: [
            ...(categoryIds.length ? [{ categories: { id: categoryIds } }] : []),
            ...(collectionIds.length ? [{ collection_id: collectionIds }] : []),
          ],
        },
      })
      productIds.push(...(data as { id: string }[]).map((p) => p.id))
    }
    const variantIds = pricing.filter((r) => r.variant_id).map((r) => r.variant_id!)
    const skus = pricing.filter((r) => r.sku).map((r) => r.sku!)
    const or = [
      ...(variantIds.length ? [{ id: [...new Set(variantIds)] }] : []),
      ...(skus.length ? [{ sku: [...new Set(skus)] }] : []),
      ...(productIds.length ? [{ product_id: [...new Set(productIds)] }] : []),
    ]
    if (!or.length) return []
    filters = { $or: or }
  }

  const found: { id: string; price_set_id: string }[] = []
  for (let skip = 0; ; skip += BATCH_SIZE) {
    const { data } = await query.graph({
      entity: "variant",
      fields: ["id", "price_set.id"],
      filters,
      pagination: { skip, take: BATCH_SIZE, order: { id: "ASC" } },
    })
    for (const variant of data as { id: string; price_set?: { id: string } | null }[]) {
      // A variant without a price set has no Medusa price to override.
      if (variant.price_set?.id) found.push({ id: variant.id, price_set_id: variant.price_set.id })
    }
    if (data.length < BATCH_SIZE) return found
  }
}

/** Whether Medusa's calculated price of each variant is tax-inclusive in `context`. */
async function taxInclusivity(
  container: MedusaContainer,
  ids: string[],
  context: PricingContext
): Promise<Map<string, boolean>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "variant",
    fields: ["id", "calculated_price.*"],
    filters: { id: ids },
    context: {
      calculated_price: QueryContext({
        currency_code: context.currency_code,
        region_id: context.region_id ?? undefined,
      }),
    },
  })
  const variants = data as { id: string; calculated_price?: { is_calculated_price_tax_inclusive?: boolean } | null }[]
  return new Map(variants.map((v) => [v.id, !!v.calculated_price?.is_calculated_price_tax_inclusive]))
}

function sameBands(a: QuantityBandPrice[], b: QuantityBandPrice[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (band, i) =>
        band.min_quantity === b[i].min_quantity &&
        band.max_quantity === b[i].max_quantity &&
        band.amount_minor === b[i].amount_minor
    )
  )
}
