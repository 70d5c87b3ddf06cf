import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Stripe from "stripe"
import type { StripeSandbox } from "../../sandboxes/stripe"
import { startSandboxInRange } from "../invoicing/helpers"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { StoreClient, waitFor, HttpError } from "../../helpers/store-client"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { INVOICING_MODULE } from "../../../src/modules/invoicing"
import { createAdminToken } from "../../helpers/admin"
import { toMinor } from "../../../src/lib/money"

jest.setTimeout(120_000)

const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtbmV0LXRlcm1zLWNoZWNrb3V0"
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-checkout`

let stripe: StripeSandbox
// Before the runner's own beforeAll: the app boots pointing at this sandbox
// (the first free port: these sit in Linux's ephemeral range).
beforeAll(async () => {
  stripe = await startSandboxInRange(41_101, 41_109, { webhookSecret: WEBHOOK_SECRET })
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fixture: B2bFixture
    let store: StoreClient

    beforeAll(async () => {
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      fixture = await seedB2bFixture(getContainer(), {
        credit_limit_minor: 200_000, // 2,000.00 USD
        rules: (v) => [
          { type: "fixed_price", variant_id: v[0].id, unit_price_minor: 1000 },
          {
            type: "tiered_price",
            variant_id: v[1].id,
            tier_mode: "volume",
            tiers: [
              { min_quantity: 1, unit_price_minor: 400 },
              { min_quantity: 100, unit_price_minor: 350 },
            ],
          },
        ],
      })
    })

    afterAll(async () => {
      await stripe?.close()
    })

    beforeEach(async () => {
      store = new StoreClient(api.defaults.baseURL!, fixture.publishable_key)
      await store.login(fixture.buyer.email, fixture.buyer.password)
    })

    it("prices the cart by contract and re-evaluates tiers on a quantity change", async () => {
      const [kit, gloves, wrap] = fixture.variants
      let cart = await store.createCart({ region_id: fixture.region_id, items: [{ variant_id: kit.id, quantity: 2 }] })
      expect(cart.items[0].unit_price).toBe(10) // contract fixed price, list is 12.50
      expect(cart.items[0].metadata.contract_rule_id).toMatch(/^cpr_/)
      expect(cart.items[0].metadata.price_explanation).toEqual(expect.any(String))

      cart = await store.addItem(cart.id, gloves.id, 10)
      const glovesLine = () => cart.items.find((i: any) => i.variant_id === gloves.id)
      expect(glovesLine().unit_price).toBe(4)
      cart = await store.updateItemQuantity(cart.id, glovesLine().id, 100)
      expect(glovesLine().unit_price).toBe(3.5)

      cart = await store.addItem(cart.id, wrap.id, 1)
      const wrapLine = cart.items.find((i: any) => i.variant_id === wrap.id)
      expect(wrapLine.unit_price).toBe(31) // no rule: Medusa's price
      expect(wrapLine.metadata?.contract_rule_id).toBeUndefined()
      expect(cart.metadata).toMatchObject({
        company_id: fixture.company_id,
        contract_id: fixture.contract_id,
        payment_terms: "net_30",
      })
    })

    it("issues one Net 30 Stripe invoice whose lines and total equal the order, then mirrors invoice.paid", async () => {
      const [kit, gloves] = fixture.variants
      const cart = await store.createCart({
        region_id: fixture.region_id,
        items: [
          { variant_id: kit.id, quantity: 3 },
          { variant_id: gloves.id, quantity: 100 },
        ],
      })
      const order = await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-7781" })

      const invoice = await waitFor(
        () => stripe.invoices().find((i) => i.metadata.medusa_order_id === order.id && i.status === "open"),
        20_000,
        "the Stripe invoice"
      )
      expect(invoice.collection_method).toBe("send_invoice")
      expect(invoice.due_date! - invoice.created).toBe(30 * 86_400) // Stripe counts days_until_due from creation
      expect(invoice.custom_fields).toEqual(
        expect.arrayContaining([
          { name: "PO number", value: "PO-7781" },
          { name: "Order", value: `#${order.display_id}` },
        ])
      )
      // Stripe total == Medusa total, to the cent.
      const orderTotalMinor = Math.round(Number(order.total) * 100)
      expect(invoice.total).toBe(orderTotalMinor)
      const itemLines = invoice.lines.data.filter(
        (l: any) => l.metadata?.medusa_line_item_id && l.quantity > 1 && l.amount > 0
      )
      expect(itemLines.map((l: any) => l.amount).sort((a: number, b: number) => a - b)).toEqual([3000, 35000])
      expect(stripe.customers()).toHaveLength(1)
      expect(stripe.invoices().filter((i) => i.metadata.medusa_order_id === order.id)).toHaveLength(1)

      stripe.payInvoice(invoice.id)
      const invoicing = getContainer().resolve(INVOICING_MODULE) as any
      const paid = await waitFor(
        async () => {
          const [row] = await invoicing.listInvoices({ order_id: order.id })
          return row?.status === "paid" ? row : undefined
        },
        20_000,
        "our invoice to be paid"
      )
      expect(String(paid.amount_due_minor)).toBe("0")

      const captured = await waitFor(
        async () => {
          const { data } = await api.get(`/admin/orders/${order.id}?fields=payment_status`, {
            headers: await adminHeaders(getContainer()),
          })
          return data.order.payment_status === "captured" ? data.order : undefined
        },
        20_000,
        "the Medusa payment to be captured"
      )
      expect(captured.payment_status).toBe("captured")
    })

    it("refuses a net-terms checkout over the available credit, without creating an order", async () => {
      const [, , wrap] = fixture.variants
      const cart = await store.createCart({
        region_id: fixture.region_id,
        items: [{ variant_id: wrap.id, quantity: 100 }],
      }) // 3,100 USD + tax > 2,000
      const invoicesBefore = stripe.invoices().length
      const error = await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID }).catch((e) => e)
      expect(error).toBeInstanceOf(HttpError)
      expect(JSON.stringify(error.body)).toContain("credit_limit_exceeded")
      // The sandbox outlives each test's database reset: count what this test added.
      expect(stripe.invoices()).toHaveLength(invoicesBefore)
      const { data } = await api.get(`/admin/orders?fields=id`, { headers: await adminHeaders(getContainer()) })
      expect(data.orders).toHaveLength(0)
    })

    it("refuses an order without a PO number when the company requires one, with a 400 naming po_number", async () => {
      const headers = await adminHeaders(getContainer())
      const [kit] = fixture.variants
      const newCart = () =>
        store.createCart({ region_id: fixture.region_id, items: [{ variant_id: kit.id, quantity: 1 }] })
      const orderCount = async () => (await api.get(`/admin/orders?fields=id`, { headers })).data.count as number
      await api.post(`/admin/companies/${fixture.company_id}`, { po_required: true }, { headers })
      try {
        const before = await orderCount()
        const missing = await store
          .checkout((await newCart()).id, { providerId: NET_TERMS_PROVIDER_ID })
          .catch((e) => e)
        expect(missing).toBeInstanceOf(HttpError)
        expect(missing.body.message).toMatch(/^po_number: .* requires a purchase order number/)
        const tooLong = await store
          .checkout((await newCart()).id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "P".repeat(141) })
          .catch((e) => e)
        expect(tooLong.body.message).toBe("po_number: at most 140 characters, got 141")
        expect(await orderCount()).toBe(before)

        const order = await store.checkout((await newCart()).id, {
          providerId: NET_TERMS_PROVIDER_ID,
          poNumber: "PO-9001",
        })
        const { data } = await api.get(`/admin/orders/${order.id}?fields=metadata`, { headers })
        expect(data.order.metadata).toMatchObject({ po_number: "PO-9001" })
        expect(await orderCount()).toBe(before + 1)
      } finally {
        await api.post(`/admin/companies/${fixture.company_id}`, { po_required: false }, { headers })
      }
    })

    it("sums a monthly spending limit over the buyer's orders, shows what remains, and refuses the order that would pass it", async () => {
      const headers = await adminHeaders(getContainer())
      const employeeUrl = `/admin/companies/${fixture.company_id}/employees/${fixture.buyer.employee_id}`
      const [kit] = fixture.variants
      const newCart = () =>
        store.createCart({ region_id: fixture.region_id, items: [{ variant_id: kit.id, quantity: 1 }] })
      const spending = async () => (await store.request("GET", "/store/b2b/company")).employee.spending
      await api.post(employeeUrl, { spending_limit_minor: 100_000_000, spending_limit_period: "month" }, { headers })
      try {
        const now = new Date()
        const before = await spending()
        expect(before).toMatchObject({
          period: "month",
          currency_code: "usd",
          limit_minor: 100_000_000,
          since: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
        })
        const order = await store.checkout((await newCart()).id, { providerId: NET_TERMS_PROVIDER_ID })
        const { data } = await api.get(`/admin/orders/${order.id}?fields=total`, { headers })
        const orderMinor = Number(toMinor(String(data.order.total), "usd", { round: true }))
        const after = await spending()
        expect(after.spent_minor).toBe(before.spent_minor + orderMinor)
        expect(after.remaining_minor).toBe(100_000_000 - after.spent_minor)

        // One cent left this month: the next order is refused, naming what was spent and what remains.
        await api.post(employeeUrl, { spending_limit_minor: after.spent_minor + 1 }, { headers })
        const refused = await store
          .checkout((await newCart()).id, { providerId: NET_TERMS_PROVIDER_ID })
          .catch((e) => e)
        expect(refused).toBeInstanceOf(HttpError)
        expect(refused.body.message).toMatch(
          /exceeds what remains of your monthly spending limit of [\d.]+ USD: [\d.]+ USD spent since \d{4}-\d{2}-01, 0\.01 USD remaining$/
        )
        // The same amount per order lets it through: each order stands alone.
        await api.post(employeeUrl, { spending_limit_period: "order" }, { headers })
        await store.checkout((await newCart()).id, { providerId: NET_TERMS_PROVIDER_ID })
      } finally {
        await api.post(employeeUrl, { spending_limit_minor: null, spending_limit_period: "order" }, { headers })
      }
    })

    it("rejects a Stripe webhook with a bad signature (400) and changes nothing", async () => {
      const body = JSON.stringify({
        id: "evt_forged",
        type: "invoice.paid",
        data: { object: { id: "in_x", metadata: {} } },
      })
      const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: "whsec_wrong" })
      const res = await fetch(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": header },
        body,
      })
      expect(res.status).toBe(400)
      const invoicing = getContainer().resolve(INVOICING_MODULE) as any
      expect(await invoicing.listStripeEvents({ event_id: "evt_forged" })).toHaveLength(0)
    })
  },
})

async function adminHeaders(container: any) {
  return { authorization: `Bearer ${await createAdminToken(container)}` }
}
