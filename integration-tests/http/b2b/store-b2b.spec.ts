import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { seedBuyer, SeededBuyer } from "../../../src/scripts/seed/seed-buyer"
import { INVOICING_MODULE } from "../../../src/modules/invoicing"
import { B2B_MODULE } from "../../../src/modules/b2b"
import type B2bModuleService from "../../../src/modules/b2b/service"
import { createAdminToken } from "../../helpers/admin"
import { HttpError, StoreClient } from "../../helpers/store-client"

jest.setTimeout(120_000)

// No order is placed here (checkouts are refused before payment), so no Stripe
// call is expected; a closed local port makes any stray one fail fast.
process.env.STRIPE_API_BASE = "http://127.0.0.1:41202"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-b2b-store`

const DAY = 86_400_000
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString()

/** List prices (USD); the contracts below are what the tests assert against. */
const PRODUCTS = [
  { title: "Fastener Kit", handle: "kit", sku: "KIT", price: 12.5 },
  { title: "Safety Gloves", handle: "gloves", sku: "GLOVE", price: 4.2 },
  { title: "Bolts (volume)", handle: "bolt-v", sku: "BOLT-V", price: 1.2 },
  { title: "Bolts (graduated)", handle: "bolt-g", sku: "BOLT-G", price: 1.2 },
  { title: "Pallet Wrap", handle: "wrap", sku: "WRAP", price: 31 },
  { title: "Packing Tape", handle: "tape", sku: "TAPE", price: 8 },
]
/** Same tiers for both bolts: 1–9 at 1.00, 10–49 at 0.80, 50+ at 0.50. */
const BOLT_TIERS = [
  { min_quantity: 1, unit_price_minor: 100 },
  { min_quantity: 10, unit_price_minor: 80 },
  { min_quantity: 50, unit_price_minor: 50 },
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    const v: Record<string, { id: string; product_id: string }> = {}
    const companies: Record<string, { id: string }> = {}
    const contracts: Record<string, { id: string }> = {}
    const buyers: Record<string, SeededBuyer> = {}

    const storeAs = async (who: string) => {
      const client = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
      await client.login(buyers[who].email, buyers[who].password)
      return client
    }
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error("expected the request to fail")
        },
        (e: HttpError) => e
      )
    const lineOf = (cart: any, variantId: string) => cart.items.find((i: any) => i.variant_id === variantId)

    beforeAll(async () => {
      const container = getContainer()
      commerce = await seedCommerce(container, { products: PRODUCTS })
      commerce.variants.forEach((variant) => (v[variant.sku] = variant))
      const headers = { authorization: `Bearer ${await createAdminToken(container)}` }
      const admin = async (path: string, body: unknown) => (await api.post(path, body, { headers })).data

      const company = async (key: string, name: string, parent?: string) => {
        companies[key] = (
          await admin("/admin/companies", {
            name,
            billing_email: `ap@${key}.example`,
            currency_code: "usd",
            parent_company_id: parent ?? null,
          })
        ).company
      }
      await company("acme", "Acme Industrial")
      await company("acmeWest", "Acme West", companies.acme.id)
      await company("globex", "Globex")
      await company("initech", "Initech")

      contracts.acme = (
        await admin("/admin/contracts", {
          company_id: companies.acme.id,
          currency_code: "usd",
          valid_from: iso(-30),
          payment_terms: "net_30",
          credit_limit_minor: 500000,
          rules: [
            { type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 1000 },
            {
              type: "tiered_price",
              variant_id: v.GLOVE.id,
              tier_mode: "volume",
              tiers: [
                { min_quantity: 1, unit_price_minor: 400 },
                { min_quantity: 100, unit_price_minor: 350 },
              ],
            },
            { type: "tiered_price", sku: "BOLT-V", tier_mode: "volume", tiers: BOLT_TIERS },
            { type: "tiered_price", sku: "BOLT-G", tier_mode: "graduated", tiers: BOLT_TIERS },
            { type: "quantity_constraint", variant_id: v.WRAP.id, min_quantity: 10, increment: 5 },
            { type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "10" },
          ],
        })
      ).contract
      contracts.globex = (
        await admin("/admin/contracts", {
          company_id: companies.globex.id,
          currency_code: "usd",
          valid_from: iso(-30),
          payment_terms: "net_60",
          credit_limit_minor: 100000,
          rules: [{ type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 900 }],
        })
      ).contract
      contracts.initechExpired = (
        await admin("/admin/contracts", {
          company_id: companies.initech.id,
          currency_code: "usd",
          valid_from: iso(-60),
          valid_to: iso(-1),
          rules: [{ type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 500 }],
        })
      ).contract

      const buyer = async (key: string, companyKey: string, role: "admin" | "buyer" | "viewer") => {
        buyers[key] = await seedBuyer(container, {
          email: `${key}@${companyKey}.example`,
          password: "correct-horse-battery",
          company_id: companies[companyKey].id,
          role,
        })
      }
      await buyer("dana", "acme", "buyer")
      await buyer("vic", "acme", "viewer")
      await buyer("wes", "acmeWest", "buyer")
      await buyer("gina", "globex", "buyer")
      await buyer("ian", "initech", "buyer")

      // Acme owes 1,200.00 on one open invoice; a paid one does not count.
      const invoicing = container.resolve(INVOICING_MODULE) as any
      const invoice = {
        company_id: companies.acme.id,
        contract_id: contracts.acme.id,
        currency_code: "usd",
        payment_terms: "net_30",
        days_until_due: 30,
      }
      await invoicing.createInvoices([
        { ...invoice, order_id: "order_open", total_minor: 120000, amount_due_minor: 120000, status: "open" },
        {
          ...invoice,
          order_id: "order_paid",
          total_minor: 30000,
          amount_due_minor: 0,
          amount_paid_minor: 30000,
          status: "paid",
        },
      ])
    })

    describe("contract prices in Medusa's cart", () => {
      it("applies the contract price and re-evaluates a volume tier when the quantity changes", async () => {
        const store = await storeAs("dana")
        let cart = await store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: v.KIT.id, quantity: 2 }],
        })
        expect(lineOf(cart, v.KIT.id).unit_price).toBe(10) // list 12.50
        expect(lineOf(cart, v.KIT.id).metadata).toMatchObject({
          contract_id: contracts.acme.id,
          contract_rule_type: "fixed_price",
          medusa_unit_price: "12.50",
        })

        cart = await store.addItem(cart.id, v.GLOVE.id, 10)
        expect(lineOf(cart, v.GLOVE.id).unit_price).toBe(4)
        cart = await store.updateItemQuantity(cart.id, lineOf(cart, v.GLOVE.id).id, 100)
        expect(lineOf(cart, v.GLOVE.id).unit_price).toBe(3.5)
        expect(lineOf(cart, v.GLOVE.id).metadata.price_explanation).toBe(
          `Volume tier 100+ at 3.50 USD (rule ${lineOf(cart, v.GLOVE.id).metadata.contract_rule_id})`
        )
        cart = await store.updateItemQuantity(cart.id, lineOf(cart, v.GLOVE.id).id, 99)
        expect(lineOf(cart, v.GLOVE.id).unit_price).toBe(4)

        // No variant rule: the 10 % catalogue discount applies to Medusa's price.
        cart = await store.addItem(cart.id, v.TAPE.id, 2)
        expect(lineOf(cart, v.TAPE.id).unit_price).toBe(7.2)
        expect(lineOf(cart, v.TAPE.id).metadata.contract_rule_type).toBe("discount")
        expect(cart.metadata).toMatchObject({
          company_id: companies.acme.id,
          contract_id: contracts.acme.id,
          payment_terms: "net_30",
        })
      })

      it("computes graduated tiers band by band and volume tiers at the tier reached", async () => {
        const store = await storeAs("dana")
        let cart = await store.createCart({
          region_id: commerce.region_id,
          items: [
            { variant_id: v["BOLT-V"].id, quantity: 60 },
            { variant_id: v["BOLT-G"].id, quantity: 60 },
          ],
        })
        // Volume: all 60 at 0.50 = 30.00.
        expect(lineOf(cart, v["BOLT-V"].id)).toMatchObject({ quantity: 60, unit_price: 0.5 })
        // Graduated: 9 × 1.00 + 40 × 0.80 + 11 × 0.50 = 46.50, charged as 60 × 0.78 (77.5 rounded half up) = 46.80.
        const graduated = lineOf(cart, v["BOLT-G"].id)
        expect(graduated).toMatchObject({ quantity: 60, unit_price: 0.78 })
        expect(graduated.metadata.price_explanation).toMatch(
          /^Graduated tiers: 9 × 1\.00 USD \(1–9\) \+ 40 × 0\.80 USD \(10–49\) \+ 11 × 0\.50 USD \(50\+\) = 46\.50 USD; charged 60 × 0\.78 USD = 46\.80 USD, rounding \+0\.30 USD/
        )
        cart = await store.getCart(cart.id)
        expect(cart.item_subtotal).toBe(76.8) // 30.00 + 46.80

        // Both bolts in the first band: no difference.
        cart = await store.updateItemQuantity(cart.id, lineOf(cart, v["BOLT-G"].id).id, 5)
        cart = await store.updateItemQuantity(cart.id, lineOf(cart, v["BOLT-V"].id).id, 5)
        expect([lineOf(cart, v["BOLT-V"].id).unit_price, lineOf(cart, v["BOLT-G"].id).unit_price]).toEqual([1, 1])
        // 20 units: volume 20 × 0.80 = 16.00; graduated 9 × 1.00 + 11 × 0.80 = 17.80 → 20 × 0.89.
        cart = await store.updateItemQuantity(cart.id, lineOf(cart, v["BOLT-G"].id).id, 20)
        cart = await store.updateItemQuantity(cart.id, lineOf(cart, v["BOLT-V"].id).id, 20)
        expect(lineOf(cart, v["BOLT-V"].id)).toMatchObject({ quantity: 20, unit_price: 0.8 })
        expect(lineOf(cart, v["BOLT-G"].id)).toMatchObject({ quantity: 20, unit_price: 0.89 })
        expect((await store.getCart(cart.id)).item_subtotal).toBe(33.8) // 16.00 + 17.80
      })

      it("keeps one line per variant: adding 100 then 20 gloves is one line of 120 at the 100+ tier, and tiers count the whole quantity", async () => {
        const store = await storeAs("dana")
        let cart = await store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: v.GLOVE.id, quantity: 100 }],
        })
        cart = await store.addItem(cart.id, v.GLOVE.id, 20)
        const gloves = cart.items.filter((i: any) => i.variant_id === v.GLOVE.id)
        expect(gloves.map((i: any) => [i.quantity, i.unit_price])).toEqual([[120, 3.5]])
        expect(cart.item_subtotal).toBe(420)

        // Graduated: 30 + 30 is priced as 60 (46.80), not as two lines of 30.
        cart = await store.addItem(cart.id, v["BOLT-G"].id, 30)
        cart = await store.addItem(cart.id, v["BOLT-G"].id, 30)
        expect(
          cart.items.filter((i: any) => i.variant_id === v["BOLT-G"].id).map((i: any) => [i.quantity, i.unit_price])
        ).toEqual([[60, 0.78]])

        // Below the tier again: the one line is re-priced.
        cart = await store.updateItemQuantity(cart.id, lineOf(cart, v.GLOVE.id).id, 60)
        expect(
          cart.items.filter((i: any) => i.variant_id === v.GLOVE.id).map((i: any) => [i.quantity, i.unit_price])
        ).toEqual([[60, 4]])
      })

      it("refuses an add whose merged quantity breaks the increment and leaves the existing line as it was", async () => {
        const store = await storeAs("dana")
        let cart = await store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: v.WRAP.id, quantity: 15 }],
        })
        await expect(store.addItem(cart.id, v.WRAP.id, 3)).rejects.toMatchObject({ status: 400 })
        cart = await store.getCart(cart.id)
        expect(cart.items.map((i: any) => [i.variant_id, i.quantity])).toEqual([[v.WRAP.id, 15]])
        cart = await store.addItem(cart.id, v.WRAP.id, 5)
        expect(cart.items.map((i: any) => [i.variant_id, i.quantity])).toEqual([[v.WRAP.id, 20]])
      })

      it("makes 24 single adds of one product one line of 24", async () => {
        const store = await storeAs("dana")
        let cart = await store.createCart({ region_id: commerce.region_id, items: [] })
        for (let i = 0; i < 24; i++) cart = await store.addItem(cart.id, v.KIT.id, 1)
        expect(cart.items.map((i: any) => [i.variant_id, i.quantity, i.unit_price])).toEqual([[v.KIT.id, 24, 10]])
      })

      it("prices a child company's cart by its parent's contract", async () => {
        const store = await storeAs("wes")
        const cart = await store.createCart({
          region_id: commerce.region_id,
          items: [
            { variant_id: v.KIT.id, quantity: 1 },
            { variant_id: v.TAPE.id, quantity: 1 },
          ],
        })
        expect(lineOf(cart, v.KIT.id).unit_price).toBe(10)
        expect(lineOf(cart, v.TAPE.id).unit_price).toBe(7.2)
        expect(cart.metadata).toMatchObject({ company_id: companies.acmeWest.id, contract_id: contracts.acme.id })
      })

      it("keeps each company on its own contract", async () => {
        const store = await storeAs("gina")
        const cart = await store.createCart({
          region_id: commerce.region_id,
          items: [
            { variant_id: v.KIT.id, quantity: 1 },
            { variant_id: v.TAPE.id, quantity: 1 },
          ],
        })
        expect(lineOf(cart, v.KIT.id).unit_price).toBe(9)
        expect(lineOf(cart, v.TAPE.id).unit_price).toBe(8) // Globex has no catalogue discount
        expect(cart.metadata).toMatchObject({
          company_id: companies.globex.id,
          contract_id: contracts.globex.id,
          payment_terms: "net_60",
        })
      })

      it("does not apply an expired contract", async () => {
        const store = await storeAs("ian")
        const cart = await store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: v.KIT.id, quantity: 1 }],
        })
        expect(lineOf(cart, v.KIT.id).unit_price).toBe(12.5)
        expect(lineOf(cart, v.KIT.id).metadata?.contract_rule_id).toBeUndefined()
        expect(cart.metadata).toMatchObject({ company_id: companies.initech.id, contract_id: null })
      })

      it("refuses quantities below the MOQ or off the increment, naming the variant", async () => {
        const store = await storeAs("dana")
        const tooFew = await failure(
          store.createCart({ region_id: commerce.region_id, items: [{ variant_id: v.WRAP.id, quantity: 3 }] })
        )
        expect(tooFew.status).toBe(400)
        expect(tooFew.body.message).toMatch(
          new RegExp(`Variant ${v.WRAP.id}: quantity 3 is below the minimum order quantity of 10`)
        )

        let cart = await store.createCart({ region_id: commerce.region_id })
        const offStep = await failure(store.addItem(cart.id, v.WRAP.id, 12))
        expect(offStep.status).toBe(400)
        expect(offStep.body.message).toMatch(
          /quantity 12 is not orderable \(10 then steps of 5\); order 10 or 15 instead/
        )
        expect((await store.getCart(cart.id)).items).toHaveLength(0)

        cart = await store.addItem(cart.id, v.WRAP.id, 15)
        expect(lineOf(cart, v.WRAP.id)).toMatchObject({ quantity: 15, unit_price: 27.9 }) // catalogue 10 % off 31.00
        const update = await failure(store.updateItemQuantity(cart.id, lineOf(cart, v.WRAP.id).id, 17))
        expect(update.status).toBe(400)
        expect(lineOf(await store.getCart(cart.id), v.WRAP.id).quantity).toBe(15)
      })

      it("refuses carts to a viewer, who still sees contract prices", async () => {
        const store = await storeAs("vic")
        const { quote } = await store.request("POST", "/store/b2b/price-quote", {
          items: [{ variant_id: v.KIT.id, quantity: 1 }],
        })
        expect(quote.lines[0]).toMatchObject({ unit_price_minor: 1000 }) // viewers still see contract prices
        const refused = await failure(
          store.createCart({ region_id: commerce.region_id, items: [{ variant_id: v.KIT.id, quantity: 1 }] })
        )
        expect(refused.status).toBe(403)
        expect(JSON.stringify(refused.body)).toContain(
          "role: employees with the viewer role cannot build or check out carts"
        )
        const { orders } = await store.request("GET", "/store/orders")
        expect(orders).toHaveLength(0)
      })
    })

    describe("the contract cache", () => {
      it("prices warm carts without reading Postgres, from Redis in a fresh process, and reflects each change at once", async () => {
        const container = getContainer()
        const headers = { authorization: `Bearer ${await createAdminToken(container)}` }
        const admin = async (path: string, body: unknown) => (await api.post(path, body, { headers })).data
        const company = (
          await admin("/admin/companies", {
            name: "Umbrella",
            billing_email: "ap@umbrella.example",
            currency_code: "usd",
          })
        ).company
        const contract = (
          await admin("/admin/contracts", {
            company_id: company.id,
            currency_code: "usd",
            valid_from: iso(-1),
            rules: [{ type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 1100 }],
          })
        ).contract
        buyers.uma = await seedBuyer(container, {
          email: "uma@umbrella.example",
          password: "correct-horse-battery",
          company_id: company.id,
          role: "buyer",
        })
        const store = await storeAs("uma")
        const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
        // Snapshots read from Postgres by this process so far (chains and rule sets).
        const postgresReads = () => b2b.contractCacheStats().postgres
        const kitPrice = async (quantity: number) => {
          const line = lineOf(cart, v.KIT.id)
          cart = await store.updateItemQuantity(cart.id, line.id, quantity)
          return lineOf(cart, v.KIT.id).unit_price
        }

        let cart = await store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: v.KIT.id, quantity: 1 }],
        })
        expect(lineOf(cart, v.KIT.id).unit_price).toBe(11)

        // Warm: the next cart changes are priced from this process's memory.
        let reads = postgresReads()
        const fromMemory = b2b.contractCacheStats().memory
        expect(await kitPrice(2)).toBe(11)
        expect(await kitPrice(3)).toBe(11)
        expect(postgresReads()).toBe(reads)
        expect(b2b.contractCacheStats().memory).toBeGreaterThan(fromMemory)

        // A rule changed through the admin API: the very next price has it.
        const ruleId = contract.rules[0].id
        await admin(`/admin/contracts/${contract.id}/rules/${ruleId}`, {
          type: "fixed_price",
          variant_id: v.KIT.id,
          unit_price_minor: 1050,
        })
        expect(await kitPrice(4)).toBe(10.5)

        // Another process (this one without its memory) is served by Redis.
        b2b.clearContractCacheMemory()
        reads = postgresReads()
        const fromRedis = b2b.contractCacheStats().redis
        expect(await kitPrice(5)).toBe(10.5)
        expect(postgresReads()).toBe(reads)
        expect(b2b.contractCacheStats().redis).toBeGreaterThanOrEqual(fromRedis + 2)

        // The contract ends: the next price is Medusa's own again.
        await admin(`/admin/contracts/${contract.id}`, { valid_to: iso(-0.001) })
        expect(await kitPrice(6)).toBe(12.5)
        expect(cart.metadata).toMatchObject({ company_id: company.id, contract_id: null })
      })
    })

    describe("my company and contract", () => {
      it("shows my company and my role", async () => {
        const dana = await storeAs("dana")
        expect(await dana.request("GET", "/store/b2b/company")).toEqual({
          company: expect.objectContaining({
            id: companies.acme.id,
            name: "Acme Industrial",
            currency_code: "usd",
            parent_company_id: null,
          }),
          employee: {
            id: buyers.dana.employee_id,
            role: "buyer",
            spending_limit_minor: null,
            spending_limit_period: "order",
            spending: null,
          },
        })
        const vic = await storeAs("vic")
        expect((await vic.request("GET", "/store/b2b/company")).employee.role).toBe("viewer")
        const wes = await storeAs("wes")
        expect((await wes.request("GET", "/store/b2b/company")).company).toMatchObject({
          id: companies.acmeWest.id,
          parent_company_id: companies.acme.id,
        })
      })

      it("shows the contract terms and available credit, own or inherited, never the rules", async () => {
        const dana = await storeAs("dana")
        const { contract } = await dana.request("GET", "/store/b2b/contract")
        expect(contract).toMatchObject({
          id: contracts.acme.id,
          currency_code: "usd",
          payment_terms: "net_30",
          credit_limit_minor: 500000,
          open_balance_minor: 120000,
          available_credit_minor: 380000,
          company_id: companies.acme.id,
          inherited: false,
          valid_to: null,
        })
        expect(contract.rules).toBeUndefined()

        const wes = await storeAs("wes")
        expect((await wes.request("GET", "/store/b2b/contract?currency_code=USD")).contract).toMatchObject({
          id: contracts.acme.id,
          inherited: true,
          company_id: companies.acme.id,
          available_credit_minor: 380000,
        })

        const eur = await failure(dana.request("GET", "/store/b2b/contract?currency_code=eur"))
        expect(eur.status).toBe(404)
        const ian = await storeAs("ian")
        expect((await failure(ian.request("GET", "/store/b2b/contract"))).status).toBe(404) // expired
      })

      it("quotes prices with the rule and an explanation per line", async () => {
        const dana = await storeAs("dana")
        const { quote } = await dana.request("POST", "/store/b2b/price-quote", {
          items: [
            { variant_id: v.KIT.id, quantity: 3 },
            { variant_id: v.GLOVE.id, quantity: 100 },
            { variant_id: v["BOLT-G"].id, quantity: 60 },
            { variant_id: v.TAPE.id, quantity: 2 },
          ],
        })
        expect(quote).toMatchObject({
          currency_code: "usd",
          company_id: companies.acme.id,
          contract_id: contracts.acme.id,
          contract_company_id: companies.acme.id,
        })
        const [kit, gloves, bolts, tape] = quote.lines
        expect(kit).toMatchObject({
          unit_price_minor: 1000,
          line_total_minor: 3000,
          base_unit_price_minor: 1250,
          rule: { type: "fixed_price", level: "variant" },
        })
        expect(kit.explanation).toBe(`Contract price 10.00 USD (rule ${kit.rule.id})`)
        expect(gloves).toMatchObject({
          unit_price_minor: 350,
          line_total_minor: 35000,
          rule: { type: "tiered_price", level: "variant", mode: "volume" },
        })
        expect(bolts).toMatchObject({
          unit_price_minor: 78,
          line_total_minor: 4680,
          rule: { type: "tiered_price", mode: "graduated" },
          rounding: { exact_total_minor: 4650, line_total_minor: 4680, rounding_delta_minor: 30 },
        })
        expect(tape).toMatchObject({
          unit_price_minor: 720,
          line_total_minor: 1440,
          rule: { type: "discount", level: "catalogue", kind: "percentage" },
        })
        expect(tape.explanation).toBe(`10% off the catalogue: 8.00 USD → 7.20 USD (rule ${tape.rule.id})`)
        expect(quote.total_minor).toBe(3000 + 35000 + 4680 + 1440)

        const ian = await storeAs("ian")
        const listPrices = (
          await ian.request("POST", "/store/b2b/price-quote", {
            region_id: commerce.region_id,
            items: [{ variant_id: v.KIT.id, quantity: 1 }],
          })
        ).quote
        expect(listPrices).toMatchObject({
          contract_id: null,
          lines: [{ unit_price_minor: 1250, rule: null, explanation: "No contract rule; Medusa price 12.50 USD" }],
        })

        const wes = await storeAs("wes")
        expect(
          (await wes.request("POST", "/store/b2b/price-quote", { items: [{ variant_id: v.KIT.id, quantity: 1 }] }))
            .quote
        ).toMatchObject({
          company_id: companies.acmeWest.id,
          contract_id: contracts.acme.id,
          contract_company_id: companies.acme.id,
        })
      })

      it("answers a quote it cannot price with a 400 naming every bad line", async () => {
        const dana = await storeAs("dana")
        const bad = await failure(
          dana.request("POST", "/store/b2b/price-quote", {
            items: [
              { variant_id: v.WRAP.id, quantity: 12 },
              { variant_id: "variant_missing", quantity: 1 },
              { variant_id: v.KIT.id, quantity: 1 },
            ],
          })
        )
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(
          /^items\[0\]\.quantity: Variant \S+: quantity 12 is not orderable .*; items\[1\]\.variant_id: variant variant_missing does not exist$/
        )
        const float = await failure(
          dana.request("POST", "/store/b2b/price-quote", { items: [{ variant_id: v.KIT.id, quantity: 1.5 }] })
        )
        expect(float.body.message).toBe("items[0].quantity: must be a whole number ≥ 1")
        const mismatch = await failure(
          dana.request("POST", "/store/b2b/price-quote", {
            currency_code: "eur",
            region_id: commerce.region_id,
            items: [{ variant_id: v.KIT.id, quantity: 1 }],
          })
        )
        expect(mismatch.body.message).toMatch(/^currency_code: region \S+ prices in USD, not EUR/)
      })
    })

    describe("isolation between companies", () => {
      it("answers 404 for another company's company and contract resources", async () => {
        const dana = await storeAs("dana")
        expect((await dana.request("GET", `/store/b2b/companies/${companies.acme.id}`)).company.id).toBe(
          companies.acme.id
        )
        expect((await dana.request("GET", `/store/b2b/contracts/${contracts.acme.id}`)).contract.id).toBe(
          contracts.acme.id
        )
        for (const path of [
          `/store/b2b/companies/${companies.globex.id}`,
          `/store/b2b/contracts/${contracts.globex.id}`,
          `/store/b2b/companies/${companies.acmeWest.id}`, // a child company is not mine either
          `/store/b2b/contracts/${contracts.initechExpired.id}`,
          "/store/b2b/contracts/ctr_missing",
        ]) {
          const res = await failure(dana.request("GET", path))
          expect({ path, status: res.status }).toEqual({ path, status: 404 })
        }

        const gina = await storeAs("gina")
        for (const path of [`/store/b2b/companies/${companies.acme.id}`, `/store/b2b/contracts/${contracts.acme.id}`]) {
          expect((await failure(gina.request("GET", path))).status).toBe(404)
        }

        // The child company sees the parent's contract it buys under, not the parent company.
        const wes = await storeAs("wes")
        expect((await wes.request("GET", `/store/b2b/contracts/${contracts.acme.id}`)).contract).toMatchObject({
          id: contracts.acme.id,
          inherited: true,
        })
        expect((await failure(wes.request("GET", `/store/b2b/companies/${companies.acme.id}`))).status).toBe(404)
      })

      it("requires a logged-in customer who is an employee", async () => {
        const anonymous = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
        for (const path of ["/store/b2b/company", "/store/b2b/contract", `/store/b2b/companies/${companies.acme.id}`]) {
          expect((await failure(anonymous.request("GET", path))).status).toBe(401)
        }
        const adminToken = await createAdminToken(getContainer())
        expect(
          (
            await failure(
              anonymous.request("GET", "/store/b2b/company", undefined, { authorization: `Bearer ${adminToken}` })
            )
          ).status
        ).toBe(401)

        // A registered customer who works for no company.
        const { token } = await anonymous.request("POST", "/auth/customer/emailpass/register", {
          email: "solo@example.com",
          password: "pw-123456",
        })
        await anonymous.request(
          "POST",
          "/store/customers",
          { email: "solo@example.com" },
          { authorization: `Bearer ${token}` }
        )
        const solo = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
        await solo.login("solo@example.com", "pw-123456")
        expect((await failure(solo.request("GET", "/store/b2b/company"))).status).toBe(404)
        expect(
          (
            await failure(
              solo.request("POST", "/store/b2b/price-quote", { items: [{ variant_id: v.KIT.id, quantity: 1 }] })
            )
          ).status
        ).toBe(404)
      })
    })
  },
})
