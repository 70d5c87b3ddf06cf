import fc from "fast-check"
import { decorateCartTotals } from "@medusajs/framework/utils"
import { currencyExponent, toMajorString } from "../../money"

/**
 * Random orders totalled by Medusa itself: the specs below become a cart-like
 * object (items with unit prices, tax lines and promotion adjustments,
 * shipping methods the same) and Medusa 2.21's own `decorateCartTotals`
 * computes every total — the same code the order module runs when it returns
 * an order. Nothing here imitates Medusa's arithmetic.
 */

export const CURRENCIES = ["usd", "eur", "jpy", "kwd", "isk"] as const
export type Currency = (typeof CURRENCIES)[number]

export type PromotionSpec =
  | { type: "none" }
  /** A percentage promotion: Medusa stores the adjustment as price × quantity × pct, any precision. */
  | { type: "percentage"; percent: number }
  /** A fixed amount off the line, in minor units (capped at the line's price). */
  | { type: "fixed"; minor: number }

export type LineSpec = {
  unit_minor: number
  quantity: number
  promotion: PromotionSpec
  subMinorPrice?: boolean
  /** Units a received return took back (Medusa's detail.return_received_quantity): its totals count the rest. */
  returned?: number
}

export type OrderSpec = {
  currency: Currency
  /** Tax rate in percent with up to 3 decimals (8.875). */
  taxRate: number
  /** A second tax line (e.g. a county tax), percent; 0 for none. */
  secondTaxRate: number
  taxInclusive: boolean
  items: LineSpec[]
  shipping: { amount_minor: number; promotion: PromotionSpec } | null
}

const major = (minor: number, currency: string) => toMajorString(BigInt(minor), currency)

function adjustment(
  promotion: PromotionSpec,
  priceMajor: string,
  quantity: number,
  currency: string,
  inclusive: boolean
) {
  if (promotion.type === "none") return []
  const exponent = currencyExponent(currency)
  const lineMinor = Math.round(Number(priceMajor) * 10 ** exponent) * quantity
  if (promotion.type === "fixed") {
    const minor = Math.min(promotion.minor, lineMinor)
    return minor > 0
      ? [
          {
            id: `adj_${priceMajor}_${minor}`,
            amount: major(minor, currency),
            is_tax_inclusive: inclusive,
            code: "FIXED",
          },
        ]
      : []
  }
  // Percentage promotions are not rounded by Medusa: keep the exact decimal (percent has one decimal).
  const amount = (BigInt(lineMinor) * BigInt(Math.round(promotion.percent * 10))).toString().padStart(exponent + 4, "0")
  const digits = exponent + 3
  const text = `${amount.slice(0, amount.length - digits)}.${amount.slice(amount.length - digits)}`
  return [{ id: `adj_pct_${promotion.percent}`, amount: text, is_tax_inclusive: inclusive, code: "PCT" }]
}

function taxLines(spec: OrderSpec) {
  const lines = [{ rate: spec.taxRate, code: "STATE", description: "State tax" }]
  if (spec.secondTaxRate > 0) lines.push({ rate: spec.secondTaxRate, code: "COUNTY", description: "County tax" })
  return spec.taxRate > 0 || spec.secondTaxRate > 0 ? lines : []
}

/** An order (as query.graph returns it) whose totals Medusa computed. */
export function medusaOrder(spec: OrderSpec, id = "order_prop"): any {
  const cart: any = {
    id,
    currency_code: spec.currency,
    items: spec.items.map((it, i) => {
      // A sub-minor unit price (a tiered or tax-inclusive price) has two extra digits.
      const base = major(it.unit_minor, spec.currency)
      const price = it.subMinorPrice ? (base.includes(".") ? `${base}37` : `${base}.37`) : base
      return {
        id: `ordli_${id}_${String(i).padStart(4, "0")}`,
        title: `Item ${i}`,
        variant_sku: `SKU-${i}`,
        quantity: it.quantity,
        unit_price: price,
        is_tax_inclusive: spec.taxInclusive,
        tax_lines: taxLines(spec),
        adjustments: adjustment(it.promotion, price, it.quantity, spec.currency, spec.taxInclusive),
        metadata: {},
        ...(it.returned ? { detail: { quantity: it.quantity, return_received_quantity: it.returned } } : {}),
      }
    }),
    shipping_methods: spec.shipping
      ? [
          {
            id: `ordsm_${id}`,
            name: "Freight",
            amount: major(spec.shipping.amount_minor, spec.currency),
            is_tax_inclusive: spec.taxInclusive,
            tax_lines: taxLines(spec),
            adjustments: adjustment(
              spec.shipping.promotion,
              major(spec.shipping.amount_minor, spec.currency),
              1,
              spec.currency,
              spec.taxInclusive
            ),
          },
        ]
      : [],
  }
  const decorated = decorateCartTotals(cart) as any
  return { ...decorated, total: decorated.total, display_id: 1 }
}

/** Medusa's exact order total (a decimal string, major units). */
export const medusaTotal = (order: any) => String(order.total)

const promotionArb = (maxFixedMinor: number): fc.Arbitrary<PromotionSpec> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<PromotionSpec>({ type: "none" }) },
    {
      weight: 2,
      arbitrary: fc.integer({ min: 1, max: 1000 }).map((p): PromotionSpec => ({ type: "percentage", percent: p / 10 })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: maxFixedMinor }).map((m): PromotionSpec => ({ type: "fixed", minor: m })),
    }
  )

/** Orders users create: 1–maxItems lines, promotions on items and shipping, tax 0–25 %, inclusive or not, five currencies. */
export function orderSpecArb(maxItems = 8): fc.Arbitrary<OrderSpec> {
  return fc.record({
    currency: fc.constantFrom(...CURRENCIES),
    taxRate: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 25_000 }).map((m) => m / 1000)
    ),
    secondTaxRate: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 4_000 }).map((m) => m / 1000) }
    ),
    taxInclusive: fc.boolean(),
    items: fc.array(
      fc.record({
        unit_minor: fc.integer({ min: 1, max: 500_000 }),
        quantity: fc.integer({ min: 1, max: 250 }),
        promotion: promotionArb(100_000),
        subMinorPrice: fc.oneof(
          { weight: 4, arbitrary: fc.constant(false) },
          { weight: 1, arbitrary: fc.constant(true) }
        ),
      }),
      { minLength: 1, maxLength: maxItems }
    ),
    shipping: fc.option(
      fc.record({ amount_minor: fc.integer({ min: 0, max: 50_000 }), promotion: promotionArb(50_000) }),
      { nil: null }
    ),
  })
}
