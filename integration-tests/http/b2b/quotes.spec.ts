import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { Webhook } from "standardwebhooks"
import pdfParse from "pdf-parse"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox } from "../../sandboxes/erp"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { HttpError, StoreClient, waitFor } from "../../helpers/store-client"
import { seedBuyer, SeededBuyer } from "../../../src/scripts/seed/seed-buyer"
import { seedCompanyWithContract } from "../../../src/scripts/seed/seed-company"
import { toMinor } from "../../../src/lib/money"
import { expireQuotesWorkflow } from "../../../src/workflows/quote/expire-quotes"
import { B2B_MODULE } from "../../../src/modules/b2b"
import type B2bModuleService from "../../../src/modules/b2b/service"
import { adminHttp, createEndpoint, HubHttp, issuePartner, webhookHeaders } from "../webhooks/helpers"
import { createNetSuiteConnection, netSuiteCertificate, netSuiteCredentials } from "../erp/helpers"

jest.setTimeout(240_000)

const STRIPE_PORT = 41_621
const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtcXVvdGVzLXNwZWM="
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-quotes`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
delete process.env.WEBHOOK_ALLOW_HTTP

/**
 * Quotes through the store (buyers) and admin (staff) HTTP APIs: a request
 * from a cart at contract prices, two staff revisions with diffs, the
 * accepted version placed as a real order (Medusa's checkout: invoice on the
 * quote's terms, ERP sync, webhooks), superseded versions, expiry,
 * withdrawal, approval rules, scoping, bad input and the printable PDF.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let receiver: PartnerReceiver
    let fixture: B2bFixture
    let admin: HubHttp
    let endpointSecret: string
    let companyAdmin: SeededBuyer
    let viewer: SeededBuyer
    let globexBuyer: SeededBuyer
    const password = "correct-horse-battery"
    const WRAP = () => fixture.variants[2] // 31.00 USD
    const KIT = () => fixture.variants[0] // 12.50 USD
    const GLOVE = () => fixture.variants[1] // 4.20 USD
    const address = {
      first_name: "Dana",
      last_name: "Buyer",
      company: "Acme Industrial",
      address_1: "500 Market St",
      city: "San Francisco",
      postal_code: "94105",
      country_code: "us",
    }
    const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString()

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
    const partnerEvents = (type: string, id: string) =>
      receiver
        .deliveries("/quotes")
        .map((d) => ({ d, body: JSON.parse(d.body) }))
        .filter(({ body }) => body.type === type && body.resource.id === id)
    /** A quote asked from a cart with a shipping method, as a storefront would. */
    const requestFromCart = async (buyer: StoreClient, items: { variant_id: string; quantity: number }[]) => {
      const cart = await buyer.createCart({ region_id: fixture.region_id, items })
      await buyer.request("POST", `/store/carts/${cart.id}`, {
        shipping_address: address,
        metadata: { po_number: "PO-Q-1" },
      })
      await buyer.request("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: fixture.shipping_option_id })
      const { quote } = await buyer.request("POST", "/store/b2b/quotes", {
        cart_id: cart.id,
        message: "We need a volume price for the Q3 refit.",
      })
      return quote
    }
    const revise = async (id: string, body: Record<string, unknown>) => {
      const revised = await admin.post(`/admin/quotes/${id}/versions`, body)
      expect(revised.status).toBe(201)
      return revised.body.quote
    }
    const send = async (id: string, version?: number) => {
      const sent = await admin.post(`/admin/quotes/${id}/send`, version ? { version } : {})
      expect(sent.status).toBe(200)
      return sent.body.quote
    }
    const pdfText = async (client: StoreClient, path: string) => {
      const res = await fetch(`${api.defaults.baseURL}${path}`, {
        headers: { "x-publishable-api-key": fixture.publishable_key, authorization: `Bearer ${client.token}` },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get("content-type")).toContain("application/pdf")
      // pdf-parse v1 misreads small pooled Buffers: hand it a plain copy.
      const bytes = new Uint8Array(await res.arrayBuffer())
      return (await pdfParse(bytes as unknown as Buffer)).text
    }

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
          url: `${receiver.url}/quotes`,
          event_types: ["quote.requested", "quote.sent", "quote.accepted", "quote.rejected", "quote.expired"],
        })
      ).secret
      companyAdmin = await seedBuyer(container, {
        email: "admin@acme.example",
        password,
        company_id: fixture.company_id,
        role: "admin",
      })
      viewer = await seedBuyer(container, {
        email: "viewer@acme.example",
        password,
        company_id: fixture.company_id,
        role: "viewer",
      })
      const globex = await seedCompanyWithContract(container, {
        name: "Globex",
        currency_code: "usd",
        payment_terms: "net_30",
        credit_limit_minor: 10_000_000,
      })
      globexBuyer = await seedBuyer(container, {
        email: "buyer@globex.example",
        password,
        company_id: globex.company_id,
      })
      // Acme's rule: an order over the buyer's spending limit needs a company admin's approval.
      await (
        await storeAs(companyAdmin)
      ).request("POST", "/store/b2b/approval-rules", {
        condition: "over_spending_limit",
        approver: "company_admin",
      })
    })

    afterAll(async () => {
      await Promise.allSettled([stripe?.close(), erp?.close(), receiver?.close()])
    })

    it("request from a cart → two revisions → the buyer sees three versions and two diffs → accepting version 3 places one order at the quoted prices, invoiced, synced and announced", async () => {
      const buyer = await storeAs(fixture.buyer)
      const requested = await requestFromCart(buyer, [
        { variant_id: WRAP().id, quantity: 10 },
        { variant_id: KIT().id, quantity: 20 },
      ])
      expect(requested).toMatchObject({
        status: "requested",
        latest_version: 1,
        sent_version: null,
        po_number: "PO-Q-1",
      })
      expect(requested.versions).toHaveLength(1)
      expect(requested.versions[0]).toMatchObject({
        number: 1,
        subtotal_minor: String(10 * 3100 + 20 * 1250),
        payment_terms: "net_30",
        shipping: { shipping_option_id: fixture.shipping_option_id },
        diff: null,
      })
      expect(requested.messages).toEqual([
        expect.objectContaining({ author_type: "employee", body: "We need a volume price for the Q3 refit." }),
      ])
      const id = requested.id

      // Revision 1: a price cut on the wrap, more kits. Not visible to the buyer until sent.
      await revise(id, {
        lines: [
          { variant_id: WRAP().id, quantity: 10, unit_price_minor: 2800 },
          { variant_id: KIT().id, quantity: 40 },
        ],
        expires_at: inAWeek(),
        comment: "Volume price on the wrap",
      })
      expect((await buyer.request("GET", `/store/b2b/quotes/${id}`)).quote.versions).toHaveLength(1)
      expect((await send(id)).status).toBe("quoted")

      // Revision 2: gloves added, a discount, free shipping, shorter terms.
      await revise(id, {
        lines: [
          { variant_id: WRAP().id, quantity: 10 },
          { variant_id: KIT().id, quantity: 40 },
          { variant_id: GLOVE().id, quantity: 100, unit_price_minor: 380 },
        ],
        discount_minor: 1500,
        shipping: { shipping_option_id: fixture.shipping_option_id, amount_minor: 0 },
        payment_terms: "net_15",
        comment: "Gloves at cost, shipping on us",
      })
      // A second member of staff still looking at version 2 cannot land a revision on top of 3.
      const staleRevision = await admin.post(`/admin/quotes/${id}/versions`, {
        discount_minor: 500,
        based_on_version: 2,
      })
      expect(staleRevision.status).toBe(409)
      expect(staleRevision.body).toMatchObject({
        code: "quote_version_superseded",
        message: expect.stringContaining("its latest is version 3"),
      })
      await send(id, 3)

      const { quote } = await buyer.request("GET", `/store/b2b/quotes/${id}`)
      expect(quote.versions.map((v: { number: number }) => v.number)).toEqual([1, 2, 3])
      const [, v2, v3] = quote.versions
      expect(v2.diff).toEqual({
        from_version: 1,
        lines: [
          expect.objectContaining({
            change: "changed",
            variant_id: WRAP().id,
            unit_price_minor: { from: "3100", to: "2800" },
          }),
          expect.objectContaining({ change: "changed", variant_id: KIT().id, quantity: { from: 20, to: 40 } }),
        ],
        terms: [expect.objectContaining({ field: "expires_at", from: null })],
      })
      expect(v3.diff.lines).toEqual([
        expect.objectContaining({ change: "added", variant_id: GLOVE().id, quantity: 100 }),
      ])
      expect(v3.diff.terms.map((t: { field: string }) => t.field).sort()).toEqual([
        "discount_minor",
        "payment_terms",
        "shipping",
      ])
      const expectedSubtotal = 10 * 2800 + 40 * 1250 + 100 * 380
      expect(v3).toMatchObject({
        subtotal_minor: String(expectedSubtotal),
        discount_minor: "1500",
        shipping_minor: "0",
        total_minor: String(expectedSubtotal - 1500),
        author_type: "user",
      })

      // Version 2 was superseded: 409 naming the latest.
      const stale = await failure(buyer.request("POST", `/store/b2b/quotes/${id}/accept`, { version: 2 }))
      expect(stale.status).toBe(409)
      expect(stale.body).toMatchObject({
        code: "quote_version_superseded",
        message: expect.stringContaining("version 3"),
      })

      // The printable version 3.
      const text = await pdfText(buyer, `/store/b2b/quotes/${id}/versions/3/pdf`)
      expect(text).toContain(id)
      expect(text).toContain("Version 3")
      for (const sku of ["WRAP-500", "FAST-KIT-100", "GLOVE-L"]) expect(text).toContain(sku)
      expect(text).toContain("1,145.00 USD") // 280.00 + 500.00 + 380.00 − 15.00
      expect(text).toContain("Net 15")

      const accepted = await buyer.request("POST", `/store/b2b/quotes/${id}/accept`, { version: 3 })
      expect(accepted.quote).toMatchObject({
        status: "accepted",
        accepted_version: 3,
        order_id: expect.stringMatching(/^order_/),
      })
      const orderId = accepted.quote.order_id

      // The order carries exactly the quoted prices, discount and shipping, and names the quote.
      const { body } = await admin.get(
        `/admin/orders/${orderId}?fields=id,total,currency_code,discount_subtotal,shipping_total,item_subtotal,metadata,items.variant_id,items.unit_price,items.quantity`
      )
      const order = body.order
      const unit = (variant: string) =>
        order.items.find((i: { variant_id: string }) => i.variant_id === variant).unit_price
      expect([unit(WRAP().id), unit(KIT().id), unit(GLOVE().id)]).toEqual([28, 12.5, 3.8])
      expect(toMinor(String(order.item_subtotal), "usd")).toBe(BigInt(expectedSubtotal))
      // discount_subtotal: before tax (Medusa's discount_total includes the tax the discount takes off).
      expect(toMinor(String(order.discount_subtotal), "usd")).toBe(1500n)
      expect(toMinor(String(order.shipping_total), "usd")).toBe(0n)
      expect(order.metadata).toMatchObject({
        quote_id: id,
        quote_version: 3,
        payment_terms: "net_15",
        po_number: "PO-Q-1",
      })

      // One invoice on the quote's terms whose total is the order's; one ERP document; the partner is told.
      const invoicesOf = () => stripe.invoices().filter((i) => i.metadata.medusa_order_id === orderId)
      await waitFor(() => invoicesOf().some((i) => i.status === "open"), 30_000, "the Stripe invoice")
      expect(invoicesOf()).toHaveLength(1)
      const [invoice] = invoicesOf()
      // Medusa keeps unrounded totals; the invoice bills the order's total in cents.
      expect(BigInt(invoice.total)).toBe(toMinor(String(order.total), "usd", { round: true }))
      const hubInvoices = (await admin.get(`/admin/invoices?order_id=${orderId}`)).body.invoices
      expect(hubInvoices).toEqual([expect.objectContaining({ payment_terms: "net_15", stripe_invoice_id: invoice.id })])
      expect(invoice.custom_fields).toEqual(expect.arrayContaining([{ name: "Quote", value: `${id} v3` }]))
      await waitFor(() => erp.salesOrder(orderId), 30_000, "the order in the ERP")
      expect(erp.createCount(orderId)).toBe(1)
      await waitFor(() => partnerEvents("quote.accepted", id).length > 0, 30_000, "quote.accepted")
      const [delivery] = partnerEvents("quote.accepted", id)
      const verified = new Webhook(endpointSecret).verify(delivery.d.body, webhookHeaders(delivery.d.headers)) as any
      expect(verified.data).toMatchObject({
        quote: { id, status: "accepted", order_id: orderId },
        version: { number: 3 },
      })
      expect(partnerEvents("quote.requested", id)).toHaveLength(1)
      expect(partnerEvents("quote.sent", id)).toHaveLength(2)

      // Accepting again is refused; no second order.
      const again = await failure(buyer.request("POST", `/store/b2b/quotes/${id}/accept`, { version: 3 }))
      expect(again).toMatchObject({ status: 409, body: { code: "quote_already_accepted" } })
    })

    it("a quote above the buyer's limit goes through the company's approval before it becomes an order", async () => {
      const container = getContainer()
      const limited = await seedBuyer(container, {
        email: "limited@acme.example",
        password,
        company_id: fixture.company_id,
        role: "buyer",
        spending_limit_minor: 20_000,
      })
      const acmeAdmin = await storeAs(companyAdmin)

      const buyer = await storeAs(limited)
      const { quote } = await buyer.request("POST", "/store/b2b/quotes", {
        items: [{ sku: "WRAP-500", quantity: 10 }],
        region_id: fixture.region_id,
      })
      await revise(quote.id, {
        lines: [{ variant_id: WRAP().id, quantity: 10, unit_price_minor: 2900 }],
        shipping: { shipping_option_id: fixture.shipping_option_id, amount_minor: 1000 },
      })
      await send(quote.id)
      const accepted = await buyer.request("POST", `/store/b2b/quotes/${quote.id}/accept`, {
        version: 2,
        shipping_address: address,
      })
      expect(accepted.quote).toMatchObject({ status: "pending_approval", order_id: null })
      const requestId = accepted.quote.approval_request_id
      expect(requestId).toMatch(/^apreq_/)

      const approved = await acmeAdmin.request("POST", `/store/b2b/approval-requests/${requestId}/approve`, {})
      const orderId = approved.approval_request.order_id
      expect(orderId).toMatch(/^order_/)
      const after = await buyer.request("GET", `/store/b2b/quotes/${quote.id}`)
      expect(after.quote).toMatchObject({ status: "accepted", order_id: orderId })
      const { body } = await admin.get(`/admin/orders/${orderId}?fields=items.*,metadata`)
      expect(body.order.items).toEqual([expect.objectContaining({ unit_price: 29, quantity: 10 })])
      expect(body.order.metadata).toMatchObject({ quote_id: quote.id, quote_version: 2 })
    })

    it("an approval rejected sends the quote back on offer; the buyer can reject it", async () => {
      const limited = await seedBuyer(getContainer(), {
        email: "limited2@acme.example",
        password,
        company_id: fixture.company_id,
        role: "buyer",
        spending_limit_minor: 10_000,
      })
      const buyer = await storeAs(limited)
      const { quote } = await buyer.request("POST", "/store/b2b/quotes", {
        items: [{ variant_id: KIT().id, quantity: 10 }],
        region_id: fixture.region_id,
      })
      await revise(quote.id, {
        expires_at: inAWeek(),
        shipping: { shipping_option_id: fixture.shipping_option_id, amount_minor: 1000 },
      })
      await send(quote.id)
      const held = await buyer.request("POST", `/store/b2b/quotes/${quote.id}/accept`, {
        version: 2,
        shipping_address: address,
      })
      expect(held.quote.status).toBe("pending_approval")
      const acmeAdmin = await storeAs(companyAdmin)
      await acmeAdmin.request("POST", `/store/b2b/approval-requests/${held.quote.approval_request_id}/reject`, {
        comment: "Not this quarter",
      })
      const reopened = await buyer.request("GET", `/store/b2b/quotes/${quote.id}`)
      expect(reopened.quote).toMatchObject({ status: "quoted", approval_request_id: null, order_id: null })

      const rejected = await buyer.request("POST", `/store/b2b/quotes/${quote.id}/reject`, { message: "Budget cut" })
      expect(rejected.quote.status).toBe("rejected")
      await waitFor(() => partnerEvents("quote.rejected", quote.id).length > 0, 30_000, "quote.rejected")
    })

    it("an acceptance the checkout refuses leaves nothing behind: the quote stays on offer, no cart, no promotion", async () => {
      // Globex has no approval rule: over the buyer's limit is a plain refusal.
      const b2b = getContainer().resolve<B2bModuleService>(B2B_MODULE)
      await b2b.updateEmployees({ id: globexBuyer.employee_id, spending_limit_minor: 5_000 })
      const buyer = await storeAs(globexBuyer)
      const { quote } = await buyer.request("POST", "/store/b2b/quotes", {
        items: [{ variant_id: WRAP().id, quantity: 4 }],
        region_id: fixture.region_id,
      })
      await revise(quote.id, {
        discount_minor: 400,
        shipping: { shipping_option_id: fixture.shipping_option_id, amount_minor: 0 },
      })
      await send(quote.id)
      const promotions = getContainer().resolve(Modules.PROMOTION)
      const quotePromotions = async () =>
        (await promotions.listPromotions({}, { select: ["code"], take: 1000 })).filter((p) =>
          p.code?.startsWith(`QUOTE-${quote.id.slice(-6).toUpperCase()}`)
        )

      const refused = await failure(
        buyer.request("POST", `/store/b2b/quotes/${quote.id}/accept`, { version: 2, shipping_address: address })
      )
      expect(refused).toMatchObject({ status: 400, body: { code: "spending_limit_exceeded" } })
      const { quote: after } = await buyer.request("GET", `/store/b2b/quotes/${quote.id}`)
      expect(after).toMatchObject({ status: "quoted", accepted_version: null, order_id: null })
      expect(await quotePromotions()).toEqual([])
      const carts = getContainer().resolve(Modules.CART)
      expect(
        (await carts.listCarts({ customer_id: globexBuyer.customer_id })).filter((c) => c.metadata?.quote_id)
      ).toEqual([])

      // Within the limit, the same version is accepted once.
      await b2b.updateEmployees({ id: globexBuyer.employee_id, spending_limit_minor: null })
      const accepted = await buyer.request("POST", `/store/b2b/quotes/${quote.id}/accept`, {
        version: 2,
        shipping_address: address,
      })
      expect(accepted.quote).toMatchObject({ status: "accepted", order_id: expect.stringMatching(/^order_/) })
      expect(await quotePromotions()).toHaveLength(1)
    })

    it("a sent version expires: accepting it is refused and the job marks it expired with quote.expired", async () => {
      const buyer = await storeAs(fixture.buyer)
      const { quote } = await buyer.request("POST", "/store/b2b/quotes", {
        items: [{ sku: "GLOVE-L", quantity: 50 }],
        region_id: fixture.region_id,
      })
      await revise(quote.id, {
        expires_at: new Date(Date.now() + 1500).toISOString(),
        shipping: { shipping_option_id: fixture.shipping_option_id, amount_minor: 1000 },
      })
      await send(quote.id)
      await new Promise((resolve) => setTimeout(resolve, 1700))
      const late = await failure(
        buyer.request("POST", `/store/b2b/quotes/${quote.id}/accept`, { version: 2, shipping_address: address })
      )
      expect(late).toMatchObject({ status: 409, body: { code: "quote_expired" } })

      await expireQuotesWorkflow(getContainer()).run({ input: { now: new Date() } })
      const { quote: expired } = await buyer.request("GET", `/store/b2b/quotes/${quote.id}`)
      expect(expired.status).toBe("expired")
      await waitFor(() => partnerEvents("quote.expired", quote.id).length > 0, 30_000, "quote.expired")
    })

    it("staff withdraw a quote; the buyer can ask for a revision and message; scoping, roles and bad input", async () => {
      const buyer = await storeAs(fixture.buyer)
      const { quote } = await buyer.request("POST", "/store/b2b/quotes", {
        items: [{ variant_id: KIT().id, quantity: 5 }],
        region_id: fixture.region_id,
      })
      // Sending needs the delivery cost: a quote from SKUs has none until staff set it.
      const unshipped = await admin.post(`/admin/quotes/${quote.id}/send`, {})
      expect(unshipped).toMatchObject({ status: 400, body: { message: expect.stringContaining("shipping") } })
      await revise(quote.id, {
        lines: [{ variant_id: KIT().id, quantity: 5, unit_price_minor: 1200 }],
        shipping: { shipping_option_id: fixture.shipping_option_id, amount_minor: 1000 },
      })
      await send(quote.id)
      const asked = await buyer.request("POST", `/store/b2b/quotes/${quote.id}/request-revision`, {
        message: "Can you do 11.50?",
      })
      expect(asked.quote.status).toBe("revision_requested")
      const posted = await admin.post(`/admin/quotes/${quote.id}/messages`, { body: "Let me check with purchasing." })
      expect(posted.status).toBe(201)

      // Viewers read; they cannot accept. Another company sees nothing.
      const asViewer = await storeAs(viewer)
      expect((await asViewer.request("GET", `/store/b2b/quotes/${quote.id}`)).quote.messages).toHaveLength(2)
      expect(
        (await failure(asViewer.request("POST", `/store/b2b/quotes/${quote.id}/accept`, { version: 2 }))).status
      ).toBe(403)
      const outsider = await storeAs(globexBuyer)
      for (const attempt of [
        () => outsider.request("GET", `/store/b2b/quotes/${quote.id}`),
        () => outsider.request("POST", `/store/b2b/quotes/${quote.id}/accept`, { version: 2 }),
        () => outsider.request("POST", `/store/b2b/quotes/${quote.id}/messages`, { body: "hi" }),
      ])
        expect((await failure(attempt())).status).toBe(404)
      expect((await outsider.request("GET", "/store/b2b/quotes")).quotes).toEqual([])

      // Bad input: 400 naming the field, nothing written.
      const noSource = await failure(buyer.request("POST", "/store/b2b/quotes", { message: "hi" }))
      expect(noSource).toMatchObject({ status: 400, body: { message: expect.stringContaining("cart_id") } })
      const unknownSku = await failure(
        buyer.request("POST", "/store/b2b/quotes", {
          items: [{ sku: "NOPE", quantity: 1 }],
          region_id: fixture.region_id,
        })
      )
      expect(unknownSku).toMatchObject({ status: 400, body: { message: expect.stringContaining("items[0].sku") } })
      const tooMuch = await admin.post(`/admin/quotes/${quote.id}/versions`, { discount_minor: 999_999 })
      expect(tooMuch).toMatchObject({ status: 400, body: { message: expect.stringContaining("discount_minor") } })
      const longTerms = await admin.post(`/admin/quotes/${quote.id}/versions`, { payment_terms: "net_60" })
      expect(longTerms).toMatchObject({ status: 400, body: { message: expect.stringContaining("payment_terms") } })
      const float = await admin.post(`/admin/quotes/${quote.id}/versions`, {
        lines: [{ variant_id: KIT().id, quantity: 5, unit_price_minor: 11.5 }],
      })
      expect(float).toMatchObject({ status: 400, body: { message: expect.stringContaining("unit_price_minor") } })
      expect((await admin.get(`/admin/quotes/${quote.id}`)).body.quote.latest_version).toBe(2)

      const withdrawn = await admin.post(`/admin/quotes/${quote.id}/withdraw`, {
        message: "Superseded by a contract price",
      })
      expect(withdrawn).toMatchObject({ status: 200, body: { quote: { status: "withdrawn" } } })
      const late = await failure(buyer.request("POST", `/store/b2b/quotes/${quote.id}/accept`, { version: 2 }))
      expect(late).toMatchObject({ status: 409, body: { code: "quote_not_open" } })
      const listed = await admin.get(`/admin/quotes?status=withdrawn&company_id=${fixture.company_id}`)
      expect(listed.body.quotes.map((q: { id: string }) => q.id)).toContain(quote.id)
    })
  },
})
