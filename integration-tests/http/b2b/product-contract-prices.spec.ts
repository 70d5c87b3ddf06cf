import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { ICustomerModuleService, IPricingModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { seedBuyer, SeededBuyer } from "../../../src/scripts/seed/seed-buyer"
import { B2B_MODULE } from "../../../src/modules/b2b"
import { syncContractPriceListsWorkflow } from "../../../src/workflows/b2b/sync-contract-price-lists"
import contractPriceListsReconcileJob from "../../../src/jobs/contract-price-lists-reconcile"
import { createAdminToken } from "../../helpers/admin"
import { HttpError, StoreClient, waitFor } from "../../helpers/store-client"

jest.setTimeout(180_000)

// Nothing here reaches Stripe; a closed local port makes a stray call fail fast.
process.env.STRIPE_API_BASE = "http://127.0.0.1:41203"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-product-contract-prices`

const DAY = 86_400_000
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString()

/** Catalogue prices (USD); the contracts below are what the tests assert against. */
const PRODUCTS = [
  { title: "Fastener Kit", handle: "kit", sku: "KIT", price: 12.5 },
  { title: "Safety Gloves", handle: "gloves", sku: "GLOVE", price: 4.2 },
  { title: "Pallet Wrap", handle: "wrap", sku: "WRAP", price: 31 },
  { title: "Bolts", handle: "bolt", sku: "BOLT", price: 1.2 },
  { title: "Packing Tape", handle: "tape", sku: "TAPE", price: 8 },
]

/**
 * Acme's contract: a fixed price, volume tiers, graduated tiers and a
 * product discount; Acme West (a child of Acme) inherits it. Globex has its
 * own contract. The DE region prices tax-inclusive (Medusa gives every
 * variant a DE price with a region rule).
 */
const ACME_RULES = (v: Record<string, { id: string; product_id: string }>) => [
  { type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 1000 },
  {
    type: "tiered_price",
    variant_id: v.WRAP.id,
    tier_mode: "volume",
    tiers: [
      { min_quantity: 1, unit_price_minor: 3000 },
      { min_quantity: 10, unit_price_minor: 2700 },
      { min_quantity: 50, unit_price_minor: 2500 },
    ],
  },
  {
    type: "tiered_price",
    sku: "BOLT",
    tier_mode: "graduated",
    tiers: [
      { min_quantity: 1, unit_price_minor: 100 },
      { min_quantity: 10, unit_price_minor: 80 },
      { min_quantity: 50, unit_price_minor: 50 },
    ],
  },
  { type: "discount", scope: "product", scope_id: v.GLOVE.product_id, discount_kind: "percentage", percentage: "10" },
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    let deRegionId: string
    const v: Record<string, { id: string; product_id: string }> = {}
    const companies: Record<string, { id: string; customer_group?: { id: string } }> = {}
    const contracts: Record<string, { id: string }> = {}
    const buyers: Record<string, SeededBuyer> = {}
    let headers: Record<string, string>

    const admin = async (method: "get" | "post" | "delete", path: string, body?: unknown) =>
      (method === "get" || method === "delete"
        ? await api[method](path, { headers })
        : await api.post(path, body, { headers })
      ).data
    const storeAs = async (who: string | null) => {
      const client = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
      if (who) await client.login(buyers[who].email, buyers[who].password)
      return client
    }
    /** calculated_price by SKU from GET /store/products (the list route). */
    const listPrices = async (who: string | null, extra = "", regionId = commerce.region_id) => {
      const store = await storeAs(who)
      const { products } = await store.request(
        "GET",
        `/store/products?region_id=${regionId}&fields=*variants.calculated_price&limit=50${extra}`
      )
      return Object.fromEntries(
        products.flatMap((p: any) => p.variants.map((variant: any) => [variant.sku, variant.calculated_price]))
      )
    }
    const amounts = (prices: Record<string, any>) =>
      Object.fromEntries(Object.entries(prices).map(([sku, price]) => [sku, price?.calculated_amount]))
    /** calculated_price of one variant from GET /store/products/:id. */
    const productPrice = async (who: string | null, sku: string, extra = "", regionId = commerce.region_id) => {
      const store = await storeAs(who)
      const { product } = await store.request(
        "GET",
        `/store/products/${v[sku].product_id}?region_id=${regionId}&fields=*variants.calculated_price${extra}`
      )
      return product.variants[0].calculated_price
    }
    const ruleOf = async (contractKey: string, predicate: (rule: any) => boolean) =>
      (await admin("get", `/admin/contracts/${contracts[contractKey].id}`)).contract.rules.find(predicate)
    const lineOf = (cart: any, sku: string) => cart.items.find((i: any) => i.variant_id === v[sku].id)
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error("expected the request to fail")
        },
        (e: HttpError) => e
      )

    const CATALOGUE = { KIT: 12.5, GLOVE: 4.2, WRAP: 31, BOLT: 1.2, TAPE: 8 }
    const ACME = { KIT: 10, GLOVE: 3.78, WRAP: 30, BOLT: 1, TAPE: 8 }

    beforeAll(async () => {
      const container = getContainer()
      commerce = await seedCommerce(container, {
        products: PRODUCTS,
        moreRegions: [{ countries: ["de"], taxRate: 19, taxInclusive: true }],
      })
      deRegionId = commerce.regions[1].id
      commerce.variants.forEach((variant) => (v[variant.sku] = variant))
      headers = { authorization: `Bearer ${await createAdminToken(container)}` }

      const company = async (key: string, name: string, parent?: string) => {
        companies[key] = (
          await admin("post", "/admin/companies", {
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
      const contract = async (key: string, companyKey: string, rules: unknown[]) => {
        contracts[key] = (
          await admin("post", "/admin/contracts", {
            company_id: companies[companyKey].id,
            currency_code: "usd",
            valid_from: iso(-30),
            payment_terms: "net_30",
            credit_limit_minor: 10_000_000,
            rules,
          })
        ).contract
      }
      await contract("acme", "acme", ACME_RULES(v))
      await contract("globex", "globex", [{ type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 1100 }])

      const buyer = async (key: string, companyKey: string) => {
        buyers[key] = await seedBuyer(container, {
          email: `${key}@${companyKey}.example`,
          password: "correct-horse-battery",
          company_id: companies[companyKey].id,
        })
      }
      await buyer("dana", "acme")
      await buyer("wes", "acmeWest")
      await buyer("gina", "globex")

      // Medusa #13034: price lists and customers in several groups. Dana is
      // also in a group of the merchant's own.
      const customers = container.resolve<ICustomerModuleService>(Modules.CUSTOMER)
      const [newsletter] = await customers.createCustomerGroups([{ name: "Newsletter" }])
      await customers.addCustomerToGroup({ customer_id: buyers.dana.customer_id, customer_group_id: newsletter.id })
    })

    describe("GET /store/products with a contract", () => {
      it("shows a contract's buyers its prices on the list and product routes, and everyone else their own", async () => {
        expect(amounts(await listPrices("dana"))).toEqual(ACME)
        // The child company inherits its parent's contract, exactly like its cart.
        expect(amounts(await listPrices("wes"))).toEqual(ACME)
        expect(amounts(await listPrices("gina"))).toEqual({ ...CATALOGUE, KIT: 11 })
        expect(amounts(await listPrices(null))).toEqual(CATALOGUE)

        const kit = await productPrice("dana", "KIT")
        expect(kit).toMatchObject({ calculated_amount: 10, original_amount: 10, is_calculated_price_price_list: true })
        expect(kit.calculated_price).toMatchObject({ price_list_type: "override" })
        // No rule covers the tape: Medusa's own price, not a list price.
        expect(await productPrice("dana", "TAPE")).toMatchObject({
          calculated_amount: 8,
          is_calculated_price_price_list: false,
        })
        expect(await productPrice("gina", "KIT")).toMatchObject({ calculated_amount: 11 })
        expect(await productPrice(null, "KIT")).toMatchObject({
          calculated_amount: 12.5,
          is_calculated_price_price_list: false,
        })
      })

      it("keeps one override list per contract, targeted with customer.groups.id at every buying company's group (#16822)", async () => {
        const container = getContainer()
        const b2b = container.resolve(B2B_MODULE) as any
        const pricing = container.resolve<IPricingModuleService>(Modules.PRICING)
        const [acme] = await b2b.listContracts(
          { id: contracts.acme.id },
          { select: ["id", "price_list_id", "valid_from"] }
        )
        expect((await admin("get", `/admin/contracts/${contracts.acme.id}`)).contract.price_list_id).toBe(
          acme.price_list_id
        )
        const [list] = await pricing.listPriceLists(
          { id: acme.price_list_id },
          { relations: ["price_list_rules", "prices"] }
        )
        expect(list).toMatchObject({ type: "override", status: "active", metadata: { contract_id: contracts.acme.id } })
        expect(new Date(list.starts_at!).getTime()).toBe(new Date(acme.valid_from).getTime())
        expect(list.ends_at).toBeNull()
        expect(list.price_list_rules!.map((r: any) => [r.attribute, [...r.value].sort()])).toEqual([
          ["customer.groups.id", [companies.acme.customer_group!.id, companies.acmeWest.customer_group!.id].sort()],
        ])
        const listIds = async () =>
          (await pricing.listPrices({ price_list_id: [acme.price_list_id] } as any, { select: ["id"] }))
            .map((p) => p.id)
            .sort()
        const before = await listIds()

        // Syncing again changes nothing: same list, same prices.
        const { result } = await syncContractPriceListsWorkflow(container).run({
          input: { contract_ids: [contracts.acme.id, contracts.globex.id] },
        })
        expect(result).toMatchObject({ created: 0, updated: 0, prices_added: 0, prices_removed: 0, deleted: 0 })
        expect(await listIds()).toEqual(before)
      })

      it("shows each region's price with the catalogue's tax inclusivity (a tax-inclusive region keeps inclusive prices)", async () => {
        const us = await listPrices("dana")
        const de = await listPrices("dana", "", deRegionId)
        expect(amounts(de)).toEqual(ACME)
        for (const sku of ["KIT", "GLOVE", "WRAP", "BOLT"]) {
          expect([sku, us[sku].is_calculated_price_tax_inclusive, de[sku].is_calculated_price_tax_inclusive]).toEqual([
            sku,
            false,
            true,
          ])
        }
      })
    })

    describe("GET /store/products?quantity=", () => {
      it("gives the tier price for the quantity asked, on both routes", async () => {
        const at = async (quantity: number) =>
          (await productPrice("dana", "WRAP", `&quantity=${quantity}`)).calculated_amount
        expect([await at(1), await at(9), await at(10), await at(49), await at(50), await at(500)]).toEqual([
          30, 30, 27, 27, 25, 25,
        ])
        expect(amounts(await listPrices("dana", "&quantity=10"))).toEqual({ ...ACME, WRAP: 27, BOLT: 0.8 })
        // Graduated: the price of the band the quantity falls in (the cart charges the band sum).
        expect((await productPrice("dana", "BOLT", "&quantity=60")).calculated_amount).toBe(0.5)
        // Without a contract the quantity changes nothing here (the catalogue has no tiers).
        expect(amounts(await listPrices(null, "&quantity=10"))).toEqual(CATALOGUE)
      })

      it("refuses a quantity that is not a whole number ≥ 1 with a 400 naming it", async () => {
        const store = await storeAs("dana")
        for (const bad of ["0", "-1", "1.5", "abc", "", "1&quantity=2"]) {
          for (const path of ["/store/products", `/store/products/${v.WRAP.product_id}`]) {
            const error = await failure(
              store.request(
                "GET",
                `${path}?region_id=${commerce.region_id}&fields=*variants.calculated_price&quantity=${bad}`
              )
            )
            expect([bad, path, error.status, error.body.message]).toEqual([
              bad,
              path,
              400,
              "quantity: must be a whole number ≥ 1",
            ])
          }
        }
      })
    })

    describe("contract changes through the admin API", () => {
      it("shows a rule change in the product API as soon as the admin call returns", async () => {
        const kitRule = await ruleOf("acme", (r) => r.type === "fixed_price" && r.variant_id === v.KIT.id)
        await admin("post", `/admin/contracts/${contracts.acme.id}/rules/${kitRule.id}`, { unit_price_minor: 950 })
        expect((await productPrice("dana", "KIT")).calculated_amount).toBe(9.5)
        expect((await productPrice("wes", "KIT")).calculated_amount).toBe(9.5)

        const wrapRule = await ruleOf("acme", (r) => r.type === "tiered_price" && r.variant_id === v.WRAP.id)
        await admin("post", `/admin/contracts/${contracts.acme.id}/rules/${wrapRule.id}`, {
          tiers: [
            { min_quantity: 1, unit_price_minor: 2900 },
            { min_quantity: 20, unit_price_minor: 2600 },
          ],
        })
        expect([
          (await productPrice("dana", "WRAP", "&quantity=10")).calculated_amount,
          (await productPrice("dana", "WRAP", "&quantity=20")).calculated_amount,
        ]).toEqual([29, 26])

        const { rule_ids } = await admin("post", `/admin/contracts/${contracts.acme.id}/rules`, {
          rules: [{ type: "fixed_price", variant_id: v.TAPE.id, unit_price_minor: 700 }],
        })
        expect((await productPrice("dana", "TAPE")).calculated_amount).toBe(7)
        await admin("delete", `/admin/contracts/${contracts.acme.id}/rules/${rule_ids[0]}`)
        expect((await productPrice("dana", "TAPE")).calculated_amount).toBe(8)

        // A terminated contract shows nobody its prices any more.
        await admin("post", `/admin/contracts/${contracts.globex.id}`, { status: "terminated" })
        expect((await productPrice("gina", "KIT")).calculated_amount).toBe(12.5)
        // A contract that starts tomorrow: not yet.
        await admin("post", `/admin/contracts/${contracts.acme.id}`, { valid_from: iso(1) })
        expect((await productPrice("dana", "KIT")).calculated_amount).toBe(12.5)
      })

      it("moves a company's buyers to the contract it inherits after a hierarchy change, and back when its own goes", async () => {
        await admin("post", `/admin/companies/${companies.acmeWest.id}`, { parent_company_id: companies.globex.id })
        expect(amounts(await listPrices("wes"))).toEqual({ ...CATALOGUE, KIT: 11 })
        expect(amounts(await listPrices("dana"))).toEqual(ACME)

        const own = (
          await admin("post", "/admin/contracts", {
            company_id: companies.acmeWest.id,
            currency_code: "usd",
            valid_from: iso(-1),
            payment_terms: "net_30",
            credit_limit_minor: 100_000,
            rules: [{ type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 800 }],
          })
        ).contract
        expect((await productPrice("wes", "KIT")).calculated_amount).toBe(8)
        expect((await productPrice("gina", "KIT")).calculated_amount).toBe(11)

        await admin("delete", `/admin/contracts/${own.id}`)
        expect((await productPrice("wes", "KIT")).calculated_amount).toBe(11)

        // A new child company's buyers see its parent's contract at once.
        const child = (
          await admin("post", "/admin/companies", {
            name: "Acme East",
            billing_email: "ap@east.example",
            currency_code: "usd",
            parent_company_id: companies.acme.id,
          })
        ).company
        buyers.erin = await seedBuyer(getContainer(), {
          email: "erin@east.example",
          password: "correct-horse-battery",
          company_id: child.id,
        })
        expect(amounts(await listPrices("erin"))).toEqual(ACME)
      })
    })

    describe("contract-price-lists-reconcile job", () => {
      it("moves a child company to its own contract once that starts, and repairs a list edited outside the hub", async () => {
        // Acme West's own contract starts in 2 s: until then it inherits Acme's.
        const own = (
          await admin("post", "/admin/contracts", {
            company_id: companies.acmeWest.id,
            currency_code: "usd",
            valid_from: new Date(Date.now() + 2_000).toISOString(),
            payment_terms: "net_30",
            credit_limit_minor: 100_000,
            rules: [{ type: "fixed_price", variant_id: v.KIT.id, unit_price_minor: 1150 }],
          })
        ).contract
        expect((await productPrice("wes", "KIT")).calculated_amount).toBe(10)
        await new Promise((resolve) => setTimeout(resolve, 2_500))
        // Who inherits what changed with time alone: the job re-syncs Acme's list without Acme West.
        await contractPriceListsReconcileJob(getContainer())
        expect((await productPrice("wes", "KIT")).calculated_amount).toBe(11.5)
        expect((await productPrice("dana", "KIT")).calculated_amount).toBe(10)
        expect((await admin("get", `/admin/contracts/${own.id}`)).contract.price_list_id).toEqual(
          expect.stringMatching(/^plist_/)
        )

        // Someone deletes a contract price in Medusa's admin: the next run puts it back.
        const pricing = getContainer().resolve<IPricingModuleService>(Modules.PRICING)
        const { price_list_id } = (await admin("get", `/admin/contracts/${contracts.acme.id}`)).contract
        const prices = await pricing.listPrices({ price_list_id: [price_list_id] } as any, { select: ["id", "amount"] })
        await pricing.softDeletePrices(prices.filter((p: any) => Number(p.amount) === 10).map((p) => p.id))
        expect((await productPrice("dana", "KIT")).calculated_amount).toBe(12.5)
        await contractPriceListsReconcileJob(getContainer())
        expect((await productPrice("dana", "KIT")).calculated_amount).toBe(10)
      })
    })

    describe("product API and cart agree", () => {
      it("gives a buyer in the cart the unit price the product API showed for the same variant and quantity", async () => {
        for (const regionId of [commerce.region_id, deRegionId]) {
          const store = await storeAs("dana")
          const quantities: Record<string, number> = { KIT: 3, GLOVE: 7, WRAP: 10, TAPE: 2, BOLT: 5 }
          const cart = await store.createCart({
            region_id: regionId,
            items: Object.entries(quantities).map(([sku, quantity]) => ({ variant_id: v[sku].id, quantity })),
          })
          for (const [sku, quantity] of Object.entries(quantities)) {
            const shown = await productPrice("dana", sku, `&quantity=${quantity}`, regionId)
            const line = lineOf(cart, sku)
            expect([regionId, sku, line.unit_price, line.is_tax_inclusive]).toEqual([
              regionId,
              sku,
              shown.calculated_amount,
              shown.is_calculated_price_tax_inclusive,
            ])
          }
        }
      })

      it("differs only for graduated tiers past the first band, where the cart charges the band sum over the line", async () => {
        const store = await storeAs("dana")
        const cart = await store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: v.BOLT.id, quantity: 20 }],
        })
        // 9 × 1.00 + 11 × 0.80 = 17.80, charged 20 × 0.89; the product page shows the 10–49 band's 0.80.
        expect(lineOf(cart, "BOLT").unit_price).toBe(0.89)
        expect((await productPrice("dana", "BOLT", "&quantity=20")).calculated_amount).toBe(0.8)
      })
    })

    describe("catalogue price changes", () => {
      it("re-prices a discounted variant when its Medusa price changes (product-variant.updated)", async () => {
        await admin("post", `/admin/products/${v.GLOVE.product_id}/variants/${v.GLOVE.id}`, {
          prices: [
            { currency_code: "usd", amount: 5 },
            { currency_code: "usd", amount: 5, rules: { region_id: deRegionId } },
          ],
        })
        expect((await productPrice(null, "GLOVE")).calculated_amount).toBe(5)
        await waitFor(
          async () => (await productPrice("dana", "GLOVE")).calculated_amount === 4.5,
          15_000,
          "the contract list to follow the new catalogue price"
        )
        expect((await productPrice("dana", "GLOVE", "", deRegionId)).calculated_amount).toBe(4.5)
        const store = await storeAs("dana")
        const cart = await store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: v.GLOVE.id, quantity: 1 }],
        })
        expect(lineOf(cart, "GLOVE").unit_price).toBe(4.5)
      })
    })
  },
})
