import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MoneyLine } from "../../../src/lib/orders/order-money"
import type { ContractRuleSeed } from "../../../src/scripts/seed/seed-company"
import { seedPromotion } from "../../../src/scripts/seed/seed-promotion"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { assertBooksAgree, freshBuyer, useMerchant, useStripeSandbox, waitForInvoice } from "./helpers"

jest.setTimeout(120_000)

const sbx = useStripeSandbox("invoice-order-shapes", [41_950, 41_959])

const PROMOTIONS = {
  percent: "SHAPE-PCT",
  fixed: "SHAPE-FIXED",
  freeShipping: "SHAPE-FREESHIP",
}

/**
 * Issue 10, money that agrees everywhere: the order shapes where totals
 * come apart — promotions on taxed items, a tax-inclusive region, free
 * shipping on taxed shipping — placed through the real store checkout. For
 * each, the Stripe invoice = Medusa's order total = the ERP document's total,
 * to the minor unit, and Stripe states Medusa's tax. (ISK, whose Stripe unit
 * is not ISO's, runs in invoice-currency-isk.spec.ts.)
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    // US: 8.875 % on top of the prices; DE: prices include 19 %. Neither divides the prices evenly.
    const commerce = useMerchant(api, getContainer, sbx, {
      taxRate: 8.875,
      moreRegions: [{ countries: ["de"], taxRate: 19, taxInclusive: true }],
    })

    beforeAll(async () => {
      const container = getContainer()
      await seedPromotion(container, {
        code: PROMOTIONS.percent,
        type: "percentage",
        target: "items",
        value: 7.5,
        currency: "usd",
      })
      await seedPromotion(container, {
        code: PROMOTIONS.fixed,
        type: "fixed",
        target: "items",
        value: 5,
        currency: "usd",
      })
      await seedPromotion(container, {
        code: PROMOTIONS.freeShipping,
        type: "percentage",
        target: "shipping_methods",
        value: 100,
        currency: "usd",
      })
    })

    /**
     * A fresh company orders `quantities` of the three products in `country`'s
     * region, with `codes` applied at checkout once the shipping method is
     * chosen; resolves once the invoice is sent and the books agree.
     */
    async function placeOrder(options: {
      country: "us" | "de"
      quantities: [number, number, number]
      codes?: string[]
      rules?: ContractRuleSeed[]
    }) {
      const { regions, variants, publishable_key } = commerce()
      const region = regions.find((r) => r.countries.includes(options.country))!
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, publishable_key, { rules: options.rules })
      const items = variants
        .map((v, i) => ({ variant_id: v.id, quantity: options.quantities[i] }))
        .filter((i) => i.quantity > 0)
      const cart = await buyer.store.createCart({ region_id: region.id, items })
      const order = await buyer.store.checkout(cart.id, {
        providerId: NET_TERMS_PROVIDER_ID,
        promoCodes: options.codes,
        address: {
          first_name: "Dana",
          last_name: "Buyer",
          address_1: "1 Dock Road",
          city: "City",
          postal_code: "10001",
          country_code: options.country,
        },
      })
      const row = await waitForInvoice(getContainer(), order.id, (r) => r.progress === "sent", "the invoice to be sent")
      const invoice = sbx()
        .invoices()
        .find((i) => i.id === row.stripe_invoice_id)!
      const { money, document } = await assertBooksAgree(getContainer(), order.id, invoice)
      // Exact in USD: no rounding line, and Stripe's tax is Medusa's.
      expect(invoice.lines.data.filter((l) => l.metadata.kind === "rounding")).toEqual([])
      expect(Number(row.rounding_minor ?? 0)).toBe(0)
      expect(BigInt(invoice.total_taxes.reduce((s, t) => s + t.amount, 0))).toBe(money.tax_minor)
      expect(BigInt(document.tax_minor)).toBe(money.tax_minor)
      return { order, invoice, money, document }
    }

    const linesOf = (invoice: { lines: { data: any[] } }, kind: "discount" | "shipping") =>
      invoice.lines.data.filter((l) =>
        kind === "discount"
          ? l.metadata.kind === "discount"
          : l.metadata.medusa_shipping_method_id && l.metadata.kind !== "discount"
      )
    const sum = (values: number[]) => values.reduce((s, v) => s + v, 0)
    const bySku = (lines: MoneyLine[]) => [...lines].sort((a, b) => String(a.sku).localeCompare(String(b.sku)))

    it("promotions on taxed items (7.5 % and 5.00 off, one line at a contract price, 8.875 % on top): invoice = order = ERP document", async () => {
      const { variants } = commerce()
      const { invoice, money } = await placeOrder({
        country: "us",
        quantities: [3, 37, 1],
        codes: [PROMOTIONS.percent, PROMOTIONS.fixed],
        rules: [{ type: "fixed_price", variant_id: variants[1].id, unit_price_minor: 399 }],
      })
      // The shape happened: every item discounted and taxed on top, the gloves at the contract's 3.99.
      expect(
        bySku(money.items).map((l) => [l.sku, l.unit_price, l.tax_inclusive, l.discount_minor > 0n, l.tax_minor > 0n])
      ).toEqual([
        ["FAST-KIT-100", "12.5", false, true, true],
        ["GLOVE-L", "3.99", false, true, true],
        ["WRAP-500", "31", false, true, true],
      ])
      // Each discount is its own line, net of tax (the tax is on the discounted amount).
      expect(BigInt(-sum(linesOf(invoice, "discount").map((l) => l.amount)))).toBe(money.discount_minor)
    })

    it("a tax-inclusive region (19 % in the prices, one line at a contract price, 7.5 % off): invoice = order = ERP document", async () => {
      const { variants } = commerce()
      const { invoice, money, document } = await placeOrder({
        country: "de",
        quantities: [3, 37, 1],
        codes: [PROMOTIONS.percent],
        rules: [{ type: "fixed_price", variant_id: variants[1].id, unit_price_minor: 399 }],
      })
      // Medusa stored every line as tax-inclusive (the region's price preference), the contract line too.
      expect(
        [...bySku(money.items), ...money.shipping].map((l) => [
          l.sku,
          l.unit_price,
          l.tax_inclusive,
          l.discount_minor > 0n,
        ])
      ).toEqual([
        ["FAST-KIT-100", "12.5", true, true],
        ["GLOVE-L", "3.99", true, true],
        ["WRAP-500", "31", true, true],
        [null, "25", true, false],
      ])
      expect([money.tax_inclusive, document.tax_inclusive]).toEqual([true, true])
      // Stripe shows the tax inside the gross amounts.
      expect(new Set(invoice.lines.data.flatMap((l) => (l.taxes ?? []).map((t) => t.tax_behavior)))).toEqual(
        new Set(["inclusive"])
      )
    })

    it("free shipping (100 % off taxed shipping): invoice = order = ERP document", async () => {
      const { invoice, money, document } = await placeOrder({
        country: "us",
        quantities: [2, 0, 1],
        codes: [PROMOTIONS.freeShipping],
      })
      // The shipping was taxed, and the promotion took it all, its tax with it.
      const [shipping] = money.shipping
      expect(shipping).toMatchObject({
        subtotal_minor: 2500n,
        discount_minor: 2500n,
        net_minor: 0n,
        tax_minor: 0n,
        total_minor: 0n,
      })
      expect(shipping.discount_tax_minor).toBeGreaterThan(0n)
      expect([document.shipping_minor, document.shipping_tax_minor]).toEqual(["0", "0"])
      expect(linesOf(invoice, "shipping").map((l) => [l.amount, l.taxes ?? []])).toEqual([[2500, []]])
      expect(linesOf(invoice, "discount").map((l) => [l.description, l.amount])).toEqual([["Shipping discount", -2500]])
      expect(money.items.every((l) => l.discount_minor === 0n && l.tax_minor > 0n)).toBe(true)
    })
  },
})
