import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { createAdminToken } from "../../helpers/admin"

jest.setTimeout(120_000)

// No Stripe call is expected here; a closed local port makes any stray one fail fast.
process.env.STRIPE_API_BASE = "http://127.0.0.1:41201"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-b2b-admin`

const DAY = 86_400_000
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    let headers: { authorization: string }

    /** POST/GET/DELETE returning { status, data } for 2xx and 4xx alike. */
    const call = async (method: "get" | "post" | "delete", path: string, body?: unknown) => {
      const res =
        method === "post"
          ? await api.post(path, body, { headers, validateStatus: () => true })
          : await api[method](path, { headers, validateStatus: () => true })
      return { status: res.status, data: res.data }
    }
    /** A POST to a collection creates: 201; any other success is 200. */
    const CREATES = /^\/admin\/(companies|contracts)(\/[^/]+\/(employees|rules))?$/
    const ok = async (method: "get" | "post" | "delete", path: string, body?: unknown) => {
      const res = await call(method, path, body)
      if (res.status !== (method === "post" && CREATES.test(path) ? 201 : 200))
        throw new Error(`${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.data)}`)
      return res.data
    }
    const company = (name: string, extra: Record<string, unknown> = {}) =>
      ok("post", "/admin/companies", {
        name,
        billing_email: `ap@${name.toLowerCase().replace(/\W+/g, "")}.example`,
        currency_code: "usd",
        ...extra,
      }).then((d) => d.company)
    const customer = (email: string) => ok("post", "/admin/customers", { email }).then((d) => d.customer)

    beforeAll(async () => {
      commerce = await seedCommerce(getContainer())
      headers = { authorization: `Bearer ${await createAdminToken(getContainer())}` }
    })

    describe("companies", () => {
      it("requires an admin", async () => {
        const res = await api.get("/admin/companies", { validateStatus: () => true })
        expect(res.status).toBe(401)
      })

      it("creates a company with all its fields and its own customer group", async () => {
        const created = await company("Acme Industrial", {
          currency_code: "EUR",
          billing_address: {
            company: "Acme",
            address_1: "1 Main St",
            city: "Berlin",
            postal_code: "10115",
            country_code: "DE",
          },
          tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
          stripe_customer_id: "cus_Acme123",
          erp_account_number: "C-1001",
        })
        expect(created).toMatchObject({
          id: expect.stringMatching(/^comp_/),
          name: "Acme Industrial",
          currency_code: "eur",
          billing_address: expect.objectContaining({ country_code: "de" }),
          tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
          stripe_customer_id: "cus_Acme123",
          erp_account_number: "C-1001",
          parent_company_id: null,
          customer_group: { id: expect.stringMatching(/^cusgroup_/), name: `Acme Industrial (${created.id})` },
        })
        const fetched = await ok("get", `/admin/companies/${created.id}`)
        expect(fetched.company.id).toBe(created.id)
      })

      it("answers 400 naming the field for bad input, and writes nothing", async () => {
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ billing_email: "a@b.example", currency_code: "usd" }, /^name: is required/],
          [
            { name: "X", billing_email: "not-an-email", currency_code: "usd" },
            /^billing_email: must be an email address/,
          ],
          [
            { name: "X", billing_email: "a@b.example", currency_code: "dollars" },
            /^currency_code: must be a three-letter/,
          ],
          [
            { name: "X", billing_email: "a@b.example", currency_code: "XYZ" },
            /^currency_code: XYZ is not an ISO 4217 currency code$/,
          ],
          [{ name: "X", billing_email: "a@b.example", currency_code: "usd", colour: "red" }, /^colour: unknown field/],
          [
            { name: "X", billing_email: "a@b.example", currency_code: "usd", tax_ids: [{ type: "vat", value: "1" }] },
            /^tax_ids\[0\]\.type: /,
          ],
          [
            { name: "X", billing_email: "a@b.example", currency_code: "usd", parent_company_id: "comp_missing" },
            /^parent_company_id: company comp_missing does not exist/,
          ],
          // Stripe's limits for the company's customer: refused here, not shortened or failing at invoicing.
          [
            { name: "N".repeat(257), billing_email: "a@b.example", currency_code: "usd" },
            /^name: must be at most 256 characters/,
          ],
          [{ name: "X", billing_email: `${"a".repeat(510)}@b.example`, currency_code: "usd" }, /^billing_email: /],
        ]
        for (const [body, message] of cases) {
          const res = await call("post", "/admin/companies", body)
          expect({ body, status: res.status, type: res.data.type }).toEqual({ body, status: 400, type: "invalid_data" })
          expect(res.data.message).toMatch(message)
        }
        expect((await ok("get", "/admin/companies")).count).toBe(0)
      })

      it("lists with filters and pagination", async () => {
        for (const name of ["Alpha Tools", "Beta Steel", "Alpha Foods"]) await company(name)
        const page = await ok("get", "/admin/companies?limit=2&offset=0&order=name")
        expect(page).toMatchObject({ count: 3, limit: 2, offset: 0 })
        expect(page.companies.map((c: any) => c.name)).toEqual(["Alpha Foods", "Alpha Tools"])
        const searched = await ok("get", "/admin/companies?q=alpha")
        expect(searched.companies.map((c: any) => c.name).sort()).toEqual(["Alpha Foods", "Alpha Tools"])
        const bad = await call("get", "/admin/companies?limit=ten")
        expect(bad.status).toBe(400)
      })

      it("builds a hierarchy of any depth and refuses cycles", async () => {
        const root = await company("Holding")
        const mid = await company("Region", { parent_company_id: root.id })
        const leaf = await company("Branch", { parent_company_id: mid.id })
        expect(leaf.parent_company_id).toBe(mid.id)

        const cycle = await call("post", `/admin/companies/${root.id}`, { parent_company_id: leaf.id })
        expect(cycle.status).toBe(400)
        expect(cycle.data.message).toMatch(/^parent_company_id: .*cycle/)
        const self = await call("post", `/admin/companies/${mid.id}`, { parent_company_id: mid.id })
        expect(self.status).toBe(400)
        expect(self.data.message).toMatch(/^parent_company_id: a company cannot be its own parent/)
        expect((await ok("get", `/admin/companies/${root.id}`)).company.parent_company_id).toBeNull()

        // Re-parenting without a cycle is fine; so is detaching.
        const moved = await ok("post", `/admin/companies/${leaf.id}`, {
          parent_company_id: root.id,
          name: "Branch East",
        })
        expect(moved.company).toMatchObject({ parent_company_id: root.id, name: "Branch East" })
        await ok("post", `/admin/companies/${leaf.id}`, { parent_company_id: null })
      })

      it("refuses a currency that is not ISO 4217, or a change of currency under an active contract in another, writing nothing", async () => {
        const acme = await company("Acme Currency")
        const xyz = await call("post", `/admin/companies/${acme.id}`, { currency_code: "xyz" })
        expect([xyz.status, xyz.data.type, xyz.data.message]).toEqual([
          400,
          "invalid_data",
          "currency_code: XYZ is not an ISO 4217 currency code",
        ])

        const { contract: usd } = await ok("post", "/admin/contracts", {
          company_id: acme.id,
          currency_code: "usd",
          valid_from: iso(-30),
        })
        const { contract: eur } = await ok("post", "/admin/contracts", {
          company_id: acme.id,
          currency_code: "eur",
          valid_from: iso(10),
        })
        const toEur = await call("post", `/admin/companies/${acme.id}`, { currency_code: "EUR", name: "Acme Renamed" })
        expect([toEur.status, toEur.data.type, toEur.data.message]).toEqual([
          400,
          "invalid_data",
          `currency_code: the company has an active contract in USD (${usd.id}); end it first`,
        ])
        // A contract that starts later binds too.
        const toGbp = await call("post", `/admin/companies/${acme.id}`, { currency_code: "gbp" })
        expect(toGbp.data.message).toBe(
          `currency_code: the company has active contracts in USD (${usd.id}), EUR (${eur.id}); end them first`
        )
        expect((await ok("get", `/admin/companies/${acme.id}`)).company).toMatchObject({
          currency_code: "usd",
          name: "Acme Currency",
        })

        // The same currency is no change; once the USD contract has ended, the company may move to EUR.
        expect(
          (await ok("post", `/admin/companies/${acme.id}`, { currency_code: "USD", name: "Acme Same" })).company
            .currency_code
        ).toBe("usd")
        await ok("post", `/admin/contracts/${usd.id}`, { valid_to: iso(-1) })
        expect((await ok("post", `/admin/companies/${acme.id}`, { currency_code: "eur" })).company.currency_code).toBe(
          "eur"
        )
        await ok("post", `/admin/contracts/${eur.id}`, { status: "terminated" })
        expect((await ok("post", `/admin/companies/${acme.id}`, { currency_code: "gbp" })).company.currency_code).toBe(
          "gbp"
        )
      })

      it("deletes a company without children, with its employees and contracts; refuses one with children", async () => {
        const parent = await company("Parent Co")
        const child = await company("Child Co", { parent_company_id: parent.id })
        const refused = await call("delete", `/admin/companies/${parent.id}`)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(new RegExp(`^id: company ${parent.id} is the parent of ${child.id}`))

        const buyer = await customer("leaver@child.example")
        const { employee } = await ok("post", `/admin/companies/${child.id}/employees`, { customer_id: buyer.id })
        const { contract } = await ok("post", "/admin/contracts", {
          company_id: child.id,
          currency_code: "usd",
          valid_from: iso(-1),
        })
        expect(await ok("delete", `/admin/companies/${child.id}`)).toEqual({
          id: child.id,
          object: "company",
          deleted: true,
        })
        expect((await call("get", `/admin/companies/${child.id}`)).status).toBe(404)
        expect(
          await getContainer().resolve(Modules.CUSTOMER).listCustomerGroups({ id: child.customer_group.id })
        ).toHaveLength(0)
        expect((await call("get", `/admin/contracts/${contract.id}`)).status).toBe(404)
        expect((await call("delete", `/admin/companies/${child.id}/employees/${employee.id}`)).status).toBe(404)
        // The customer is free to join another company.
        await ok("post", `/admin/companies/${parent.id}/employees`, { customer_id: buyer.id })
        expect((await call("delete", "/admin/companies/comp_missing")).status).toBe(404)
      })
    })

    describe("employees", () => {
      it("adds customers as employees, in the company's customer group, one company per customer", async () => {
        const acme = await company("Acme")
        const globex = await company("Globex")
        const dana = await customer("dana@acme.example")
        const { employee } = await ok("post", `/admin/companies/${acme.id}/employees`, {
          customer_id: dana.id,
          role: "buyer",
          spending_limit_minor: "250000",
        })
        expect(employee).toMatchObject({
          customer_id: dana.id,
          role: "buyer",
          spending_limit_minor: 250000,
          customer: { email: "dana@acme.example" },
        })

        const group = await getContainer()
          .resolve(Modules.CUSTOMER)
          .listCustomers({ groups: { id: acme.customer_group.id } } as any)
        expect(group.map((c: any) => c.id)).toEqual([dana.id])

        const twice = await call("post", `/admin/companies/${globex.id}/employees`, { customer_id: dana.id })
        expect(twice.status).toBe(400)
        expect(twice.data.message).toBe(`customer_id: customer ${dana.id} is already an employee of company ${acme.id}`)
        const ghost = await call("post", `/admin/companies/${acme.id}/employees`, { customer_id: "cus_missing" })
        expect(ghost.status).toBe(400)
        expect(ghost.data.message).toBe("customer_id: customer cus_missing does not exist")
        const badRole = await call("post", `/admin/companies/${acme.id}/employees`, {
          customer_id: dana.id,
          role: "owner",
        })
        expect(badRole.status).toBe(400)
        expect(badRole.data.message).toMatch(/^role: /)
        expect((await call("post", "/admin/companies/comp_missing/employees", { customer_id: dana.id })).status).toBe(
          404
        )

        const listed = await ok("get", `/admin/companies/${acme.id}/employees`)
        expect(listed.employees.map((e: any) => e.id)).toEqual([employee.id])
      })

      it("updates role and spending limit, refusing float amounts; removal leaves the customer group", async () => {
        const acme = await company("Acme")
        const other = await company("Other")
        const sam = await customer("sam@acme.example")
        const { employee } = await ok("post", `/admin/companies/${acme.id}/employees`, { customer_id: sam.id })
        expect(employee).toMatchObject({ role: "buyer", spending_limit_minor: null })

        const updated = await ok("post", `/admin/companies/${acme.id}/employees/${employee.id}`, {
          role: "viewer",
          spending_limit_minor: 5000,
        })
        expect(updated.employee).toMatchObject({ role: "viewer", spending_limit_minor: 5000 })
        for (const bad of [50.5, "50.50", -1]) {
          const res = await call("post", `/admin/companies/${acme.id}/employees/${employee.id}`, {
            spending_limit_minor: bad,
          })
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(/^spending_limit_minor: /)
        }
        // The employee of another company is not found through this one.
        expect(
          (await call("post", `/admin/companies/${other.id}/employees/${employee.id}`, { role: "admin" })).status
        ).toBe(404)

        await ok("delete", `/admin/companies/${acme.id}/employees/${employee.id}`)
        const members = await getContainer()
          .resolve(Modules.CUSTOMER)
          .listCustomers({ groups: { id: acme.customer_group.id } } as any)
        expect(members).toHaveLength(0)
        expect((await ok("get", `/admin/companies/${acme.id}/employees`)).employees).toHaveLength(0)
      })
    })

    describe("contracts and rules", () => {
      const [kit, gloves, wrap] = [0, 1, 2]

      it("creates a contract with every kind of rule, and returns it in the API shape", async () => {
        const acme = await company("Acme")
        const v = commerce.variants
        const { contract } = await ok("post", "/admin/contracts", {
          company_id: acme.id,
          currency_code: "USD",
          reference: "MSA-2026",
          valid_from: "2026-01-01",
          valid_to: null,
          payment_terms: "net_45",
          credit_limit_minor: 500000,
          rules: [
            { type: "fixed_price", variant_id: v[kit].id, unit_price_minor: 1000 },
            {
              type: "tiered_price",
              sku: "GLOVE-L",
              tier_mode: "graduated",
              tiers: [
                { min_quantity: 1, unit_price_minor: "400" },
                { min_quantity: 100, unit_price_minor: 350 },
              ],
            },
            {
              type: "discount",
              scope: "product",
              scope_id: v[wrap].product_id,
              discount_kind: "percentage",
              percentage: 12.5,
            },
            { type: "discount", scope: "catalogue", discount_kind: "fixed_amount", amount_off_minor: 50 },
            { type: "quantity_constraint", variant_id: v[wrap].id, min_quantity: 10, increment: 5 },
          ],
        })
        expect(contract).toMatchObject({
          id: expect.stringMatching(/^ctr_/),
          company_id: acme.id,
          currency_code: "usd",
          reference: "MSA-2026",
          payment_terms: "net_45",
          credit_limit_minor: 500000,
          status: "active",
          valid_to: null,
        })
        expect(new Date(contract.valid_from).toISOString()).toBe("2026-01-01T00:00:00.000Z")
        const byType = (t: string) => contract.rules.filter((r: any) => r.type === t)
        expect(byType("fixed_price")[0]).toMatchObject({ variant_id: v[kit].id, sku: null, unit_price_minor: 1000 })
        expect(byType("tiered_price")[0]).toMatchObject({
          sku: "GLOVE-L",
          tier_mode: "graduated",
          tiers: [
            { min_quantity: 1, unit_price_minor: 400 },
            { min_quantity: 100, unit_price_minor: 350 },
          ],
        })
        expect(byType("discount")).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ scope: "product", discount_kind: "percentage", percentage: "12.5" }),
            expect.objectContaining({
              scope: "catalogue",
              scope_id: null,
              discount_kind: "fixed_amount",
              amount_off_minor: 50,
            }),
          ])
        )
        expect(byType("quantity_constraint")[0]).toMatchObject({
          variant_id: v[wrap].id,
          min_quantity: 10,
          increment: 5,
        })

        const listed = await ok("get", `/admin/contracts?company_id=${acme.id}`)
        expect(listed.contracts.map((c: any) => c.id)).toEqual([contract.id])
      })

      it("refuses bad rules and amounts with 400s naming the field, writing nothing", async () => {
        const acme = await company("Acme")
        const v = commerce.variants
        const base = { company_id: acme.id, currency_code: "usd", valid_from: iso(-1) }
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ ...base, credit_limit_minor: 1000.5 }, /^credit_limit_minor: must be an integer amount in minor units/],
          [{ ...base, credit_limit_minor: "12.50" }, /^credit_limit_minor: must be an integer amount in minor units/],
          [
            { ...base, rules: [{ type: "fixed_price", variant_id: v[kit].id, unit_price_minor: 9.99 }] },
            /^rules\[0\]\.unit_price_minor: must be an integer amount/,
          ],
          [
            {
              ...base,
              rules: [
                { type: "fixed_price", variant_id: v[kit].id, unit_price_minor: 1000 },
                { type: "quantity_constraint", variant_id: v[wrap].id, increment: 5 },
                {
                  type: "tiered_price",
                  variant_id: v[gloves].id,
                  tier_mode: "volume",
                  tiers: [
                    { min_quantity: 10, unit_price_minor: 400 },
                    { min_quantity: 5, unit_price_minor: 350 },
                  ],
                },
              ],
            },
            /^rules\[2\]\.tiers\[0\]\.min_quantity: the first tier must start at 1; rules\[2\]\.tiers\[1\]\.min_quantity: tiers must be sorted/,
          ],
          [
            {
              ...base,
              rules: [
                {
                  type: "tiered_price",
                  variant_id: v[gloves].id,
                  tier_mode: "volume",
                  tiers: [{ min_quantity: 1.5, unit_price_minor: 400 }],
                },
              ],
            },
            /^rules\[0\]\.tiers\[0\]\.min_quantity: must be a whole number/,
          ],
          [
            {
              ...base,
              rules: [
                {
                  type: "tiered_price",
                  variant_id: v[gloves].id,
                  tier_mode: "stepped",
                  tiers: [{ min_quantity: 1, unit_price_minor: 400 }],
                },
              ],
            },
            /^rules\[0\]\.tier_mode: /,
          ],
          [
            {
              ...base,
              rules: [{ type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "150" }],
            },
            /^rules\[0\]\.percentage: must be greater than 0 and at most 100/,
          ],
          [
            { ...base, rules: [{ type: "discount", scope: "category", discount_kind: "percentage", percentage: "5" }] },
            /^rules\[0\]\.scope_id: must name the category/,
          ],
          [
            {
              ...base,
              rules: [{ type: "discount", scope: "catalogue", discount_kind: "fixed_amount", percentage: "5" }],
            },
            /^rules\[0\]\.amount_off_minor: is required for a fixed_amount discount/,
          ],
          [
            { ...base, rules: [{ type: "fixed_price", unit_price_minor: 100 }] },
            /^rules\[0\]\.variant_id: must name a variant_id or a sku/,
          ],
          [
            { ...base, rules: [{ type: "fixed_price", variant_id: "variant_missing", unit_price_minor: 100 }] },
            /^rules\[0\]\.variant_id: variant variant_missing does not exist/,
          ],
          [
            { ...base, rules: [{ type: "bogus" }] },
            /^rules\[0\]\.type: must be one of fixed_price, tiered_price, discount, quantity_constraint$/,
          ],
          [{ ...base, valid_from: "next tuesday" }, /^valid_from: must be an ISO 8601 date/],
          [{ ...base, valid_to: iso(-2) }, /^valid_to: must be later than valid_from/],
          [{ ...base, payment_terms: "net_20" }, /^payment_terms: /],
          [{ ...base, company_id: "comp_missing" }, /^company_id: company comp_missing does not exist/],
          [{ ...base, currency_code: "XYZ" }, /^currency_code: XYZ is not an ISO 4217 currency code$/],
        ]
        for (const [body, message] of cases) {
          const res = await call("post", "/admin/contracts", body)
          expect({ body, status: res.status }).toEqual({ body, status: 400 })
          expect(res.data.message).toMatch(message)
        }
        expect((await ok("get", "/admin/contracts")).count).toBe(0)
      })

      it("allows one active contract per company and currency at a time", async () => {
        const acme = await company("Acme")
        const first = await ok("post", "/admin/contracts", {
          company_id: acme.id,
          currency_code: "usd",
          valid_from: "2026-01-01",
          valid_to: "2027-01-01",
        })
        const overlap = await call("post", "/admin/contracts", {
          company_id: acme.id,
          currency_code: "usd",
          valid_from: "2026-06-01",
        })
        expect(overlap.status).toBe(400)
        expect(overlap.data.message).toBe(
          `valid_from: overlaps active contract ${first.contract.id} for USD of this company`
        )

        // Back to back, another currency, or terminated: all fine.
        await ok("post", "/admin/contracts", { company_id: acme.id, currency_code: "usd", valid_from: "2027-01-01" })
        await ok("post", "/admin/contracts", { company_id: acme.id, currency_code: "eur", valid_from: "2026-06-01" })
        const old = await ok("post", "/admin/contracts", {
          company_id: acme.id,
          currency_code: "usd",
          valid_from: "2026-03-01",
          valid_to: "2026-04-01",
          status: "terminated",
        })

        // Re-activating the terminated one, or stretching the first into the second, overlaps.
        const reactivate = await call("post", `/admin/contracts/${old.contract.id}`, { status: "active" })
        expect(reactivate.status).toBe(400)
        expect(reactivate.data.message).toMatch(/^valid_from: overlaps active contract/)
        const stretch = await call("post", `/admin/contracts/${first.contract.id}`, { valid_to: null })
        expect(stretch.status).toBe(400)
        const inverted = await call("post", `/admin/contracts/${first.contract.id}`, { valid_to: "2025-01-01" })
        expect(inverted.status).toBe(400)
        expect(inverted.data.message).toBe("valid_to: must be later than valid_from")
        const changeCurrency = await call("post", `/admin/contracts/${first.contract.id}`, { currency_code: "gbp" })
        expect(changeCurrency.status).toBe(400)
        expect(changeCurrency.data.message).toBe("currency_code: unknown field")

        const updated = await ok("post", `/admin/contracts/${first.contract.id}`, {
          payment_terms: "net_60",
          credit_limit_minor: "750000",
          reference: "MSA-2",
        })
        expect(updated.contract).toMatchObject({
          payment_terms: "net_60",
          credit_limit_minor: 750000,
          reference: "MSA-2",
        })
        expect((await ok("get", `/admin/contracts?company_id=${acme.id}&currency_code=USD`)).count).toBe(3)
      })

      it("adds, updates and deletes rules, checked like new rules", async () => {
        const acme = await company("Acme")
        const globex = await company("Globex")
        const v = commerce.variants
        const { contract } = await ok("post", "/admin/contracts", {
          company_id: acme.id,
          currency_code: "usd",
          valid_from: iso(-1),
        })
        const other = (
          await ok("post", "/admin/contracts", {
            company_id: globex.id,
            currency_code: "usd",
            valid_from: iso(-1),
            rules: [{ type: "fixed_price", variant_id: v[kit].id, unit_price_minor: 900 }],
          })
        ).contract

        const added = await ok("post", `/admin/contracts/${contract.id}/rules`, {
          rules: [
            {
              type: "tiered_price",
              variant_id: v[gloves].id,
              tier_mode: "volume",
              tiers: [
                { min_quantity: 1, unit_price_minor: 400 },
                { min_quantity: 100, unit_price_minor: 350 },
              ],
            },
            { type: "quantity_constraint", variant_id: v[wrap].id, min_quantity: 10 },
          ],
        })
        expect(added.rule_ids).toHaveLength(2)
        expect(added.contract.rules).toHaveLength(2)
        const tierId = added.contract.rules.find((r: any) => r.type === "tiered_price").id

        const badAdd = await call("post", `/admin/contracts/${contract.id}/rules`, {
          rules: [
            { type: "fixed_price", variant_id: v[kit].id, unit_price_minor: 100 },
            { type: "discount", scope: "catalogue", discount_kind: "percentage", percentage: "0" },
          ],
        })
        expect(badAdd.status).toBe(400)
        expect(badAdd.data.message).toMatch(/^rules\[1\]\.percentage: must be greater than 0/)
        expect((await ok("get", `/admin/contracts/${contract.id}`)).contract.rules).toHaveLength(2)

        const updated = await ok("post", `/admin/contracts/${contract.id}/rules/${tierId}`, {
          tier_mode: "graduated",
          tiers: [
            { min_quantity: 1, unit_price_minor: 420 },
            { min_quantity: 50, unit_price_minor: 380 },
          ],
        })
        expect(updated.rule).toMatchObject({
          id: tierId,
          type: "tiered_price",
          tier_mode: "graduated",
          tiers: [
            { min_quantity: 1, unit_price_minor: 420 },
            { min_quantity: 50, unit_price_minor: 380 },
          ],
        })

        const badTier = await call("post", `/admin/contracts/${contract.id}/rules/${tierId}`, {
          tiers: [
            { min_quantity: 1, unit_price_minor: 420 },
            { min_quantity: 1, unit_price_minor: 380 },
          ],
        })
        expect(badTier.status).toBe(400)
        expect(badTier.data.message).toBe("tiers[1].min_quantity: duplicate min_quantity 1")
        const badAmount = await call("post", `/admin/contracts/${contract.id}/rules/${tierId}`, {
          tiers: [{ min_quantity: 1, unit_price_minor: 4.2 }],
        })
        expect(badAmount.status).toBe(400)
        expect(badAmount.data.message).toMatch(/^tiers\[0\]\.unit_price_minor: must be an integer amount/)
        const retype = await call("post", `/admin/contracts/${contract.id}/rules/${tierId}`, { type: "fixed_price" })
        expect(retype.status).toBe(400)
        expect(retype.data.message).toMatch(/^type: a tiered_price rule cannot become fixed_price/)
        const foreign = await call("post", `/admin/contracts/${contract.id}/rules/${other.rules[0].id}`, {
          unit_price_minor: 1,
        })
        expect(foreign.status).toBe(404)
        expect((await call("delete", `/admin/contracts/${contract.id}/rules/${other.rules[0].id}`)).status).toBe(404)

        await ok("delete", `/admin/contracts/${contract.id}/rules/${tierId}`)
        expect((await ok("get", `/admin/contracts/${contract.id}`)).contract.rules.map((r: any) => r.type)).toEqual([
          "quantity_constraint",
        ])

        await ok("delete", `/admin/contracts/${contract.id}`)
        expect((await call("get", `/admin/contracts/${contract.id}`)).status).toBe(404)
        expect(
          (
            await call("post", `/admin/contracts/${contract.id}/rules`, {
              rules: [{ type: "quantity_constraint", sku: "X", increment: 2 }],
            })
          ).status
        ).toBe(404)
      })
    })
  },
})
