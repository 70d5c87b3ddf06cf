import fc from "fast-check"
import { currencyExponent } from "../../../lib/money"
import type { InvoiceSourceOrder } from "../lib/invoice-lines"

/**
 * Random contract-priced orders totalled the way Medusa totals them: unit
 * prices in whole minor units (contract prices are), item discounts that may
 * be fractional (percentage promotions), tax per line = (subtotal − discount)
 * × rate kept unrounded, order total = Σ (subtotal − discount + tax) of items
 * and shipping. Amounts are rendered as exact decimal strings in major units,
 * as Medusa's BigNumber serializes them.
 */

/** Extra fractional digits our exact arithmetic carries (rates have ≤ 4 decimals in percent). */
const EXTRA = 8

export type OrderSpec = {
  currency: "jpy" | "usd" | "kwd"
  items: { unit_minor: number; quantity: number; discount_permille: number }[]
  shipping_minor: number
  shipping_discount_permille: number
  /** Tax rate in basis points of a percent (825 = 8.25 %). */
  tax_rate_bp: number
}

function major(scaledMinor: bigint, currency: string): string {
  // scaledMinor = minor units × 10^EXTRA
  const digits = currencyExponent(currency) + EXTRA
  const negative = scaledMinor < 0n
  const abs = (negative ? -scaledMinor : scaledMinor).toString().padStart(digits + 1, "0")
  const text = `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}`.replace(/\.?0+$/, "")
  return (negative ? "-" : "") + text
}

const SCALE = 10n ** BigInt(EXTRA)

export function medusaLikeOrder(spec: OrderSpec, id = "order_prop"): InvoiceSourceOrder {
  const rate = BigInt(spec.tax_rate_bp) // percent × 100 → fraction = bp / 10_000
  let total = 0n
  let taxTotal = 0n
  const items = spec.items.map((it, i) => {
    const subtotal = BigInt(it.unit_minor) * BigInt(it.quantity) * SCALE
    const discount = (subtotal * BigInt(it.discount_permille)) / 1000n // exact: SCALE absorbs it
    const tax = ((subtotal - discount) * rate) / 10_000n
    total += subtotal - discount + tax
    taxTotal += tax
    return {
      id: `ordli_${id}_${String(i).padStart(4, "0")}`,
      title: `Item ${i}`,
      variant_sku: `SKU-${i}`,
      quantity: it.quantity,
      unit_price: major(BigInt(it.unit_minor) * SCALE, spec.currency),
      discount_total: major(discount, spec.currency),
      tax_total: major(tax, spec.currency),
    }
  })
  const shipping = BigInt(spec.shipping_minor) * SCALE
  const shippingDiscount = (shipping * BigInt(spec.shipping_discount_permille)) / 1000n
  const shippingTax = ((shipping - shippingDiscount) * rate) / 10_000n
  total += shipping - shippingDiscount + shippingTax
  taxTotal += shippingTax
  return {
    id,
    display_id: 1,
    currency_code: spec.currency,
    total: major(total, spec.currency),
    tax_total: major(taxTotal, spec.currency),
    items,
    shipping_methods: spec.shipping_minor
      ? [{ id: `ordsm_${id}`, name: "Freight", amount: major(shipping, spec.currency), discount_total: major(shippingDiscount, spec.currency) }]
      : [],
  }
}

/** Exact Medusa total rounded once, half away from zero, to minor units. */
export function expectedTotalMinor(order: InvoiceSourceOrder): bigint {
  const [whole, frac = ""] = String(order.total).split(".")
  const exp = currencyExponent(order.currency_code)
  const digits = BigInt(whole + frac.padEnd(exp, "0").slice(0, exp))
  const rest = frac.slice(exp)
  return rest && rest[0] >= "5" ? digits + 1n : digits
}

export const orderSpecArb = (maxItems = 12): fc.Arbitrary<OrderSpec> =>
  fc.record({
    currency: fc.constantFrom("jpy" as const, "usd" as const, "kwd" as const),
    items: fc.array(
      fc.record({
        unit_minor: fc.integer({ min: 1, max: 2_000_000 }),
        quantity: fc.integer({ min: 1, max: 500 }),
        discount_permille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
      }),
      { minLength: 1, maxLength: maxItems }
    ),
    shipping_minor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500_000 })),
    shipping_discount_permille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
    tax_rate_bp: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_700 })),
  })
