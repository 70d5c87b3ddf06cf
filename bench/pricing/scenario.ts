/**
 * The benchmark's data: a catalogue, a 1,000-rule contract over it, and the
 * Medusa price list that says the same thing where Medusa can.
 *
 * Cart: 500 variants (100 products × 5), every line at quantity 10.
 * Contract rules (1,000):
 *   300 fixed prices          cart variants 0–299 (10 % under list)
 *   100 volume tiers          cart variants 300–399 (1+, 10+, 50+)
 *    50 graduated tiers       cart variants 400–449 (same tiers; no Medusa equivalent)
 *   100 MOQ/increment rules   cart variants 0–99 (min 5, steps of 5; no Medusa equivalent)
 *    10 product discounts     products 90–99 = cart variants 450–499 (7.5 %)
 *    10 category, 5 collection and 1 catalogue discount (shadowed in this cart by more specific rules)
 *   424 fixed prices by SKU   for variants that are not in the cart (a contract covers more than one order)
 * Medusa: one customer-group price list with a price per fixed-price variant,
 * min/max-quantity prices per volume tier, and the product discounts expanded
 * to per-variant prices.
 */
import { roundHalfAwayFromZero, toMajorString } from "../../src/lib/money"
import { toRuleColumns, type RuleColumns, type RuleInput } from "../../src/modules/b2b/lib/rule-input"

export const LINES = 500
export const RULES = 1000
export const CART_QUANTITY = 10
export const CURRENCY = "usd"

const VARIANTS_PER_PRODUCT = 5
const OTHER_SKU_RULES = 424
const CATEGORY_COUNT = 10
const COLLECTION_COUNT = 5
const PRODUCT_DISCOUNT = "7.5"
const PACKS = ["A", "B", "C", "D", "E"]

export type BenchVariant = {
  id: string
  sku: string
  product_id: string
  collection_id: string
  category_ids: string[]
  price_set_id: string
  base_price_minor: number
  /** False when the rule pricing it (graduated tiers) has no Medusa equivalent. */
  medusa_expressible: boolean
}

export type Catalogue = {
  cartVariants: BenchVariant[]
  otherVariants: BenchVariant[]
  categoryIds: string[]
  collectionIds: string[]
}

/** Deterministic list prices between 5.00 and 54.99. */
const basePriceMinor = (index: number) => 500 + ((index * 3_701) % 5_000)
const percentOff = (base: number, percent: string) => {
  const keep = 1_000_000n - BigInt(Math.round(Number(percent) * 10_000))
  return Number(roundHalfAwayFromZero(BigInt(base) * keep, 1_000_000n))
}
const tiersOf = (base: number) => [
  { min_quantity: 1, unit_price_minor: base },
  { min_quantity: 10, unit_price_minor: Math.round(base * 0.85) },
  { min_quantity: 50, unit_price_minor: Math.round(base * 0.7) },
]

/** Products, categories and collections in the product module; one price set per variant in the pricing module. */
export async function buildCatalogue(product: any, pricing: any): Promise<Catalogue> {
  const categories = await product.createProductCategories(
    Array.from({ length: CATEGORY_COUNT }, (_, i) => ({
      name: `Category ${i}`,
      handle: `bench-category-${i}`,
      is_active: true,
    }))
  )
  const collections = await product.createProductCollections(
    Array.from({ length: COLLECTION_COUNT }, (_, i) => ({ title: `Collection ${i}`, handle: `bench-collection-${i}` }))
  )
  const totalVariants = LINES + OTHER_SKU_RULES
  const productCount = Math.ceil(totalVariants / VARIANTS_PER_PRODUCT)
  const products = await product.createProducts(
    Array.from({ length: productCount }, (_, p) => ({
      title: `Bench product ${p}`,
      handle: `bench-product-${p}`,
      status: "published",
      collection_id: collections[p % COLLECTION_COUNT].id,
      category_ids: [categories[p % CATEGORY_COUNT].id],
      options: [{ title: "Pack", values: PACKS }],
      variants: PACKS.map((pack, k) => ({
        title: `Pack ${pack}`,
        sku: `BENCH-${p * VARIANTS_PER_PRODUCT + k}`,
        options: { Pack: pack },
      })),
    }))
  )
  const variants = products
    .flatMap((p: any) =>
      p.variants.map((v: any) => ({
        ...v,
        product_id: p.id,
        collection_id: p.collection_id,
        category_ids: [categories[Number(p.handle.split("-").pop()) % CATEGORY_COUNT].id],
      }))
    )
    .sort((a: any, b: any) => Number(a.sku.split("-")[1]) - Number(b.sku.split("-")[1]))
    .slice(0, totalVariants)
  const priceSets = await pricing.createPriceSets(
    variants.map((_: unknown, i: number) => ({
      prices: [{ amount: Number(toMajorString(BigInt(basePriceMinor(i)), CURRENCY)), currency_code: CURRENCY }],
    }))
  )
  const all: BenchVariant[] = variants.map((v: any, i: number) => ({
    id: v.id,
    sku: v.sku,
    product_id: v.product_id,
    collection_id: v.collection_id,
    category_ids: v.category_ids,
    price_set_id: priceSets[i].id,
    base_price_minor: basePriceMinor(i),
    medusa_expressible: !(i >= 400 && i < 450),
  }))
  return {
    cartVariants: all.slice(0, LINES),
    otherVariants: all.slice(LINES),
    categoryIds: categories.map((c: any) => c.id),
    collectionIds: collections.map((c: any) => c.id),
  }
}

/** The contract's 1,000 rules, as the admin API would store them. */
export function buildContractRules(catalogue: Catalogue): RuleColumns[] {
  const { cartVariants: cart, otherVariants: others } = catalogue
  const rules: RuleInput[] = []
  cart.forEach((v, i) => {
    if (i < 300)
      rules.push({ type: "fixed_price", variant_id: v.id, unit_price_minor: Math.round(v.base_price_minor * 0.9) })
    else if (i < 400)
      rules.push({ type: "tiered_price", variant_id: v.id, tier_mode: "volume", tiers: tiersOf(v.base_price_minor) })
    else if (i < 450)
      rules.push({ type: "tiered_price", variant_id: v.id, tier_mode: "graduated", tiers: tiersOf(v.base_price_minor) })
    if (i < 100) rules.push({ type: "quantity_constraint", variant_id: v.id, min_quantity: 5, increment: 5 })
  })
  const discountedProducts = [...new Set(cart.slice(450).map((v) => v.product_id))]
  for (const productId of discountedProducts) {
    rules.push({
      type: "discount",
      scope: "product",
      scope_id: productId,
      discount_kind: "percentage",
      percentage: PRODUCT_DISCOUNT,
    })
  }
  for (const id of catalogue.categoryIds)
    rules.push({ type: "discount", scope: "category", scope_id: id, discount_kind: "percentage", percentage: "3" })
  for (const id of catalogue.collectionIds)
    rules.push({
      type: "discount",
      scope: "collection",
      scope_id: id,
      discount_kind: "fixed_amount",
      amount_off_minor: 25,
    })
  rules.push({ type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "2" })
  for (const v of others)
    rules.push({ type: "fixed_price", sku: v.sku, unit_price_minor: Math.round(v.base_price_minor * 0.95) })
  if (rules.length !== RULES) throw new Error(`Scenario builds ${rules.length} rules, expected ${RULES}`)
  return rules.map(toRuleColumns)
}

/** The same contract as a Medusa price list for the buyer's customer group, where Medusa can express it. */
export function buildMedusaPriceList(catalogue: Catalogue, customerGroupId: string) {
  const price = (v: BenchVariant, minor: number, range: { min_quantity?: number; max_quantity?: number } = {}) => ({
    price_set_id: v.price_set_id,
    currency_code: CURRENCY,
    amount: Number(toMajorString(BigInt(minor), CURRENCY)),
    ...range,
  })
  const prices: ReturnType<typeof price>[] = []
  catalogue.cartVariants.forEach((v, i) => {
    if (i < 300) prices.push(price(v, Math.round(v.base_price_minor * 0.9)))
    else if (i < 400) {
      const [t1, t10, t50] = tiersOf(v.base_price_minor)
      prices.push(price(v, t1.unit_price_minor, { min_quantity: 1, max_quantity: 9 }))
      prices.push(price(v, t10.unit_price_minor, { min_quantity: 10, max_quantity: 49 }))
      prices.push(price(v, t50.unit_price_minor, { min_quantity: 50 }))
    } else if (i >= 450) prices.push(price(v, percentOff(v.base_price_minor, PRODUCT_DISCOUNT)))
  })
  for (const v of catalogue.otherVariants) prices.push(price(v, Math.round(v.base_price_minor * 0.95)))
  return {
    title: "Bench contract",
    description: "The benchmark contract as a Medusa price list",
    type: "override",
    status: "active",
    rules: { "customer.groups.id": [customerGroupId] },
    prices,
  }
}
