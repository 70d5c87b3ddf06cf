import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { assertBooksAgree, freshBuyer, totalMinor, useMerchant, useStripeSandbox, waitForInvoice } from "./helpers"
import { toStripeAmount } from "../../../src/lib/money"

export type Market = {
  currency: "jpy" | "kwd" | "isk"
  /** ISO 4217's (Stripe's own units may differ: src/lib/money/stripe-currency.ts). */
  exponent: 0 | 3
  country: string
  taxRate: number
  shipping: number
  /** Contract prices (minor units) for the three products. */
  contract: [number, number, number]
  products: { title: string; handle: string; sku: string; price: number }[]
}

export const MARKETS: Record<Market["currency"], Market> = {
  jpy: {
    currency: "jpy",
    exponent: 0,
    country: "jp",
    taxRate: 10,
    shipping: 1500,
    contract: [1234, 377, 9999],
    products: [
      { title: "Fastener Kit JP", handle: "fastener-kit-jp", sku: "JP-KIT", price: 1500 },
      { title: "Gloves JP", handle: "gloves-jp", sku: "JP-GLOVE", price: 480 },
      { title: "Pallet Wrap JP", handle: "wrap-jp", sku: "JP-WRAP", price: 12000 },
    ],
  },
  kwd: {
    currency: "kwd",
    exponent: 3,
    country: "kw",
    taxRate: 7.77,
    shipping: 2.75,
    contract: [12_345, 1_005, 40_007],
    products: [
      { title: "Fastener Kit KW", handle: "fastener-kit-kw", sku: "KW-KIT", price: 15.125 },
      { title: "Gloves KW", handle: "gloves-kw", sku: "KW-GLOVE", price: 1.25 },
      { title: "Pallet Wrap KW", handle: "wrap-kw", sku: "KW-WRAP", price: 45.5 },
    ],
  },
  // No decimals in ISO, two in Stripe's API, always 00: 1,234 ISK is 123400 at Stripe.
  isk: {
    currency: "isk",
    exponent: 0,
    country: "is",
    taxRate: 24,
    shipping: 2490,
    contract: [1234, 377, 9999],
    products: [
      { title: "Fastener Kit IS", handle: "fastener-kit-is", sku: "IS-KIT", price: 1590 },
      { title: "Gloves IS", handle: "gloves-is", sku: "IS-GLOVE", price: 455 },
      { title: "Pallet Wrap IS", handle: "wrap-is", sku: "IS-WRAP", price: 11990 },
    ],
  },
}

/**
 * Real orders through the store API in `market`'s currency, at contract
 * prices, with tax rates that do not divide evenly: Stripe's invoice total
 * must equal Medusa's order total to the minor unit, every item line at its
 * contract price. Quantities are drawn by fast-check (fixed seed, so a failure
 * replays). One spec file per market: each boots its own app (seedCommerce
 * seeds one market per database).
 */
export function currencySuite(market: Market, ports: [number, number]) {
  jest.setTimeout(300_000)
  const sbx = useStripeSandbox(`invoice-${market.currency}`, ports)

  medusaIntegrationTestRunner({
    testSuite: ({ api, getContainer }) => {
      const merchant = useMerchant(api, getContainer, sbx, {
        currency: market.currency,
        countries: [market.country],
        products: market.products,
        taxRate: market.taxRate,
        shippingPrice: market.shipping,
      })

      const quantities = fc.sample(
        fc.tuple(fc.integer({ min: 1, max: 37 }), fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 9 })),
        { numRuns: 4, seed: 20261126 }
      )

      it(`${market.currency.toUpperCase()} (${market.exponent} decimals): Stripe's invoice total equals the order total for ${quantities.length} random contract-priced orders`, async () => {
        const commerce = merchant()
        const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key, {
          currency: market.currency,
          credit_limit_minor: 10 ** 12,
          rules: commerce.variants.map((v, i) => ({
            type: "fixed_price",
            variant_id: v.id,
            unit_price_minor: market.contract[i],
          })),
        })
        for (const q of quantities) {
          const items = commerce.variants
            .map((v, i) => ({ variant_id: v.id, quantity: q[i] }))
            .filter((i) => i.quantity > 0)
          const cart = await buyer.store.createCart({ region_id: commerce.region_id, items })
          const order = await buyer.store.checkout(cart.id, {
            providerId: NET_TERMS_PROVIDER_ID,
            address: {
              first_name: "Kenji",
              last_name: "Buyer",
              address_1: "1 Harbour Rd",
              city: "City",
              postal_code: "10001",
              country_code: market.country,
            },
          })
          const row = await waitForInvoice(
            getContainer(),
            order.id,
            (r) => r.progress === "sent",
            `the ${market.currency} invoice`
          )
          const invoice = sbx()
            .invoices()
            .find((i) => i.id === row.stripe_invoice_id)!
          const orderTotal = BigInt(totalMinor(order.total, market.exponent))
          // Stripe's units and precision (KWD in multiples of 10 fils): any difference is on a stated rounding line.
          const expected = Number(toStripeAmount(orderTotal, market.currency).amount)
          expect({
            quantities: q,
            currency: invoice.currency,
            total: invoice.total,
            amount_due: invoice.amount_due,
          }).toEqual({
            quantities: q,
            currency: market.currency,
            total: expected,
            amount_due: expected,
          })
          expect(BigInt(row.total_minor) - BigInt(row.rounding_minor ?? 0)).toBe(orderTotal)
          // Invoice = Medusa's order (through the money model) = the ERP document.
          await assertBooksAgree(getContainer(), order.id, invoice)
          // Every line is in Stripe's precision and the lines add up to Stripe's total.
          expect(
            invoice.lines.data.reduce(
              (sum, l) =>
                sum +
                l.amount +
                (l.taxes ?? []).filter((t) => t.tax_behavior === "exclusive").reduce((a, t) => a + t.amount, 0),
              0
            )
          ).toBe(expected)
          // Items whose contract price Stripe can carry exactly are billed at it, quantity × unit.
          const itemLines = invoice.lines.data.filter(
            (l) => l.metadata.medusa_line_item_id && l.metadata.kind !== "discount"
          )
          const exactItems = items.filter(
            (it) =>
              toStripeAmount(
                BigInt(market.contract[commerce.variants.findIndex((v) => v.id === it.variant_id)]),
                market.currency
              ).exact
          )
          const expectedLines = exactItems.map((it) => {
            const i = commerce.variants.findIndex((v) => v.id === it.variant_id)
            return [
              commerce.variants[i].sku,
              String(toStripeAmount(BigInt(market.contract[i]), market.currency).amount),
              it.quantity,
            ]
          })
          const exactSkus = new Set(expectedLines.map((l) => l[0]))
          expect(
            itemLines
              .filter((l) => exactSkus.has(l.metadata.sku))
              .map((l) => [l.metadata.sku, l.pricing?.unit_amount_decimal, l.quantity])
              .sort()
          ).toEqual(expectedLines.sort())
        }
      })
    },
  })
}
