import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { createAdminToken } from "../../helpers/admin"

jest.setTimeout(120_000)

// No Stripe call is expected here; a closed local port makes any stray one fail fast.
process.env.STRIPE_API_BASE = "http://127.0.0.1:41201"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-b2b-contract-preview`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    let headers: { authorization: string }

    /** POST/GET returning { status, data } for 2xx and 4xx alike. */
    const call = async (method: "get" | "post", path: string, body?: unknown) => {
      const res =
        method === "post"
          ? await api.post(path, body, { headers, validateStatus: () => true })
          : await api.get(path, { headers, validateStatus: () => true })
      return { status: res.status, data: res.data }
    }

    /** A company with one active USD contract holding `rules`. */
    const contractWith = async (name: string, rules: unknown[], credit_limit_minor = 500_000) => {
      const { data: created } = await call("post", "/admin/companies", {
        name,
        billing_email: `ap@${name.toLowerCase().replace(/\W+/g, "")}.example`,
        currency_code: "usd",
      })
      const { status, data } = await call("post", "/admin/contracts", {
        company_id: created.company.id,
        currency_code: "usd",
        valid_from: "2026-01-01",
        credit_limit_minor,
        rules,
      })
      if (status !== 201) throw new Error(`contract: ${status} ${JSON.stringify(data)}`)
      return data.contract
    }

    beforeAll(async () => {
      commerce = await seedCommerce(getContainer())
      headers = { authorization: `Bearer ${await createAdminToken(getContainer())}` }
    })

    describe("POST /admin/contracts/:id/preview", () => {
      it("prices each line by the contract's rules with the catalogue price and the cart's explanation", async () => {
        const [kit, gloves, wrap] = commerce.variants
        const contract = await contractWith("Preview Co", [
          { type: "fixed_price", variant_id: kit.id, unit_price_minor: 1000 },
          {
            type: "tiered_price",
            variant_id: gloves.id,
            tier_mode: "volume",
            tiers: [
              { min_quantity: 1, unit_price_minor: 400 },
              { min_quantity: 100, unit_price_minor: 350 },
            ],
          },
        ])
        const { status, data } = await call("post", `/admin/contracts/${contract.id}/preview`, {
          items: [
            { variant_id: kit.id, quantity: 2 },
            { variant_id: gloves.id, quantity: 100 },
            { variant_id: wrap.id, quantity: 1 },
          ],
        })
        expect(status).toBe(200)
        const ruleOf = (type: string) => contract.rules.find((r: { type: string }) => r.type === type).id
        expect(data.preview).toEqual({
          contract_id: contract.id,
          currency_code: "usd",
          lines: [
            {
              variant_id: kit.id,
              sku: "FAST-KIT-100",
              title: expect.stringContaining("Industrial Fastener Kit"),
              quantity: 2,
              unit_price_minor: 1000,
              line_total_minor: 2000,
              catalogue_unit_price_minor: 1250,
              rule: { id: ruleOf("fixed_price"), type: "fixed_price", level: "variant" },
              explanation: `Contract price 10.00 USD (rule ${ruleOf("fixed_price")})`,
            },
            expect.objectContaining({
              variant_id: gloves.id,
              unit_price_minor: 350,
              line_total_minor: 35_000,
              catalogue_unit_price_minor: 420,
              explanation: `Volume tier 100+ at 3.50 USD (rule ${ruleOf("tiered_price")})`,
            }),
            expect.objectContaining({
              variant_id: wrap.id,
              unit_price_minor: 3100,
              catalogue_unit_price_minor: 3100,
              rule: null,
              explanation: "No contract rule; Medusa price 31.00 USD",
            }),
          ],
          total_minor: 2000 + 35_000 + 3100,
        })
      })

      it("answers 400 naming the line for an unknown variant or a quantity a rule refuses", async () => {
        const [kit] = commerce.variants
        const contract = await contractWith("Moq Co", [
          { type: "quantity_constraint", variant_id: kit.id, min_quantity: 10 },
        ])
        const res = await call("post", `/admin/contracts/${contract.id}/preview`, {
          items: [
            { variant_id: kit.id, quantity: 3 },
            { variant_id: "variant_missing", quantity: 1 },
          ],
        })
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("items[0].quantity:")
        expect(res.data.message).toContain("items[1].variant_id: variant variant_missing does not exist")
      })

      it("answers 400 naming the field for a bad body", async () => {
        const contract = await contractWith("Bad Body Co", [])
        const empty = await call("post", `/admin/contracts/${contract.id}/preview`, { items: [] })
        expect(empty.status).toBe(400)
        expect(empty.data.message).toBe("items: must list at least one item")
        const fractional = await call("post", `/admin/contracts/${contract.id}/preview`, {
          items: [{ variant_id: commerce.variants[0].id, quantity: 1.5 }],
        })
        expect(fractional.status).toBe(400)
        expect(fractional.data.message).toBe("items[0].quantity: must be a whole number ≥ 1")
      })

      it("answers 404 for a contract that does not exist", async () => {
        const res = await call("post", "/admin/contracts/ctr_missing/preview", {
          items: [{ variant_id: commerce.variants[0].id, quantity: 1 }],
        })
        expect(res.status).toBe(404)
        expect(res.data.message).toBe("Contract with id: ctr_missing was not found")
      })

      it("requires an admin", async () => {
        const res = await api.post("/admin/contracts/ctr_any/preview", { items: [] }, { validateStatus: () => true })
        expect(res.status).toBe(401)
      })
    })

    describe("GET /admin/contracts/:id/credit", () => {
      it("shows the whole limit as available for an account that owes nothing", async () => {
        const contract = await contractWith("Credit Co", [], 750_000)
        const { status, data } = await call("get", `/admin/contracts/${contract.id}/credit`)
        expect(status).toBe(200)
        expect(data.credit).toEqual({
          contract_id: contract.id,
          currency_code: "usd",
          credit_limit_minor: 750_000,
          open_balance_minor: 0,
          held_minor: 0,
          available_credit_minor: 750_000,
        })
      })

      it("answers 404 for a contract that does not exist, and 400 for a query parameter", async () => {
        expect((await call("get", "/admin/contracts/ctr_missing/credit")).status).toBe(404)
        const contract = await contractWith("Query Co", [])
        const res = await call("get", `/admin/contracts/${contract.id}/credit?limit=5`)
        expect(res.status).toBe(400)
        expect(res.data.message).toBe("limit: unknown field")
      })
    })
  },
})
