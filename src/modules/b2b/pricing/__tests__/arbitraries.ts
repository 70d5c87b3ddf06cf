import fc from "fast-check"
import type { CartLineInput, DiscountRule, PriceRule, PriceTier, TieredPriceRule, VariantTarget } from "../types"

// Small id pools so random rules and lines actually collide.
const VARIANTS = ["v1", "v2", "v3"]
const SKUS = ["s1", "s2", "s3"]
const PRODUCTS = ["p1", "p2"]
const CATEGORIES = ["c1", "c2", "c3"]
const COLLECTIONS = ["k1", "k2"]

export const currencyArb = fc.constantFrom("JPY", "CLP", "USD", "EUR", "KWD", "BHD")

const priceArb = fc.bigInt({ min: 0n, max: 10_000_000n })

const targetArb: fc.Arbitrary<VariantTarget> = fc.oneof(
  fc.record({ variant_id: fc.constantFrom(...VARIANTS) }),
  fc.record({ sku: fc.constantFrom(...SKUS) }),
  fc.record({ variant_id: fc.constantFrom(...VARIANTS), sku: fc.constantFrom(...SKUS) })
)

/** Valid tiers: first at 1, strictly ascending. */
export const tiersArb: fc.Arbitrary<PriceTier[]> = fc
  .tuple(
    priceArb,
    fc.uniqueArray(fc.record({ min_quantity: fc.integer({ min: 2, max: 300 }), unit_price_minor: priceArb }), {
      selector: (tier) => tier.min_quantity,
      maxLength: 5,
    })
  )
  .map(([firstPrice, rest]) => [
    { min_quantity: 1, unit_price_minor: firstPrice },
    ...rest.sort((a, b) => a.min_quantity - b.min_quantity),
  ])

export const tieredRuleArb = (mode?: "volume" | "graduated"): fc.Arbitrary<Omit<TieredPriceRule, "id">> =>
  fc.record({
    type: fc.constant("tiered_price" as const),
    target: targetArb,
    mode: mode ? fc.constant(mode) : fc.constantFrom("volume" as const, "graduated" as const),
    tiers: tiersArb,
  })

/** "0.0001" … "100" with 0–4 decimals, as an admin would type it. */
export const percentageArb: fc.Arbitrary<string> = fc.integer({ min: 1, max: 1_000_000 }).map((scaled) => {
  const whole = Math.floor(scaled / 10_000)
  const fraction = String(scaled % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "")
  return fraction ? `${whole}.${fraction}` : `${whole}`
})

const scopedArb = fc.oneof(
  fc.record({ scope: fc.constant("product" as const), scope_id: fc.constantFrom(...PRODUCTS) }),
  fc.record({ scope: fc.constant("category" as const), scope_id: fc.constantFrom(...CATEGORIES) }),
  fc.record({ scope: fc.constant("collection" as const), scope_id: fc.constantFrom(...COLLECTIONS) }),
  fc.record({ scope: fc.constant("catalogue" as const) })
)

export const discountRuleArb: fc.Arbitrary<Omit<DiscountRule, "id">> = fc
  .tuple(
    scopedArb,
    fc.oneof(
      fc.record({ kind: fc.constant("percentage" as const), value: percentageArb }),
      fc.record({ kind: fc.constant("fixed_amount" as const), value: fc.bigInt({ min: 1n, max: 10_000_000n }) })
    )
  )
  .map(([scope, kind]) => ({ type: "discount" as const, ...scope, ...kind }) as Omit<DiscountRule, "id">)

const pricingRuleArb: fc.Arbitrary<Omit<PriceRule, "id">> = fc.oneof(
  fc.record({ type: fc.constant("fixed_price" as const), target: targetArb, unit_price_minor: priceArb }),
  tieredRuleArb(),
  discountRuleArb
)

// Rule ids are drawn shuffled from a pool, so the input order says nothing about id order and ties by id are exercised.
const RULE_IDS = Array.from({ length: 20 }, (_, i) => `r${String.fromCharCode(97 + ((i * 7) % 20))}${i % 3}`)

/** Up to 14 pricing rules (no quantity constraints) with unique ids. */
export const pricingRulesArb: fc.Arbitrary<PriceRule[]> = fc
  .tuple(fc.array(pricingRuleArb, { maxLength: 14 }), fc.shuffledSubarray(RULE_IDS, { minLength: 14, maxLength: 14 }))
  .map(([rules, ids]) => rules.map((rule, i) => ({ ...rule, id: ids[i] }) as PriceRule))

export const lineArb: fc.Arbitrary<CartLineInput> = fc.record({
  variant_id: fc.constantFrom(...VARIANTS),
  sku: fc.option(fc.constantFrom(...SKUS), { nil: undefined }),
  product_id: fc.constantFrom(...PRODUCTS),
  collection_id: fc.option(fc.constantFrom(...COLLECTIONS), { nil: undefined }),
  category_ids: fc.subarray(CATEGORIES),
  quantity: fc.integer({ min: 1, max: 400 }),
  base_unit_price_minor: fc.option(priceArb, { nil: null, freq: 6 }),
})
