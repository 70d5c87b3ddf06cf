import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import type { StripeSandbox } from "../../sandboxes/stripe"
import { seedCommerce, SeededCommerce } from "../../../src/lib/seed/seed-commerce"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { freshBuyer, startSandboxInRange, totalMinor, waitForInvoice } from "./helpers"

export type Market = {
  currency: "jpy" | "kwd"
  exponent: 0 | 3
  country: string
  taxRate: number
  shipping: number
  /** Contract prices (minor units) for the three products. */
  contract: [number, number, number]
  products: { title: string; handle: string; sku: string; price: number }[]
}

export const MARKETS: Record<"jpy" | "kwd", Market> = {
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
  const webhookSecret = `whsec_dGVzdC1zZWNyZXQtY3VycmVuY2llcy0${market.currency}`
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret
  process.env.MEDUSA_REDIS_MODULES = "false"
  process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-invoice-${market.currency}`

  let sbx: StripeSandbox
  // Before the runner's own beforeAll: the app boots pointing at this sandbox.
  beforeAll(async () => {
    sbx = await startSandboxInRange(ports[0], ports[1], { webhookSecret })
  })

  medusaIntegrationTestRunner({
    testSuite: ({ api, getContainer }) => {
      let commerce: SeededCommerce

      beforeAll(async () => {
        sbx.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
        commerce = await seedCommerce(getContainer(), {
          currency: market.currency,
          countries: [market.country],
          products: market.products,
          taxRate: market.taxRate,
          shippingPrice: market.shipping,
        })
      })
      afterAll(async () => {
        await sbx?.close()
      })

      const quantities = fc.sample(
        fc.tuple(fc.integer({ min: 1, max: 37 }), fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 9 })),
        { numRuns: 4, seed: 20261126 }
      )

      it(`${market.currency.toUpperCase()} (${market.exponent} decimals): Stripe's invoice total equals the order total for ${quantities.length} random contract-priced orders`, async () => {
        const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key, {
          currency: market.currency,
          credit_limit_minor: 10 ** 12,
          rules: commerce.variants.map((v, i) => ({ type: "fixed_price", variant_id: v.id, unit_price_minor: market.contract[i] })),
        })
        for (const q of quantities) {
          const items = commerce.variants.map((v, i) => ({ variant_id: v.id, quantity: q[i] })).filter((i) => i.quantity > 0)
          const cart = await buyer.store.createCart({ region_id: commerce.region_id, items })
          const order = await buyer.store.checkout(cart.id, {
            providerId: NET_TERMS_PROVIDER_ID,
            address: { first_name: "Kenji", last_name: "Buyer", address_1: "1 Harbour Rd", city: "City", postal_code: "10001", country_code: market.country },
          })
          const row = await waitForInvoice(getContainer(), order.id, (r) => r.progress === "sent", `the ${market.currency} invoice`)
          const invoice = sbx.invoices().find((i) => i.id === row.stripe_invoice_id)!
          const expected = totalMinor(order.total, market.exponent)
          expect({ quantities: q, currency: invoice.currency, total: invoice.total, amount_due: invoice.amount_due }).toEqual({
            quantities: q,
            currency: market.currency,
            total: expected,
            amount_due: expected,
          })
          expect(Number(row.total_minor)).toBe(expected)
          const itemLines = invoice.lines.data.filter((l) => l.metadata.medusa_line_item_id)
          const expectedLines = items.map((it) => {
            const i = commerce.variants.findIndex((v) => v.id === it.variant_id)
            return [commerce.variants[i].sku, String(market.contract[i]), it.quantity]
          })
          expect(itemLines.map((l) => [l.metadata.sku, l.pricing?.unit_amount_decimal, l.quantity]).sort()).toEqual(expectedLines.sort())
        }
      })
    },
  })
}
