// Reads Medusa's calculated price and catalogue position of variants for contract pricing (cart hooks, quotes, price lists).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import { toMinor } from "../../../lib/money"
import type { VariantPricingFacts } from "../../../modules/b2b/lib/contract-pricing"

export type PricingContext = {
  /** Lower-case ISO code; prices are looked up in this currency. */
  currency_code: string
  region_id?: string | null
  /** Medusa's calculated price honours the customer's groups and price lists. */
  customer_id?: string | null
}

/** The variant fields read (Query's `variant` entity). */
type VariantRow = {
  id: string
  sku: string | null
  product_id: string
  product?: { collection_id: string | null; categories?: { id: string }[] | null } | null
  calculated_price?: { calculated_amount?: unknown } | null
}

/**
 * Loads the pricing facts of `variantIds` with Medusa's calculated price in
 * `context`. Variants that do not exist are absent from the map.
 */
export async function loadVariantPricingFacts(
  container: MedusaContainer,
  variantIds: readonly string[],
  context: PricingContext
): Promise<Map<string, VariantPricingFacts>> {
  const ids = [...new Set(variantIds)]
  if (!ids.length) return new Map()
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "variant",
    fields: ["id", "sku", "product_id", "product.collection_id", "product.categories.id", "calculated_price.*"],
    filters: { id: ids },
    context: {
      calculated_price: QueryContext({
        currency_code: context.currency_code,
        region_id: context.region_id ?? undefined,
        customer_id: context.customer_id ?? undefined,
      }),
    },
  })
  const facts = new Map<string, VariantPricingFacts>()
  for (const variant of variants as VariantRow[]) {
    const amount = variant.calculated_price?.calculated_amount
    facts.set(variant.id, {
      variant_id: variant.id,
      sku: variant.sku ?? undefined,
      product_id: variant.product_id,
      collection_id: variant.product?.collection_id ?? undefined,
      category_ids: (variant.product?.categories ?? []).map((c) => c.id),
      base_unit_price_minor:
        amount === undefined || amount === null
          ? null
          : toMinor(String(amount), context.currency_code, { round: true }),
    })
  }
  return facts
}
