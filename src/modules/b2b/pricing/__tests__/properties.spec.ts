import fc from "fast-check"
import { compileRules, priceCart, priceLine, type CartLineInput, type PricedLine, type PriceRule } from ".."
import { currencyArb, discountRuleArb, lineArb, percentageArb, pricingRulesArb, tieredRuleArb } from "./arbitraries"
import { graduatedExactTotal, matchRank, oraclePrice, percentageOff, tierAt } from "./oracle"
import { propertyRuns } from "../../../../../integration-tests/helpers/property-runs"

/** The line (variant v1, Medusa price 10.00) the single-rule properties price; each test sets quantity or base. */
const baseLine: CartLineInput = {
  variant_id: "v1",
  sku: "s1",
  product_id: "p1",
  category_ids: [],
  quantity: 1,
  base_unit_price_minor: 1000n,
}

const LEVEL_OF_RANK = ["variant", "variant", "product", "category", "collection", "catalogue"]

function tryPriceLine(
  rules: PriceRule[],
  line: Parameters<typeof priceLine>[1],
  currency: string
): PricedLine | { code: string } {
  try {
    return priceLine(compileRules(rules), line, currency)
  } catch (error) {
    return { code: (error as { code: string }).code }
  }
}

describe("pricing properties", () => {
  it("(a) line_total_minor is exactly unit_price_minor × quantity, all bigint", () => {
    fc.assert(
      fc.property(pricingRulesArb, lineArb, currencyArb, (rules, line, currency) => {
        const priced = tryPriceLine(rules, line, currency)
        if ("code" in priced) return
        expect(typeof priced.unit_price_minor).toBe("bigint")
        expect(typeof priced.line_total_minor).toBe("bigint")
        expect(priced.line_total_minor).toBe(priced.unit_price_minor * BigInt(line.quantity))
        if (priced.rounding) {
          expect(priced.rounding.line_total_minor).toBe(priced.line_total_minor)
          expect(priced.rounding.rounding_delta_minor).toBe(priced.line_total_minor - priced.rounding.exact_total_minor)
        }
      }),
      { numRuns: propertyRuns(400) }
    )
  })

  it("(b) the chosen rule is the most specific matching one, cheapest within its level, as a brute-force scan finds", () => {
    fc.assert(
      fc.property(pricingRulesArb, lineArb, currencyArb, (rules, line, currency) => {
        const priced = tryPriceLine(rules, line, currency)
        const expected = oraclePrice(rules, line)
        if (expected.kind === "no_base_price") {
          expect(priced).toEqual({ code: "no_base_price" })
          return
        }
        if ("code" in priced) throw new Error(`unexpected ${priced.code}`)
        expect(priced.rule?.id ?? null).toBe(expected.ruleId)
        expect(priced.unit_price_minor).toBe(expected.unit)

        // Never less specific than any other matching rule.
        const ranks = rules.map((rule) => matchRank(rule, line)).filter((rank): rank is number => rank !== null)
        if (priced.rule) {
          const chosen = rules.find((rule) => rule.id === priced.rule!.id)!
          const chosenRank = matchRank(chosen, line)!
          expect(ranks.every((rank) => chosenRank <= rank)).toBe(true)
          expect(priced.rule.level).toBe(LEVEL_OF_RANK[chosenRank])
        } else {
          expect(ranks).toEqual([])
        }
      }),
      { numRuns: propertyRuns(1000) }
    )
  })

  it("(c) volume: the unit price is the tier reached", () => {
    fc.assert(
      fc.property(tieredRuleArb("volume"), fc.integer({ min: 1, max: 1000 }), (rule, quantity) => {
        const tiered = { ...rule, id: "t", target: { variant_id: "v1" } } as PriceRule & { type: "tiered_price" }
        const priced = priceLine(compileRules([tiered]), { ...baseLine, quantity }, "USD")
        expect(priced.unit_price_minor).toBe(tierAt(tiered.tiers, quantity).unit_price_minor)
        expect(priced.rounding).toBeUndefined()
      })
    )
  })

  it("(c) graduated: exact total is the per-unit sum, and |line_total − exact_total| ≤ quantity / 2", () => {
    // unit = round(exact / q) is within ½ of exact / q, so unit·q is within q/2 of exact.
    fc.assert(
      fc.property(
        tieredRuleArb("graduated"),
        fc.integer({ min: 1, max: 1000 }),
        currencyArb,
        (rule, quantity, currency) => {
          const tiered = { ...rule, id: "t", target: { variant_id: "v1" } } as PriceRule & { type: "tiered_price" }
          const priced = priceLine(compileRules([tiered]), { ...baseLine, quantity }, currency)
          const exact = graduatedExactTotal(tiered.tiers, quantity)
          expect(priced.rounding?.exact_total_minor).toBe(exact)
          const delta = priced.line_total_minor - exact
          expect(2n * (delta < 0n ? -delta : delta) <= BigInt(quantity)).toBe(true)
          // And the unit price is within the tiers' price range.
          const prices = tiered.tiers.map((t) => t.unit_price_minor)
          expect(
            prices.some((p) => p <= priced.unit_price_minor) && prices.some((p) => p >= priced.unit_price_minor)
          ).toBe(true)
        }
      )
    )
  })

  it("(d) a percentage discount equals rational rounding of base × (100 − p) / 100", () => {
    fc.assert(
      fc.property(
        percentageArb,
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 1000 }),
        (value, base, quantity) => {
          const rule: PriceRule = { id: "d", type: "discount", scope: "catalogue", kind: "percentage", value }
          const priced = priceLine(compileRules([rule]), { ...baseLine, base_unit_price_minor: base, quantity }, "KWD")
          expect(priced.unit_price_minor).toBe(percentageOff(base, value))
        }
      ),
      { numRuns: propertyRuns(500) }
    )
  })

  it("(e) without a matching rule the line keeps Medusa's price unchanged", () => {
    fc.assert(
      fc.property(pricingRulesArb, lineArb, currencyArb, (rules, line, currency) => {
        const unmatched = rules.filter((rule) => matchRank(rule, line) === null)
        fc.pre(line.base_unit_price_minor !== null)
        const priced = priceLine(compileRules(unmatched), line, currency)
        expect(priced.rule).toBeNull()
        expect(priced.unit_price_minor).toBe(line.base_unit_price_minor)
        expect(priced.base_unit_price_minor).toBe(line.base_unit_price_minor)
      })
    )
  })

  it("(f) priceCart's total is the sum of its line totals, and each line is priced as on its own", () => {
    fc.assert(
      fc.property(pricingRulesArb, fc.array(lineArb, { maxLength: 20 }), currencyArb, (rules, lines, currency) => {
        const compiled = compileRules(rules)
        const priceable = lines.filter((line) => oraclePrice(rules, line).kind === "priced")
        const cart = priceCart(compiled, priceable, currency)
        expect(cart.total_minor).toBe(cart.lines.reduce((sum, line) => sum + line.line_total_minor, 0n))
        expect(cart.lines).toEqual(priceable.map((line) => priceLine(compiled, line, currency)))
      })
    )
  })

  it("fixed-amount and percentage discounts never go below 0 nor above the base price", () => {
    fc.assert(
      fc.property(discountRuleArb, lineArb, (rule, line) => {
        fc.pre(line.base_unit_price_minor !== null)
        const priced = priceLine(
          compileRules([{ ...rule, scope: "catalogue", scope_id: undefined, id: "d" } as PriceRule]),
          line,
          "USD"
        )
        expect(priced.unit_price_minor >= 0n).toBe(true)
        expect(priced.unit_price_minor <= line.base_unit_price_minor!).toBe(true)
      })
    )
  })
})

describe("quantity constraint properties", () => {
  it("accepts exactly the quantities min, min+inc, … and points to valid neighbours otherwise", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.integer({ min: 1, max: 300 }),
        (min, increment, quantity) => {
          fc.pre(min !== undefined || increment !== undefined)
          const compiled = compileRules([
            { id: "q", type: "quantity_constraint", target: { variant_id: "v1" }, min_quantity: min, increment },
          ])
          const isValid = (q: number) =>
            q >= (min ?? 1) && (increment === undefined || (q - (min ?? 0)) % increment === 0)
          let error: { code?: string; nearest_valid?: { below: number | null; above: number } } | undefined
          try {
            priceLine(compiled, { ...baseLine, quantity }, "USD")
          } catch (e) {
            error = e as typeof error
          }
          expect(error === undefined).toBe(isValid(quantity))
          if (error?.code === "invalid_quantity_increment") {
            const { below, above } = error.nearest_valid!
            expect(isValid(above) && above > quantity).toBe(true)
            for (let q = quantity + 1; q < above; q++) expect(isValid(q)).toBe(false)
            if (below === null) {
              for (let q = 1; q < quantity; q++) expect(isValid(q)).toBe(false)
            } else {
              expect(isValid(below) && below < quantity).toBe(true)
              for (let q = below + 1; q < quantity; q++) expect(isValid(q)).toBe(false)
            }
          }
        }
      )
    )
  })
})
