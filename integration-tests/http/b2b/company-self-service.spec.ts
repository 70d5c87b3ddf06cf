import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { toMinor } from "../../../src/lib/money"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { seedBuyer, SeededBuyer } from "../../../src/scripts/seed/seed-buyer"
import { seedCompanyWithContract } from "../../../src/scripts/seed/seed-company"
import type { EmployeeRole } from "../../../src/modules/b2b/lib/roles"
import { HttpError, StoreClient } from "../../helpers/store-client"
import { adminHeaders, useMerchant, useStripeSandbox, waitForInvoice } from "../invoicing/helpers"

jest.setTimeout(180_000)

// Orders are paid on net terms, so their invoices go to this Stripe sandbox.
const sbx = useStripeSandbox("company-self-service", [41_360, 41_369])

const PASSWORD = "correct-horse-battery"

/**
 * Company self-service (issue 16): a company's admin invites, limits and
 * deactivates its people through /store/b2b/employees, and a parent
 * company's admin and finance see their subsidiaries' orders and invoices.
 * Acme Holdings (contract: the fastener kit at 10.00, list 12.50) has a
 * subsidiary, Acme West, buying under that contract; each has placed one
 * net-terms order.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)
    const companies = { parent: "", sub: "" }
    const people = {} as Record<
      "parentAdmin" | "parentFinance" | "parentBuyer" | "leo" | "subAdmin" | "subBuyer",
      SeededBuyer
    >
    const orders = {} as Record<"parent" | "sub", { id: string; total_minor: number }>
    const invoices = { parent: "", sub: "" }

    const client = () => new StoreClient(api.defaults.baseURL!, commerce().publishable_key)
    const as = async (who: SeededBuyer | string) => {
      const c = client()
      await c.login(typeof who === "string" ? who : who.email, PASSWORD)
      return c
    }
    /** The status and body of a request expected to fail. */
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        (body) => ({ status: 200, message: JSON.stringify(body) }),
        (e: HttpError) => ({ status: e.status, message: String(e.body?.message) })
      )
    const kit = () => commerce().variants[0].id
    const kitPrice = async (store: StoreClient) =>
      (await store.createCart({ region_id: commerce().region_id, items: [{ variant_id: kit(), quantity: 1 }] }))
        .items[0].unit_price

    beforeAll(async () => {
      const container = getContainer()
      companies.parent = (
        await seedCompanyWithContract(container, {
          name: "Acme Holdings",
          currency_code: "usd",
          payment_terms: "net_30",
          credit_limit_minor: 10_000_000,
          rules: [{ type: "fixed_price", variant_id: kit(), unit_price_minor: 1000 }],
        })
      ).company_id
      companies.sub = (
        await seedCompanyWithContract(container, {
          name: "Acme West",
          currency_code: "usd",
          parent_company_id: companies.parent,
        })
      ).company_id
      const seed = (email: string, company_id: string, role: EmployeeRole) =>
        seedBuyer(container, { email, password: PASSWORD, company_id, role })
      people.parentAdmin = await seed("ada@acme.example", companies.parent, "admin")
      people.parentFinance = await seed("fin@acme.example", companies.parent, "finance")
      people.parentBuyer = await seed("bo@acme.example", companies.parent, "buyer")
      people.leo = await seed("leo@acme.example", companies.parent, "buyer")
      people.subAdmin = await seed("sam@west.acme.example", companies.sub, "admin")
      people.subBuyer = await seed("sue@west.acme.example", companies.sub, "buyer")

      // Placed one after the other: the subsidiary's order is the newer.
      for (const [key, buyer, po] of [
        ["parent", people.parentBuyer, "PO-HQ-1"],
        ["sub", people.subBuyer, "PO-WEST-1"],
      ] as const) {
        const store = await as(buyer)
        const cart = await store.createCart({
          region_id: commerce().region_id,
          items: [{ variant_id: kit(), quantity: 2 }],
        })
        const order = await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: po })
        orders[key] = { id: order.id, total_minor: Number(toMinor(String(order.total), "usd", { round: true })) }
        // Issued before the next order: the two orders' invoices are not what is under test here.
        invoices[key] = (await waitForInvoice(container, order.id, (row) => row.progress === "sent")).id
      }
    })

    describe("POST /store/b2b/employees", () => {
      it("invites a new person, who signs up with the invite and buys as a buyer with the limit the admin set", async () => {
        const admin = await as(people.parentAdmin)
        const { employee, invite } = await admin.request("POST", "/store/b2b/employees", {
          email: "Nina@Acme.example",
          first_name: "Nina",
          role: "buyer",
          spending_limit_minor: 25_000,
          spending_limit_period: "week",
        })
        expect(employee).toMatchObject({
          email: "nina@acme.example",
          role: "buyer",
          spending_limit_minor: 25_000,
          spending_limit_period: "week",
          status: "active",
          has_account: false,
        })
        expect(invite).toEqual({ token: expect.any(String), expires_at: expect.any(String) })

        // The storefront sign-up of employee-onboarding.spec.ts.
        const nina = client()
        nina.token = (
          await nina.request("POST", "/auth/customer/emailpass/register", {
            email: "nina@acme.example",
            password: PASSWORD,
          })
        ).token
        await nina.request("POST", "/store/customers", {
          email: "nina@acme.example",
          metadata: { invite_token: invite.token },
        })
        const mine = await (await as("nina@acme.example")).request("GET", "/store/b2b/company")
        expect(mine.company.id).toBe(companies.parent)
        expect(mine.employee).toMatchObject({
          id: employee.id,
          role: "buyer",
          spending_limit_minor: 25_000,
          spending_limit_period: "week",
        })
        expect(mine.employee.spending).toMatchObject({ limit_minor: 25_000, spent_minor: 0, remaining_minor: 25_000 })

        const { employees } = await admin.request("GET", "/store/b2b/employees")
        expect(employees.find((e: any) => e.id === employee.id)).toMatchObject({
          has_account: true,
          first_name: "Nina",
        })
      })

      it("refuses an e-mail that is already an employee (409 email) and a company other than the caller's (400 company_id)", async () => {
        const admin = await as(people.parentAdmin)
        const again = await refusal(admin.request("POST", "/store/b2b/employees", { email: people.parentBuyer.email }))
        expect(again).toEqual({
          status: 409,
          message: expect.stringMatching(/^email: .* is already an employee of this company/),
        })
        const elsewhere = await refusal(
          admin.request("POST", "/store/b2b/employees", { email: "x@west.acme.example", company_id: companies.sub })
        )
        expect(elsewhere).toEqual({ status: 400, message: "company_id: unknown field" })
      })
    })

    describe("POST /store/b2b/employees/:id", () => {
      it("changes a buyer's spending limit, and the buyer sees what remains of it after their order", async () => {
        const admin = await as(people.parentAdmin)
        const { employee } = await admin.request("POST", `/store/b2b/employees/${people.parentBuyer.employee_id}`, {
          spending_limit_minor: 50_000,
          spending_limit_period: "year",
        })
        expect(employee).toMatchObject({ spending_limit_minor: 50_000, spending_limit_period: "year" })

        const { employee: mine } = await (await as(people.parentBuyer)).request("GET", "/store/b2b/company")
        expect(mine.spending).toMatchObject({
          period: "year",
          limit_minor: 50_000,
          spent_minor: orders.parent.total_minor,
          remaining_minor: 50_000 - orders.parent.total_minor,
        })
      })
    })

    describe("POST /store/b2b/employees/:id/deactivate and /reactivate", () => {
      it("makes the employee a customer of no company (404, list prices) until reactivated; staff see the status", async () => {
        const admin = await as(people.parentAdmin)
        const leo = await as(people.leo)
        expect(await kitPrice(leo)).toBe(10)

        const { employee } = await admin.request("POST", `/store/b2b/employees/${people.leo.employee_id}/deactivate`)
        expect(employee).toMatchObject({ status: "deactivated", deactivated_at: expect.any(String) })
        expect((await refusal(leo.request("GET", "/store/b2b/company"))).status).toBe(404)
        expect(await kitPrice(leo)).toBe(12.5)
        const { data } = await api.get(`/admin/companies/${companies.parent}/employees`, {
          headers: await adminHeaders(getContainer()),
        })
        expect(data.employees.find((e: any) => e.id === people.leo.employee_id).deactivated_at).toEqual(
          employee.deactivated_at
        )

        const reactivated = await admin.request("POST", `/store/b2b/employees/${people.leo.employee_id}/reactivate`)
        expect(reactivated.employee).toMatchObject({ status: "active", deactivated_at: null })
        expect((await leo.request("GET", "/store/b2b/company")).employee.id).toBe(people.leo.employee_id)
        expect(await kitPrice(leo)).toBe(10)
      })
    })

    describe("GET /store/b2b/orders and /store/b2b/invoices", () => {
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id)

      it("shows a parent's admin and finance their subsidiaries' orders and invoices too, newest first", async () => {
        for (const who of [people.parentAdmin, people.parentFinance]) {
          const store = await as(who)
          const { orders: listed, count } = await store.request("GET", "/store/b2b/orders")
          expect({ who: who.email, ids: ids(listed), count }).toEqual({
            who: who.email,
            ids: [orders.sub.id, orders.parent.id],
            count: 2,
          })
          const { invoices: billed } = await store.request("GET", "/store/b2b/invoices")
          const byCompany = billed.map((i: any) => [i.id, i.company_id])
          expect(byCompany.sort()).toEqual(
            [
              [invoices.parent, companies.parent],
              [invoices.sub, companies.sub],
            ].sort()
          )
        }
        const finance = await as(people.parentFinance)
        const { orders: west } = await finance.request("GET", `/store/b2b/orders?company_id=${companies.sub}&limit=5`)
        expect(west).toEqual([
          {
            id: orders.sub.id,
            display_id: expect.any(Number),
            status: "pending",
            total_minor: orders.sub.total_minor,
            currency_code: "usd",
            created_at: expect.any(String),
            email: people.subBuyer.email,
            customer_id: people.subBuyer.customer_id,
            po_number: "PO-WEST-1",
            company_id: companies.sub,
          },
        ])
        const page = await finance.request("GET", "/store/b2b/orders?limit=1&offset=1")
        expect({ ids: ids(page.orders), count: page.count }).toEqual({ ids: [orders.parent.id], count: 2 })
        expect((await finance.request("GET", `/store/b2b/invoices/${invoices.sub}`)).invoice.id).toBe(invoices.sub)
      })

      it("shows a subsidiary's admin only its own company's, and a buyer only their own orders", async () => {
        const subAdmin = await as(people.subAdmin)
        expect(ids((await subAdmin.request("GET", "/store/b2b/orders")).orders)).toEqual([orders.sub.id])
        expect(ids((await subAdmin.request("GET", "/store/b2b/invoices")).invoices)).toEqual([invoices.sub])
        const hidden = {
          orders: await refusal(subAdmin.request("GET", `/store/b2b/orders?company_id=${companies.parent}`)),
          invoices: await refusal(subAdmin.request("GET", `/store/b2b/invoices?company_id=${companies.parent}`)),
          invoice: await refusal(subAdmin.request("GET", `/store/b2b/invoices/${invoices.parent}`)),
        }
        expect(Object.values(hidden).map((r) => r.status)).toEqual([404, 404, 404])

        const buyer = await as(people.parentBuyer)
        expect(ids((await buyer.request("GET", "/store/b2b/orders")).orders)).toEqual([orders.parent.id])
        expect((await refusal(buyer.request("GET", `/store/b2b/orders?company_id=${companies.sub}`))).status).toBe(404)
      })
    })

    // Last: it changes the subsidiary's roles.
    describe("the last active admin", () => {
      it("cannot demote or deactivate themselves (409), and can once another employee is admin", async () => {
        const subAdmin = await as(people.subAdmin)
        const self = `/store/b2b/employees/${people.subAdmin.employee_id}`
        expect(await refusal(subAdmin.request("POST", self, { role: "buyer" }))).toEqual({
          status: 409,
          message: expect.stringMatching(/^role: .* is the company's last active admin/),
        })
        expect(await refusal(subAdmin.request("POST", `${self}/deactivate`))).toEqual({
          status: 409,
          message: expect.stringMatching(/^id: .* is the company's last active admin/),
        })

        await subAdmin.request("POST", `/store/b2b/employees/${people.subBuyer.employee_id}`, { role: "admin" })
        const { employee } = await subAdmin.request("POST", self, { role: "buyer" })
        expect(employee.role).toBe("buyer")
      })
    })
  },
})
