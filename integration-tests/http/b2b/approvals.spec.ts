import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { Webhook } from "standardwebhooks"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox } from "../../sandboxes/erp"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { HttpError, StoreClient, waitFor } from "../../helpers/store-client"
import { seedBuyer, SeededBuyer } from "../../../src/scripts/seed/seed-buyer"
import { seedCompanyWithContract } from "../../../src/scripts/seed/seed-company"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { B2B_MODULE } from "../../../src/modules/b2b"
import type B2bModuleService from "../../../src/modules/b2b/service"
import { expireApprovalRequestsWorkflow } from "../../../src/workflows/b2b/expire-approval-requests"
import { adminHttp, createEndpoint, HubHttp, issuePartner, webhookHeaders } from "../webhooks/helpers"
import { createNetSuiteConnection, netSuiteCertificate, netSuiteCredentials } from "../erp/helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_611
const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtYXBwcm92YWxzLXNwZWM="
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-approvals`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
delete process.env.WEBHOOK_ALLOW_HTTP

/**
 * Approvals through the store and admin HTTP APIs with real checkouts: the
 * company's rules turn a checkout into an approval request, the cart is
 * locked while it waits, and approving completes it through Medusa's own
 * checkout (invoice, ERP sync, webhooks); rejection, expiry, two levels,
 * merchant approval over the credit limit, and racing decisions.
 *
 * Acme's rules: over the buyer's spending limit (200.00 per order) → company
 * admin; above 500.00 → an approver, and above 1,000.00 a company admin too.
 * Globex: over its credit (100.00) → merchant staff.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let receiver: PartnerReceiver
    let fixture: B2bFixture
    let admin: HubHttp
    let endpointSecret: string
    let approver: SeededBuyer
    let companyAdmin: SeededBuyer
    let secondAdmin: SeededBuyer
    let globex: { company_id: string; buyer: SeededBuyer; admin: SeededBuyer }
    const password = "correct-horse-battery"
    const b2b = () => getContainer().resolve<B2bModuleService>(B2B_MODULE)

    const storeAs = async (who: { email: string }) => {
      const client = new StoreClient(api.defaults.baseURL!, fixture.publishable_key)
      await client.login(who.email, password)
      return client
    }
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        (ok) => ({ status: 200, body: ok as any }),
        (e: HttpError) => ({ status: e.status, body: e.body })
      )
    const WRAP = () => fixture.variants[2] // 31.00 USD list price

    /** A buyer's cart of `wraps` × 31.00, checked out on net terms: the raw completion answer. */
    const askFor = async (buyer: StoreClient, wraps: number) => {
      const cart = await buyer.createCart({
        region_id: fixture.region_id,
        items: [{ variant_id: WRAP().id, quantity: wraps }],
      })
      await buyer.prepareCheckout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-APPROVE" })
      return { cart_id: cart.id as string, completed: await buyer.complete(cart.id) }
    }
    /** The orders Medusa links to a cart (its order_cart link): one after completion, never two. */
    const ordersOfCart = async (cartId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
      return data.map((row: { order_id: string }) => row.order_id)
    }
    const partnerEvents = (type: string, id: string) =>
      receiver
        .deliveries("/approvals")
        .map((d) => ({ d, body: JSON.parse(d.body) }))
        .filter(({ body }) => body.type === type && body.resource.id === id)

    beforeAll(async () => {
      const cert = netSuiteCertificate()
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      erp = await startErpSandbox({
        netsuitePublicKey: cert.publicKey,
        credentials: { clientId: netSuiteCredentials(cert).clientId, clientSecret: "" },
      })
      receiver = await startPartnerReceiver()
      const container = getContainer()
      fixture = await seedB2bFixture(container, { credit_limit_minor: 10_000_000 })
      await createNetSuiteConnection(container, erp, cert)
      admin = await adminHttp(api.defaults.baseURL!, container)
      const partner = await issuePartner(admin, "Acme Procurement Bridge")
      endpointSecret = (
        await createEndpoint(partner, {
          url: `${receiver.url}/approvals`,
          event_types: [
            "approval.requested",
            "approval.approved",
            "approval.rejected",
            "approval.expired",
            "order.placed",
          ],
        })
      ).secret

      await b2b().updateEmployees({ id: fixture.buyer.employee_id, spending_limit_minor: 20_000 })
      const employee = (email: string, role: "approver" | "admin", company_id = fixture.company_id) =>
        seedBuyer(container, { email, password, company_id, role })
      approver = await employee("approver@acme.example", "approver")
      companyAdmin = await employee("admin@acme.example", "admin")
      secondAdmin = await employee("admin2@acme.example", "admin")

      const g = await seedCompanyWithContract(container, {
        name: "Globex",
        currency_code: "usd",
        payment_terms: "net_30",
        credit_limit_minor: 10_000,
      })
      globex = {
        company_id: g.company_id,
        buyer: await seedBuyer(container, { email: "buyer@globex.example", password, company_id: g.company_id }),
        admin: await employee("admin@globex.example", "admin", g.company_id),
      }
      // Rules as the company's admin sets them over the store API; Globex's credit rule by merchant staff.
      const acmeAdmin = await storeAs(companyAdmin)
      await acmeAdmin.request("POST", "/store/b2b/approval-rules", {
        condition: "over_spending_limit",
        approver: "company_admin",
      })
      await acmeAdmin.request("POST", "/store/b2b/approval-rules", {
        condition: "order_total_above",
        currency_code: "USD",
        amount_minor: 50_000,
        approver: "approver",
        second_level_above_minor: 100_000,
        second_level_approver: "company_admin",
      })
      const credit = await admin.post(`/admin/companies/${g.company_id}/approval-rules`, {
        condition: "over_credit_limit",
      })
      expect(credit.status).toBe(201)
      expect(credit.body.approval_rule).toMatchObject({ approver: "merchant", created_by: "merchant" })
    })

    afterAll(async () => {
      await Promise.allSettled([stripe?.close(), erp?.close(), receiver?.close()])
    })

    it("a buyer over their limit gets an approval request; the cart is locked; the admin's approval places the order once, invoiced, synced and announced", async () => {
      const buyer = await storeAs(fixture.buyer)
      const { cart_id, completed } = await askFor(buyer, 8) // 248.00 + shipping: over the 200.00 limit
      expect(completed.type).toBe("cart")
      expect(completed.error).toMatchObject({ type: "approval_required" })
      const request = completed.approval_request
      expect(request).toMatchObject({
        status: "pending",
        cart_id,
        waiting_for: "company_admin",
        levels: [{ approver: "company_admin", reasons: [expect.stringContaining("spending limit")] }],
      })

      // Locked: no change and no second checkout while it waits.
      for (const attempt of [
        () => buyer.addItem(cart_id, fixture.variants[0].id, 1),
        () => buyer.request("POST", `/store/carts/${cart_id}`, { metadata: { po_number: "PO-OTHER" } }),
        () => buyer.complete(cart_id),
        // Nor may the way it pays change: the approver approved net terms.
        async () => {
          const { payment_collection } = await buyer.request("POST", "/store/payment-collections", { cart_id })
          return payment_collection
        },
        async () => {
          const { cart } = await buyer.request("GET", `/store/carts/${cart_id}?fields=payment_collection.id`)
          return buyer.request("POST", `/store/payment-collections/${cart.payment_collection.id}/payment-sessions`, {
            provider_id: "pp_system_default",
          })
        },
      ]) {
        const refused = await failure(attempt())
        expect(refused.status).toBe(409)
        expect(refused.body).toMatchObject({
          code: "cart_pending_approval",
          message: expect.stringContaining(request.id),
        })
      }
      // The buyer sees their request; the approver role cannot decide a company-admin level; nor can the buyer.
      const own = await buyer.request("GET", "/store/b2b/approval-requests")
      expect(own.approval_requests.map((r: { id: string }) => r.id)).toContain(request.id)
      expect(
        (await failure(buyer.request("POST", `/store/b2b/approval-requests/${request.id}/approve`, {}))).status
      ).toBe(403)
      const byApprover = await failure(
        (await storeAs(approver)).request("POST", `/store/b2b/approval-requests/${request.id}/approve`, {})
      )
      expect(byApprover.status).toBe(403)
      expect(byApprover.body.message).toContain("admins")

      // The admin finds it waiting, sees the priced cart with its explanations, and approves.
      const acmeAdmin = await storeAs(companyAdmin)
      const waiting = await acmeAdmin.request("GET", "/store/b2b/approval-requests?waiting_for_me=true")
      expect(waiting.approval_requests.map((r: { id: string }) => r.id)).toContain(request.id)
      const detail = await acmeAdmin.request("GET", `/store/b2b/approval-requests/${request.id}`)
      expect(detail).toMatchObject({ can_decide: true, cart: { id: cart_id, po_number: "PO-APPROVE" } })
      expect(detail.cart.items).toEqual([
        expect.objectContaining({ variant_id: WRAP().id, quantity: 8, unit_price: 31 }),
      ])
      const approved = await acmeAdmin.request("POST", `/store/b2b/approval-requests/${request.id}/approve`, {
        comment: "Needed for the Q3 refit",
      })
      expect(approved.approval_request).toMatchObject({
        status: "approved",
        order_id: expect.stringMatching(/^order_/),
        decisions: [expect.objectContaining({ decision: "approved", comment: "Needed for the Q3 refit" })],
      })
      const orderId = approved.approval_request.order_id

      // Exactly one order, placed for the buyer; one Net 30 invoice; one ERP document; the partner is told.
      expect(await ordersOfCart(cart_id)).toEqual([orderId])
      const invoicesOf = () => stripe.invoices().filter((i) => i.metadata.medusa_order_id === orderId)
      await waitFor(() => invoicesOf().some((i) => i.status === "open"), 20_000, "the Stripe invoice")
      expect(invoicesOf()).toHaveLength(1)
      await waitFor(() => erp.salesOrder(orderId), 20_000, "the order in the ERP")
      expect(erp.createCount(orderId)).toBe(1)
      await waitFor(() => partnerEvents("approval.approved", request.id).length > 0, 20_000, "approval.approved")
      const [delivery] = partnerEvents("approval.approved", request.id)
      const verified = new Webhook(endpointSecret).verify(delivery.d.body, webhookHeaders(delivery.d.headers)) as any
      expect(verified.data.approval_request).toMatchObject({ id: request.id, status: "approved", order_id: orderId })
      expect(partnerEvents("approval.requested", request.id)).toHaveLength(1)

      // Completing the cart again returns the same order.
      const again = await buyer.complete(cart_id)
      expect(again).toMatchObject({ type: "order", order: { id: orderId } })
      expect(await ordersOfCart(cart_id)).toEqual([orderId])
    })

    it("a rejection unlocks the cart; the changed cart asks again", async () => {
      const buyer = await storeAs(fixture.buyer)
      const { cart_id, completed } = await askFor(buyer, 8)
      const id = completed.approval_request.id
      const rejected = await (
        await storeAs(companyAdmin)
      ).request("POST", `/store/b2b/approval-requests/${id}/reject`, { comment: "Use the framework agreement" })
      expect(rejected.approval_request).toMatchObject({ status: "rejected", waiting_for: null, order_id: null })
      await waitFor(() => partnerEvents("approval.rejected", id).length > 0, 20_000, "approval.rejected")

      const cart = await buyer.addItem(cart_id, fixture.variants[0].id, 1) // unlocked
      expect(cart.items).toHaveLength(2)
      const next = await buyer.complete(cart_id)
      expect(next.approval_request).toMatchObject({ status: "pending" })
      expect(next.approval_request.id).not.toBe(id)
      const approveRejected = await failure(
        (await storeAs(companyAdmin)).request("POST", `/store/b2b/approval-requests/${id}/approve`, {})
      )
      expect(approveRejected.status).toBe(409)
      expect(approveRejected.body.message).toContain("already rejected")
    })

    it("an order above the second threshold needs both levels, in order", async () => {
      const buyer = await storeAs(fixture.buyer)
      const { cart_id, completed } = await askFor(buyer, 40) // 1,240.00
      const request = completed.approval_request
      expect(request.levels.map((l: { approver: string }) => l.approver)).toEqual(["approver", "company_admin"])

      const first = await (
        await storeAs(approver)
      ).request("POST", `/store/b2b/approval-requests/${request.id}/approve`, {})
      expect(first.approval_request).toMatchObject({
        status: "pending",
        current_level: 1,
        waiting_for: "company_admin",
      })
      expect(await ordersOfCart(cart_id)).toEqual([])
      expect((await failure(buyer.addItem(cart_id, fixture.variants[0].id, 1))).status).toBe(409)
      // The approver's turn is over.
      const twice = await failure(
        (await storeAs(approver)).request("POST", `/store/b2b/approval-requests/${request.id}/approve`, {})
      )
      expect(twice.status).toBe(403)
      await waitFor(() => partnerEvents("approval.requested", request.id).length === 2, 20_000, "level 2 requested")

      const second = await (
        await storeAs(companyAdmin)
      ).request("POST", `/store/b2b/approval-requests/${request.id}/approve`, {})
      expect(second.approval_request).toMatchObject({ status: "approved", current_level: 2 })
      expect(second.approval_request.decisions.map((d: { approver: string }) => d.approver)).toEqual([
        "approver",
        "company_admin",
      ])
      expect(await ordersOfCart(cart_id)).toEqual([second.approval_request.order_id])
    })

    it("an order over the contract's credit waits for the merchant, who can lend beyond the limit", async () => {
      const buyer = await storeAs(globex.buyer)
      const { cart_id, completed } = await askFor(buyer, 5) // 155.00 against 100.00 of credit
      const request = completed.approval_request
      expect(request).toMatchObject({ waiting_for: "merchant", levels: [{ approver: "merchant" }] })

      const byCompanyAdmin = await failure(
        (await storeAs(globex.admin)).request("POST", `/store/b2b/approval-requests/${request.id}/approve`, {})
      )
      expect(byCompanyAdmin.status).toBe(403)
      const waiting = await admin.get("/admin/approval-requests?waiting_for_me=true")
      expect(waiting.body.approval_requests.map((r: { id: string }) => r.id)).toContain(request.id)

      const approved = await admin.post(`/admin/approval-requests/${request.id}/approve`, { comment: "One-off" })
      expect(approved.status).toBe(200)
      expect(approved.body.approval_request).toMatchObject({ status: "approved", credit_override: true })
      expect(await ordersOfCart(cart_id)).toEqual([approved.body.approval_request.order_id])

      // Without the merchant, the next over-credit order asks again rather than passing.
      const next = await askFor(buyer, 1)
      expect(next.completed.approval_request).toMatchObject({ waiting_for: "merchant" })
    })

    it("a request nobody decides expires: the cart unlocks and approving it is a 409", async () => {
      // Staff set how long the company's requests wait.
      expect((await admin.post(`/admin/companies/${fixture.company_id}`, { approval_ttl_hours: 2 })).status).toBe(200)
      expect(
        (await admin.post(`/admin/companies/${fixture.company_id}`, { approval_ttl_hours: 0 })).body.message
      ).toContain("approval_ttl_hours:")
      const buyer = await storeAs(fixture.buyer)
      const asked = Date.now()
      const { cart_id, completed } = await askFor(buyer, 8)
      const id = completed.approval_request.id
      const waits = Date.parse(completed.approval_request.expires_at) - asked
      expect(waits).toBeGreaterThan(2 * 3_600_000 - 60_000)
      expect(waits).toBeLessThan(2 * 3_600_000 + 60_000)
      const later = new Date(Date.parse(completed.approval_request.expires_at) + 1000)
      const { result } = await expireApprovalRequestsWorkflow(getContainer()).run({ input: { now: later } })
      expect(result.map((r) => r.id)).toContain(id)
      await waitFor(() => partnerEvents("approval.expired", id).length > 0, 20_000, "approval.expired")

      const late = await failure(
        (await storeAs(companyAdmin)).request("POST", `/store/b2b/approval-requests/${id}/approve`, {})
      )
      expect(late.status).toBe(409)
      expect(late.body.message).toContain("already expired")
      expect((await buyer.addItem(cart_id, fixture.variants[0].id, 1)).items).toHaveLength(2)
      expect(await ordersOfCart(cart_id)).toEqual([])
    })

    it("racing decisions: two approvals place one order; approve against reject, exactly one wins", async () => {
      const buyer = await storeAs(fixture.buyer)
      const [a, b] = [await storeAs(companyAdmin), await storeAs(secondAdmin)]

      const one = await askFor(buyer, 8)
      const approveTwice = await Promise.all(
        [a, b].map((c) =>
          failure(c.request("POST", `/store/b2b/approval-requests/${one.completed.approval_request.id}/approve`, {}))
        )
      )
      expect(approveTwice.map((r) => r.status).sort()).toEqual([200, 409])
      expect(await ordersOfCart(one.cart_id)).toHaveLength(1)

      const two = await askFor(buyer, 8)
      const id = two.completed.approval_request.id
      const [approve, reject] = await Promise.all([
        failure(a.request("POST", `/store/b2b/approval-requests/${id}/approve`, {})),
        failure(b.request("POST", `/store/b2b/approval-requests/${id}/reject`, {})),
      ])
      expect([approve.status, reject.status].sort()).toEqual([200, 409])
      const final = (await b2b().retrieveApprovalRequest(id)).status
      expect(final).toBe(approve.status === 200 ? "approved" : "rejected")
      expect(await ordersOfCart(two.cart_id)).toHaveLength(final === "approved" ? 1 : 0)
    })

    it("refuses rules that could never apply, naming the field; only admins change rules; the merchant's stay", async () => {
      const acmeAdmin = await storeAs(companyAdmin)
      const bad = async (body: unknown) => failure(acmeAdmin.request("POST", "/store/b2b/approval-rules", body))
      expect(await bad({ condition: "order_total_above", approver: "approver" })).toMatchObject({
        status: 400,
        body: { message: expect.stringMatching(/amount_minor: is required[\s\S]*currency_code: is required/) },
      })
      expect((await bad({ condition: "role", approver: "approver" })).body.message).toContain("role: is required")
      expect((await bad({ condition: "over_credit_limit", approver: "company_admin" })).body.message).toContain(
        "approver:"
      )
      expect(
        (
          await bad({
            condition: "role",
            role: "buyer",
            approver: "company_admin",
            second_level_above_minor: 100,
            second_level_approver: "approver",
          })
        ).body.message
      ).toContain("second_level_approver: must rank above")
      expect(
        (
          await failure(
            (await storeAs(approver)).request("POST", "/store/b2b/approval-rules", {
              condition: "role",
              role: "buyer",
              approver: "approver",
            })
          )
        ).status
      ).toBe(403)

      const globexAdmin = await storeAs(globex.admin)
      const { approval_rules } = await globexAdmin.request("GET", "/store/b2b/approval-rules")
      const merchantRule = approval_rules.find((r: { created_by: string }) => r.created_by === "merchant")
      expect(
        (await failure(globexAdmin.request("DELETE", `/store/b2b/approval-rules/${merchantRule.id}`))).status
      ).toBe(403)
      // Another company's rule is not found.
      expect((await failure(acmeAdmin.request("DELETE", `/store/b2b/approval-rules/${merchantRule.id}`))).status).toBe(
        404
      )
    })
  },
})
