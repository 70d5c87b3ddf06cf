import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { StripeSandbox } from "../../sandboxes/stripe"
import { adminHeaders, startSandboxInRange, waitForInvoice } from "../invoicing/helpers"
import { StoreClient, HttpError } from "../../helpers/store-client"
import { seedCommerce, type SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { seedCompanyWithContract } from "../../../src/scripts/seed/seed-company"
import { seedBuyer } from "../../../src/scripts/seed/seed-buyer"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { B2B_MODULE } from "../../../src/modules/b2b"

// Issue 10: net-terms credit is reserved at checkout under a lock per company
// and currency, counts from the moment the order exists, and spans contract
// renewals. Everything goes through the store API's real checkout.

jest.setTimeout(120_000)

const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtY3JlZGl0LWV4cG9zdXJl"
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-credit`

const LIMIT_MINOR = 1_000_000 // 10,000.00 USD
const PASSWORD = "correct-horse-battery"

let stripe: StripeSandbox
beforeAll(async () => {
  stripe = await startSandboxInRange(41_900, 41_909, { webhookSecret: WEBHOOK_SECRET })
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    let companyId: string
    let contractId: string
    let alice: StoreClient
    let bob: StoreClient
    // No tax and free shipping: a compressor order totals exactly 8,000.00.
    const compressor = () => commerce.variants.find((v) => v.sku === "COMP-8K")!

    beforeAll(async () => {
      const container = getContainer()
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      commerce = await seedCommerce(container, {
        taxRate: 0,
        shippingPrice: 0,
        products: [{ title: "Air Compressor", handle: "air-compressor", sku: "COMP-8K", price: 8000 }],
      })
      const seeded = await seedCompanyWithContract(container, {
        name: "Twin Buyers Inc",
        currency_code: "usd",
        payment_terms: "net_30",
        credit_limit_minor: LIMIT_MINOR,
      })
      companyId = seeded.company_id
      contractId = seeded.contract_id!
      await seedBuyer(container, { email: "alice@twin.example", password: PASSWORD, company_id: companyId })
      await seedBuyer(container, { email: "bob@twin.example", password: PASSWORD, company_id: companyId })
    })

    afterAll(async () => {
      await stripe?.close()
    })

    beforeEach(async () => {
      alice = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
      bob = new StoreClient(api.defaults.baseURL!, commerce.publishable_key)
      await Promise.all([alice.login("alice@twin.example", PASSWORD), bob.login("bob@twin.example", PASSWORD)])
    })

    /** A cart of one compressor (8,000.00), addressed, shipped and with a net-terms payment session: ready to complete. */
    async function readyCart(store: StoreClient): Promise<string> {
      const cart = await store.createCart({
        region_id: commerce.region_id,
        items: [{ variant_id: compressor().id, quantity: 1 }],
      })
      const address = {
        first_name: "Dana",
        last_name: "Buyer",
        address_1: "500 Market St",
        city: "San Francisco",
        postal_code: "94105",
        country_code: "us",
      }
      await store.request("POST", `/store/carts/${cart.id}`, { shipping_address: address, billing_address: address })
      await store.request("POST", `/store/carts/${cart.id}/shipping-methods`, {
        option_id: commerce.shipping_option_id,
      })
      const { payment_collection } = await store.request("POST", "/store/payment-collections", { cart_id: cart.id })
      await store.request("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
        provider_id: NET_TERMS_PROVIDER_ID,
      })
      expect((await store.getCart(cart.id)).total).toBe(8000)
      return cart.id
    }

    /** POST /store/carts/:id/complete: the order, or the refusal (HttpError). */
    async function complete(store: StoreClient, cartId: string): Promise<{ order?: any; error?: HttpError }> {
      try {
        const res = await store.request("POST", `/store/carts/${cartId}/complete`)
        return res.type === "order" ? { order: res.order } : { error: new HttpError(400, res.error, "complete") }
      } catch (error) {
        if (error instanceof HttpError) return { error }
        throw error
      }
    }

    async function credit(store: StoreClient) {
      return (await store.request("GET", "/store/b2b/contract?currency_code=usd")).contract
    }

    async function holdOf(cartId: string) {
      const [hold] = await (getContainer().resolve(B2B_MODULE) as any).listCreditHolds({ cart_id: cartId })
      return hold
    }

    async function orderCount() {
      const { data } = await api.get(`/admin/orders?fields=id`, { headers: await adminHeaders(getContainer()) })
      return data.orders.length as number
    }

    it("two buyers checking out 8,000 each against a 10,000 limit at the same time: exactly one order", async () => {
      const [cartA, cartB] = await Promise.all([readyCart(alice), readyCart(bob)])
      const results = await Promise.all([complete(alice, cartA), complete(bob, cartB)])

      const placed = results.filter((r) => r.order)
      const refused = results.filter((r) => r.error)
      expect(placed).toHaveLength(1)
      expect(refused).toHaveLength(1)
      expect(refused[0].error!.status).toBe(400)
      expect(JSON.stringify(refused[0].error!.body)).toContain("credit_limit_exceeded")
      expect(await orderCount()).toBe(1)

      // Counted from the moment the order exists (its hold), then through its invoice record.
      expect((await credit(alice)).available_credit_minor).toBe(200_000)
      const order = placed[0].order
      await waitForInvoice(getContainer(), order.id)
      const afterInvoice = await credit(bob)
      expect(afterInvoice).toMatchObject({ available_credit_minor: 200_000, open_balance_minor: 800_000 })
      const placedCart = placed[0] === results[0] ? cartA : cartB
      const hold = await holdOf(placedCart)
      expect(hold).toMatchObject({ release_reason: "invoiced", order_id: order.id })
      // Even a hold left unreleased is not counted next to its order's invoice.
      await (getContainer().resolve(B2B_MODULE) as any).updateCreditHolds({
        id: hold.id,
        released_at: null,
        release_reason: null,
      })
      expect((await credit(alice)).available_credit_minor).toBe(200_000)
    })

    it("a renewed contract still counts the open invoice of the contract it replaced", async () => {
      const { order } = await complete(alice, await readyCart(alice))
      expect(order).toBeDefined()
      await waitForInvoice(getContainer(), order.id)

      const headers = await adminHeaders(getContainer())
      const renewal = new Date().toISOString()
      await api.post(`/admin/contracts/${contractId}`, { valid_to: renewal }, { headers })
      const { data } = await api.post(
        "/admin/contracts",
        {
          company_id: companyId,
          currency_code: "usd",
          valid_from: renewal,
          payment_terms: "net_30",
          credit_limit_minor: LIMIT_MINOR,
        },
        { headers }
      )
      const renewed = await credit(bob)
      expect(renewed.id).toBe(data.contract.id)
      expect(renewed.id).not.toBe(contractId)
      expect(renewed).toMatchObject({
        credit_limit_minor: LIMIT_MINOR,
        open_balance_minor: 800_000,
        available_credit_minor: 200_000,
      })

      const { error } = await complete(bob, await readyCart(bob))
      expect(error?.status).toBe(400)
      expect(JSON.stringify(error?.body)).toContain("credit_limit_exceeded")
      expect(await orderCount()).toBe(1)
    })

    it("a checkout that fails after the credit check gives its hold back", async () => {
      const cartA = await readyCart(alice)
      // Stock runs out after the cart was filled: Medusa fails reserving
      // inventory, after the hook reserved credit and created the order.
      const headers = await adminHeaders(getContainer())
      const { data: levels } = await api.get(
        `/admin/inventory-items?sku=COMP-8K&fields=id,location_levels.location_id`,
        { headers }
      )
      const item = levels.inventory_items[0]
      await api.post(
        `/admin/inventory-items/${item.id}/location-levels/${item.location_levels[0].location_id}`,
        { stocked_quantity: 0 },
        { headers }
      )
      const failed = await complete(alice, cartA)
      expect(failed.error?.status).toBe(400)
      expect(JSON.stringify(failed.error?.body)).toContain("Not enough stock")
      expect(await orderCount()).toBe(0)
      expect(await holdOf(cartA)).toMatchObject({ release_reason: "checkout_failed" })
      expect((await credit(alice)).available_credit_minor).toBe(LIMIT_MINOR)

      // Had the process died instead (hold never released), the hold of a
      // cart that has no order stops counting at its expiry, not before.
      const b2b = getContainer().resolve(B2B_MODULE) as any
      const hold = await holdOf(cartA)
      await b2b.updateCreditHolds({
        id: hold.id,
        released_at: null,
        release_reason: null,
        expires_at: new Date(Date.now() + 60_000),
      })
      expect((await credit(alice)).available_credit_minor).toBe(LIMIT_MINOR - 800_000)
      await b2b.updateCreditHolds({ id: hold.id, expires_at: new Date(Date.now() - 1_000) })
      expect((await credit(alice)).available_credit_minor).toBe(LIMIT_MINOR)
    })
  },
})
