import { priceLine } from "../../pricing"
import { cartLine } from "../../pricing/__tests__/builders"
import type { PriceRule, PriceTier } from "../../pricing/types"
import { compileForPriceList, quantityBandPrices } from "../quantity-band-prices"

const variant = (overrides: Parameters<typeof cartLine>[0] = {}) => {
  const { quantity: _q, ...rest } = cartLine(overrides)
  return rest
}
const TIERS: PriceTier[] = [
  { min_quantity: 1, unit_price_minor: 100n },
  { min_quantity: 10, unit_price_minor: 80n },
  { min_quantity: 50, unit_price_minor: 50n },
]
const bands = (rules: PriceRule[], overrides: Parameters<typeof cartLine>[0] = {}) =>
  quantityBandPrices(compileForPriceList(rules), variant(overrides), "usd")

describe("quantityBandPrices", () => {
  it("gives one unbounded price for a fixed price or a discount", () => {
    expect(
      bands([{ id: "r1", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 1000n }])
    ).toEqual([{ min_quantity: null, max_quantity: null, amount_minor: 1000n }])
    expect(bands([{ id: "r1", type: "discount", scope: "catalogue", kind: "percentage", value: "10" }])).toEqual([
      { min_quantity: null, max_quantity: null, amount_minor: 1800n },
    ])
  })

  it("gives one price per volume tier, each the cart's unit price at every quantity of the band", () => {
    const rules: PriceRule[] = [
      { id: "r1", type: "tiered_price", target: { sku: "SKU-1" }, mode: "volume", tiers: TIERS },
    ]
    const result = bands(rules)
    expect(result).toEqual([
      { min_quantity: 1, max_quantity: 9, amount_minor: 100n },
      { min_quantity: 10, max_quantity: 49, amount_minor: 80n },
      { min_quantity: 50, max_quantity: null, amount_minor: 50n },
    ])
    const compiled = compileForPriceList(rules)
    for (const quantity of [1, 9, 10, 49, 50, 1000]) {
      const band = result.find(
        (b) => b.min_quantity! <= quantity && (b.max_quantity === null || quantity <= b.max_quantity)
      )!
      expect(band.amount_minor).toBe(priceLine(compiled, cartLine({ quantity }), "usd").unit_price_minor)
    }
  })

  it("gives each graduated band its own price (the cart charges the band sum over the line)", () => {
    const result = bands([
      { id: "r1", type: "tiered_price", target: { variant_id: "var_1" }, mode: "graduated", tiers: TIERS },
    ])
    expect(result).toEqual([
      { min_quantity: 1, max_quantity: 9, amount_minor: 100n },
      { min_quantity: 10, max_quantity: 49, amount_minor: 80n },
      { min_quantity: 50, max_quantity: null, amount_minor: 50n },
    ])
  })

  it("follows the precedence between rules of the same variant band by band, merging equal bands", () => {
    // Fixed 90 beats tier 1 (100) and loses to tiers 2 and 3.
    const result = bands([
      { id: "r1", type: "tiered_price", target: { variant_id: "var_1" }, mode: "volume", tiers: TIERS },
      { id: "r2", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 90n },
    ])
    expect(result).toEqual([
      { min_quantity: 1, max_quantity: 9, amount_minor: 90n },
      { min_quantity: 10, max_quantity: 49, amount_minor: 80n },
      { min_quantity: 50, max_quantity: null, amount_minor: 50n },
    ])
    // A variant-level fixed price below every tier: one price for all quantities.
    expect(
      bands([
        { id: "r1", type: "tiered_price", target: { variant_id: "var_1" }, mode: "volume", tiers: TIERS },
        { id: "r2", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 40n },
      ])
    ).toEqual([{ min_quantity: null, max_quantity: null, amount_minor: 40n }])
  })

  it("leaves out quantity constraints (the cart enforces them; a price list cannot)", () => {
    const rules: PriceRule[] = [
      { id: "r1", type: "fixed_price", target: { variant_id: "var_1" }, unit_price_minor: 1000n },
      { id: "r2", type: "quantity_constraint", target: { variant_id: "var_1" }, min_quantity: 10, increment: 5 },
    ]
    expect(bands(rules)).toEqual([{ min_quantity: null, max_quantity: null, amount_minor: 1000n }])
  })

  it("is empty when no rule prices the variant or a discount has no Medusa price to apply to", () => {
    expect(
      bands([{ id: "r1", type: "fixed_price", target: { variant_id: "var_2" }, unit_price_minor: 1000n }])
    ).toEqual([])
    expect(
      bands([{ id: "r1", type: "discount", scope: "catalogue", kind: "percentage", value: "10" }], {
        base_unit_price_minor: null,
      })
    ).toEqual([])
  })
})
