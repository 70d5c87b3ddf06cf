import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { seedBuyer, SeededBuyer } from "../../../src/scripts/seed/seed-buyer"
import { seedCompanyWithContract } from "../../../src/scripts/seed/seed-company"
import { EMPLOYEE_ROLES, roleMay, type CompanyPermission, type EmployeeRole } from "../../../src/modules/b2b/lib/roles"
import { INVOICING_MODULE } from "../../../src/modules/invoicing"
import { HttpError, StoreClient } from "../../helpers/store-client"
import { B2B_MODULE } from "../../../src/modules/b2b"
import type B2bModuleService from "../../../src/modules/b2b/service"

jest.setTimeout(180_000)

// No order is placed here, so no Stripe call is expected; a closed local port makes any stray one fail fast.
process.env.STRIPE_API_BASE = "http://127.0.0.1:41203"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-b2b-roles`

/**
 * The role matrix (src/modules/b2b/lib/roles.ts, README) over HTTP: every
 * /store/b2b route and Medusa's store cart routes, for an employee of each
 * role, on the caller's own company's resources and on another company's.
 */
type Probe = {
  name: string
  /** The permission that decides; "own" routes are open to every role. */
  permission: CompanyPermission
  /** Status for a role that may; a role that may not gets 403. */
  allowed: number
  send: (client: StoreClient) => Promise<unknown>
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    let own: { company_id: string; contract_id: string | null }
    let other: { company_id: string; contract_id: string | null }
    const employees = {} as Record<EmployeeRole, SeededBuyer>
    const invoices: Record<"own" | "other", string> = { own: "", other: "" }
    // Targets of the employee-management probes: one the admin deactivates and reactivates, one of another company.
    let colleague: SeededBuyer
    let stranger: SeededBuyer
    let invites = 0
    let buyerCartId = ""
    const approvals = { otherRequest: "", otherRule: "" }
    const quotes = { own: "", other: "" }

    const storeAs = async (role: EmployeeRole) => {
      const client = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
      await client.login(employees[role].email, employees[role].password)
      return client
    }
    const status = (promise: Promise<unknown>) =>
      promise.then(
        () => 200,
        (e: HttpError) => e.status
      )

    beforeAll(async () => {
      const container = getContainer()
      commerce = await seedCommerce(container)
      own = await seedCompanyWithContract(container, {
        name: "Acme Industrial",
        currency_code: "usd",
        payment_terms: "net_30",
        credit_limit_minor: 100_000,
      })
      other = await seedCompanyWithContract(container, {
        name: "Globex",
        currency_code: "usd",
        payment_terms: "net_30",
        credit_limit_minor: 100_000,
      })
      for (const role of EMPLOYEE_ROLES) {
        employees[role] = await seedBuyer(container, {
          email: `${role}@acme.example`,
          password: "correct-horse-battery",
          company_id: own.company_id,
          role,
        })
      }
      colleague = await seedBuyer(container, {
        email: "colleague@acme.example",
        password: "correct-horse-battery",
        company_id: own.company_id,
      })
      stranger = await seedBuyer(container, {
        email: "buyer@globex.example",
        password: "correct-horse-battery",
        company_id: other.company_id,
      })
      const invoicing = container.resolve(INVOICING_MODULE) as any
      const invoice = (company_id: string, order_id: string) => ({
        order_id,
        company_id,
        currency_code: "usd",
        payment_terms: "net_30",
        days_until_due: 30,
        total_minor: 1000,
        amount_due_minor: 1000,
      })
      const [a, b] = await invoicing.createInvoices([
        invoice(own.company_id, "order_roles_own"),
        invoice(other.company_id, "order_roles_other"),
      ])
      invoices.own = a.id
      invoices.other = b.id
      // Another company's approval request and rule (written through the module: how they came about is approvals.spec's).
      const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
      const otherRequest = await b2b.createApprovalRequests({
        company_id: other.company_id,
        cart_id: "cart_roles_other",
        customer_id: stranger.customer_id,
        employee_id: stranger.employee_id,
        currency_code: "usd",
        total_minor: 1000,
        cart_fingerprint: "roles",
        levels: [{ approver: "approver", reasons: ["roles spec"] }],
        decisions: [],
        expires_at: new Date(Date.now() + 3_600_000),
      })
      const otherRule = await b2b.createApprovalRules({
        company_id: other.company_id,
        condition: "role",
        role: "buyer",
        approver: "approver",
      })
      approvals.otherRequest = otherRequest.id
      approvals.otherRule = otherRule.id
      const buyer = await storeAs("buyer")
      buyerCartId = (await buyer.createCart({ region_id: commerce.region_id })).id
      // A quote of each company, still waiting for staff (nobody may accept it yet).
      const ask = { items: [{ variant_id: commerce.variants[0].id, quantity: 1 }], region_id: commerce.region_id }
      quotes.own = (await buyer.request("POST", "/store/b2b/quotes", ask)).quote.id
      const outsider = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
      await outsider.login(stranger.email, stranger.password)
      quotes.other = (await outsider.request("POST", "/store/b2b/quotes", ask)).quote.id
    })

    const variant = () => commerce.variants[0].id
    const probes: Probe[] = [
      {
        name: "GET company",
        permission: "company.read",
        allowed: 200,
        send: (c) => c.request("GET", "/store/b2b/company"),
      },
      {
        name: "GET own company by id",
        permission: "company.read",
        allowed: 200,
        send: (c) => c.request("GET", `/store/b2b/companies/${own.company_id}`),
      },
      {
        name: "GET contract",
        permission: "contract.read",
        allowed: 200,
        send: (c) => c.request("GET", "/store/b2b/contract"),
      },
      {
        name: "GET own contract by id",
        permission: "contract.read",
        allowed: 200,
        send: (c) => c.request("GET", `/store/b2b/contracts/${own.contract_id}`),
      },
      {
        name: "POST price-quote",
        permission: "prices.read",
        allowed: 200,
        send: (c) => c.request("POST", "/store/b2b/price-quote", { items: [{ variant_id: variant(), quantity: 1 }] }),
      },
      {
        name: "GET invoices",
        permission: "invoices.read",
        allowed: 200,
        send: (c) => c.request("GET", "/store/b2b/invoices"),
      },
      {
        name: "GET own invoice",
        permission: "invoices.read",
        allowed: 200,
        send: (c) => c.request("GET", `/store/b2b/invoices/${invoices.own}`),
      },
      {
        name: "GET orders",
        permission: "orders.read",
        allowed: 200,
        send: (c) => c.request("GET", `/store/b2b/orders?company_id=${own.company_id}`),
      },
      {
        name: "GET invoices of own company by company_id",
        permission: "invoices.read",
        allowed: 200,
        send: (c) => c.request("GET", `/store/b2b/invoices?company_id=${own.company_id}`),
      },
      {
        name: "GET employees",
        permission: "employees.manage",
        allowed: 200,
        send: (c) => c.request("GET", "/store/b2b/employees"),
      },
      {
        name: "POST invite employee",
        permission: "employees.manage",
        allowed: 200,
        // A new e-mail each time, so the admin's invite goes through (201) whatever ran before.
        send: (c) => c.request("POST", "/store/b2b/employees", { email: `invitee-${++invites}@acme.example` }),
      },
      {
        name: "POST employee role and limit",
        permission: "employees.manage",
        allowed: 200,
        send: (c) =>
          c.request("POST", `/store/b2b/employees/${colleague.employee_id}`, { spending_limit_period: "order" }),
      },
      {
        name: "POST deactivate employee",
        permission: "employees.manage",
        allowed: 200,
        send: (c) => c.request("POST", `/store/b2b/employees/${colleague.employee_id}/deactivate`),
      },
      {
        name: "POST reactivate employee",
        permission: "employees.manage",
        allowed: 200,
        send: (c) => c.request("POST", `/store/b2b/employees/${colleague.employee_id}/reactivate`),
      },
      {
        name: "GET approval requests",
        permission: "approvals.read",
        allowed: 200,
        send: (c) => c.request("GET", "/store/b2b/approval-requests?waiting_for_me=true"),
      },
      {
        name: "GET approval rules",
        permission: "approvals.read",
        allowed: 200,
        send: (c) => c.request("GET", "/store/b2b/approval-rules"),
      },
      {
        name: "POST approval rule",
        permission: "approval_rules.manage",
        allowed: 200,
        // Viewers cannot buy anyway: the rule changes nothing for the other probes.
        send: (c) =>
          c.request("POST", "/store/b2b/approval-rules", { condition: "role", role: "viewer", approver: "approver" }),
      },
      {
        name: "GET quotes",
        permission: "quotes.read",
        allowed: 200,
        send: (c) => c.request("GET", "/store/b2b/quotes"),
      },
      {
        name: "GET the buyer's quote",
        permission: "quotes.read",
        allowed: 200,
        send: (c) => c.request("GET", `/store/b2b/quotes/${quotes.own}`),
      },
      {
        name: "POST quote request",
        permission: "quotes.request",
        allowed: 200,
        send: (c) =>
          c.request("POST", "/store/b2b/quotes", {
            items: [{ variant_id: variant(), quantity: 2 }],
            region_id: commerce.region_id,
          }),
      },
      {
        name: "POST accept the buyer's quote (none sent yet)",
        permission: "quotes.accept",
        allowed: 409,
        send: (c) => c.request("POST", `/store/b2b/quotes/${quotes.own}/accept`, { version: 1 }),
      },
      {
        name: "POST approve (no such request)",
        permission: "approvals.decide",
        allowed: 404,
        send: (c) => c.request("POST", "/store/b2b/approval-requests/apreq_missing/approve", {}),
      },
      {
        name: "POST /store/carts",
        permission: "cart.write",
        allowed: 200,
        send: (c) => c.request("POST", "/store/carts", { region_id: commerce.region_id }),
      },
      {
        name: "POST line item to a company cart",
        permission: "cart.write",
        allowed: 200,
        // Each role's own new cart where it may; the buyer's cart where it may not (refused before Medusa looks).
        send: async (c) => {
          const cart = await c.request("POST", "/store/carts", { region_id: commerce.region_id }).catch(() => null)
          const id = cart?.cart?.id ?? buyerCartId
          return c.request("POST", `/store/carts/${id}/line-items`, { variant_id: variant(), quantity: 1 })
        },
      },
      {
        name: "POST complete",
        permission: "cart.write",
        // A role that may buy reaches Medusa's own completion (an empty cart is refused there, 400).
        allowed: 400,
        send: (c) => c.request("POST", `/store/carts/${buyerCartId}/complete`),
      },
    ]

    it.each(EMPLOYEE_ROLES)("%s: every route answers as the role matrix says", async (role) => {
      const client = await storeAs(role)
      const got: Record<string, number> = {}
      const want: Record<string, number> = {}
      for (const probe of probes) {
        got[probe.name] = await status(probe.send(client))
        want[probe.name] = roleMay(role, probe.permission) ? probe.allowed : 403
      }
      expect(got).toEqual(want)
    })

    it.each(EMPLOYEE_ROLES)(
      "%s: another company's company, contract, invoices, orders, employees and approvals are 404 (or 403 first)",
      async (role) => {
        const client = await storeAs(role)
        const got = {
          company: await status(client.request("GET", `/store/b2b/companies/${other.company_id}`)),
          contract: await status(client.request("GET", `/store/b2b/contracts/${other.contract_id}`)),
          invoice: await status(client.request("GET", `/store/b2b/invoices/${invoices.other}`)),
          invoices: await status(client.request("GET", `/store/b2b/invoices?company_id=${other.company_id}`)),
          orders: await status(client.request("GET", `/store/b2b/orders?company_id=${other.company_id}`)),
          employee: await status(
            client.request("POST", `/store/b2b/employees/${stranger.employee_id}`, { role: "viewer" })
          ),
          deactivate: await status(client.request("POST", `/store/b2b/employees/${stranger.employee_id}/deactivate`)),
          approval: await status(client.request("GET", `/store/b2b/approval-requests/${approvals.otherRequest}`)),
          approve: await status(
            client.request("POST", `/store/b2b/approval-requests/${approvals.otherRequest}/approve`, {})
          ),
          rule: await status(client.request("DELETE", `/store/b2b/approval-rules/${approvals.otherRule}`)),
          quote: await status(client.request("GET", `/store/b2b/quotes/${quotes.other}`)),
          accept: await status(client.request("POST", `/store/b2b/quotes/${quotes.other}/accept`, { version: 1 })),
        }
        const notFound = (permission: CompanyPermission) => (roleMay(role, permission) ? 404 : 403)
        expect(got).toEqual({
          company: 404,
          contract: 404,
          invoice: notFound("invoices.read"),
          invoices: notFound("invoices.read"),
          orders: notFound("orders.read"),
          employee: notFound("employees.manage"),
          deactivate: notFound("employees.manage"),
          approval: notFound("approvals.read"),
          approve: notFound("approvals.decide"),
          rule: notFound("approval_rules.manage"),
          quote: notFound("quotes.read"),
          accept: notFound("quotes.accept"),
        })
      }
    )
  },
})
