import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { B2B_MODULE } from "../../../src/modules/b2b"
import { adminHeaders, freshBuyer, totalMinor, useMerchant, useStripeSandbox, waitForInvoice } from "./helpers"

jest.setTimeout(180_000)

// No SDK retries: every Stripe answer reaches the hub as it is.
const sbx = useStripeSandbox("invoice-stripe-500", [41_990, 41_999], { STRIPE_MAX_NETWORK_RETRIES: "0" })

/**
 * Stripe saves a 500 under the idempotency key of a request whose endpoint
 * began executing, and replays it to every call with that key for 24 hours
 * (https://docs.stripe.com/api/idempotent_requests). The hub creates a
 * company's Stripe customer under `cus:<company>:v1`: one such 500 must not
 * keep the company's orders from being invoiced for a day.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)

    it("a 500 Stripe saved on the company's customer creation does not block its next orders: both invoiced, one Stripe customer", async () => {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key)
      const [kit, gloves] = commerce().variants
      const placeOrder = async (po: string) => {
        const cart = await buyer.store.createCart({
          region_id: commerce().region_id,
          items: [
            { variant_id: kit.id, quantity: 2 },
            { variant_id: gloves.id, quantity: 10 },
          ],
        })
        return await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: po })
      }
      const customerKey = `cus:${buyer.company_id}:v1`

      // The customer's creation begins and fails, twice: under its key, and the
      // run's one repeat under a fresh key. Both 500s are saved; the run fails.
      sbx().failNext({ mode: "error500", when: "during", method: "POST", path: /^\/v1\/customers$/, count: 2 })
      const first = await placeOrder("PO-500-1")
      const failed = await waitForInvoice(
        getContainer(),
        first.id,
        (row) => !!row.last_error,
        "the first order's issuing run to fail"
      )
      expect(failed.progress).not.toBe("sent")
      expect(
        sbx()
          .customers()
          .filter((c) => c.metadata.medusa_company_id === buyer.company_id)
      ).toHaveLength(0)

      // The company's next order, no retry asked: Stripe still answers 500 under
      // the company's key, and the run gets past it.
      const second = await placeOrder("PO-500-2")
      const issued = await waitForInvoice(
        getContainer(),
        second.id,
        (row) => row.progress === "sent" || !!row.last_error,
        "the second order's invoice"
      )
      expect(issued).toMatchObject({ status: "open", progress: "sent", last_error: null, attempts: 1 })
      const underKey = sbx()
        .requests()
        .filter((r) => r.idempotencyKey === customerKey)
      expect(underKey.map((r) => [r.status, r.replayed])).toEqual([
        [500, false], // the first order's run
        [500, true], // the second order's: replayed
      ])

      // The first order's retry uses the customer the second order found.
      const { status, data } = await api.post(
        `/admin/invoices/${failed.id}/retry`,
        {},
        { headers: await adminHeaders(getContainer()) }
      )
      expect(status).toBe(200)
      expect(data.invoice).toMatchObject({ status: "open", progress: "sent", last_error: null })

      const customers = sbx()
        .customers()
        .filter((c) => c.metadata.medusa_company_id === buyer.company_id)
      expect(customers).toHaveLength(1)
      const company = await (getContainer().resolve(B2B_MODULE) as any).retrieveCompany(buyer.company_id)
      expect(company.stripe_customer_id).toBe(customers[0].id)
      for (const order of [first, second]) {
        const invoices = sbx()
          .invoices()
          .filter((i) => i.metadata.medusa_order_id === order.id)
        expect(invoices.map((i) => [i.status, i.customer, i.total])).toEqual([
          ["open", customers[0].id, totalMinor(order.total, 2)],
        ])
      }
    })
  },
})
