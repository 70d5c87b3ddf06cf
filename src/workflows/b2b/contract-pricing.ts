import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import { toMinor } from "../../lib/money"
import { toEngineRule, type PriceRuleRecord } from "../../modules/b2b/lib/to-engine-rule"
import { compileRules, type CompiledRuleSet } from "../../modules/b2b/pricing"
import type { CartLineInput } from "../../modules/b2b/pricing/types"

/**
 * What contract pricing needs to know about a variant, whoever asks (the cart
 * hooks, the store price quote): its catalogue position and Medusa's own
 * price for this buyer, the base a discount applies to and what a line falls
 * back to when no rule prices it.
 */
export type VariantPricingFacts = Omit<CartLineInput, "quantity">

export type PricingContext = {
  /** Lower-case ISO code; prices are looked up in this currency. */
  currency_code: string
  region_id?: string | null
  /** Medusa's calculated price honours the customer's groups and price lists. */
  customer_id?: string | null
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
  for (const variant of variants as any[]) {
    const amount = variant.calculated_price?.calculated_amount
    facts.set(variant.id, {
      variant_id: variant.id,
      sku: variant.sku ?? undefined,
      product_id: variant.product_id,
      collection_id: variant.product?.collection_id ?? undefined,
      category_ids: (variant.product?.categories ?? []).map((c: { id: string }) => c.id),
      base_unit_price_minor:
        amount === undefined || amount === null
          ? null
          : toMinor(String(amount), context.currency_code, { round: true }),
    })
  }
  return facts
}

/** A cart line for the engine. */
export function toCartLine(facts: VariantPricingFacts, quantity: number): CartLineInput {
  return { ...facts, quantity }
}

/** A contract's rules compiled for pricing; no contract compiles to "no rules" (Medusa prices). */
export function compileContractRules(contract: { rules?: PriceRuleRecord[] | null } | null): CompiledRuleSet {
  return compileRules((contract?.rules ?? []).map(toEngineRule))
}
