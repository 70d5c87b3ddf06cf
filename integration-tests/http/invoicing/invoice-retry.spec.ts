import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { StripeSandbox } from "../../sandboxes/stripe"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { createStripeClient } from "../../../src/lib/stripe/client"
import invoicesReconcileJob from "../../../src/jobs/invoices-reconcile"
import { adminHeaders, executionsPerKey, freshBuyer, invoicing, startSandboxInRange, waitForInvoice } from "./helpers"
import { waitFor } from "../../helpers/store-client"

jest.setTimeout(120_000)

const WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtaW52b2ljZS1yZXRyeQ"
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
// The injected failure must surface on the first run: no SDK retries.
process.env.STRIPE_MAX_NETWORK_RETRIES = "0"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-invoice-retry`

let sbx: StripeSandbox
// Before the runner's own beforeAll: the app boots pointing at this sandbox.
beforeAll(async () => {
  sbx = await startSandboxInRange(41_970, 41_979, { webhookSecret: WEBHOOK_SECRET })
})

/**
 * POST /admin/invoices/:id/retry issues exactly the invoice asked for: after
 * an edit voided the order's invoice and Stripe refused its reissue, a retry
 * of the void one is refused (409, naming the reissue) and leaves the reissue
 * alone; the reissue's own retry issues it; a sent invoice is 409 and an
 * unknown id 404. An invoice whose company got another Stripe customer after
 * the create call went out is issued to the new one under new keys, the
 * reason shown; the reconcile job's log names why a retry failed again.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce
    const admin = async () => ({ headers: await adminHeaders(getContainer()), validateStatus: () => true })

    beforeAll(async () => {
      sbx.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      commerce = await seedCommerce(getContainer())
    })
    afterAll(async () => {
      await sbx?.close()
    })

    const invoicesOf = async (orderId: string) =>
      [...(await invoicing(getContainer()).listInvoices({ order_id: orderId }))].sort(
        (a: any, b: any) => Number(a.sequence) - Number(b.sequence)
      )

    /** Medusa's order edit over the admin API: one line's quantity, requested and confirmed. */
    async function editQuantity(orderId: string, lineId: string, quantity: number) {
      await api.post("/admin/order-edits", { order_id: orderId, description: "Buyer changed the order" }, await admin())
      expect(
        (await api.post(`/admin/order-edits/${orderId}/items/item/${lineId}`, { quantity }, await admin())).status
      ).toBe(200)
      expect((await api.post(`/admin/order-edits/${orderId}/request`, {}, await admin())).status).toBe(200)
      expect((await api.post(`/admin/order-edits/${orderId}/confirm`, {}, await admin())).status).toBe(200)
    }

    it("retries the invoice asked for: a void one is 409 (the failed reissue untouched), the reissue 200, then 409 once sent; unknown 404", async () => {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key)
      const cart = await buyer.store.createCart({
        region_id: commerce.region_id,
        items: [{ variant_id: commerce.variants[0].id, quantity: 3 }],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-RETRY" })
      const first = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => row.progress === "sent",
        "the invoice to be issued"
      )

      // The edit voids the unpaid invoice; Stripe refuses its reissue (twice: the run repeats a 5xx once under a fresh key).
      sbx.failNext({ mode: "error500", method: "POST", path: /^\/v1\/invoices$/, count: 2 })
      await editQuantity(order.id, order.items[0].id, 5)
      const [voided, reissue] = await waitFor(
        async () => {
          const rows = await invoicesOf(order.id)
          return rows.length === 2 && rows[0].status === "void" && rows[1].last_error ? rows : undefined
        },
        30_000,
        "the reissue to fail"
      )
      expect(voided.id).toBe(first.id)
      expect(reissue).toMatchObject({ kind: "reissue", replaces_invoice_id: first.id, status: "pending", attempts: 1 })

      const refused = await api.post(`/admin/invoices/${first.id}/retry`, {}, await admin())
      expect([refused.status, refused.data.type, refused.data.invoice.id]).toEqual([409, "not_retryable", first.id])
      expect(refused.data.message).toBe(
        `Invoice ${first.id} is void; invoice ${reissue.id} replaces it: a void invoice is never issued again`
      )
      // Nothing ran: the reissue is as the failed run left it.
      expect((await invoicesOf(order.id))[1]).toMatchObject({ id: reissue.id, status: "pending", attempts: 1 })

      const retried = await api.post(`/admin/invoices/${reissue.id}/retry`, {}, await admin())
      expect(retried.status).toBe(200)
      expect(retried.data.invoice).toMatchObject({ id: reissue.id, status: "open", progress: "sent", last_error: null })

      const again = await api.post(`/admin/invoices/${reissue.id}/retry`, {}, await admin())
      expect([again.status, again.data.message]).toEqual([
        409,
        `Invoice ${reissue.id} was already issued and sent (status open): there is nothing to retry`,
      ])

      const unknown = await api.post(`/admin/invoices/binv_unknown/retry`, {}, await admin())
      expect([unknown.status, unknown.data.type]).toEqual([404, "not_found"])
    })

    it("issues to the company's new Stripe customer after staff changed it: the draft for the old one goes, keys move to epoch 1, the reason is in the admin view", async () => {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key)
      // The create call reaches Stripe (a draft for customer A), its answer is lost (stripe-node retries a reset once: two faults).
      sbx.failNext({ mode: "reset", when: "after", method: "POST", path: /^\/v1\/invoices$/, count: 2 })
      const cart = await buyer.store.createCart({
        region_id: commerce.region_id,
        items: [{ variant_id: commerce.variants[0].id, quantity: 2 }],
      })
      const order = await buyer.store.checkout(cart.id, {
        providerId: NET_TERMS_PROVIDER_ID,
        poNumber: "PO-NEW-CUSTOMER",
      })
      const failed = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => !!row.last_error,
        "the first issuing run to fail"
      )
      const customerA = failed.stripe_customer_id
      expect(failed).toMatchObject({ stripe_invoice_id: null, progress: "none", stripe_key_epoch: 0 })
      expect(
        sbx
          .invoices()
          .filter((i) => i.metadata.hub_invoice_id === failed.id)
          .map((i) => [i.customer, i.status])
      ).toEqual([[customerA, "draft"]])

      // The reconcile job retries it and fails again: its log says why, not "[object Object]".
      sbx.failNext({ mode: "reset", when: "before", method: "POST", path: /^\/v1\/invoices$/, count: 2 })
      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      const warned: string[] = []
      const warn = jest.spyOn(logger, "warn").mockImplementation((message: string) => void warned.push(message))
      try {
        await invoicesReconcileJob(getContainer())
      } finally {
        warn.mockRestore()
      }
      const failedAgain = warned.filter((line) =>
        line.startsWith(`invoices-reconcile: issuing ${failed.id} failed again: `)
      )
      expect(failedAgain).toEqual([
        expect.stringMatching(/failed again: StripeConnectionError: An error occurred with our connection to Stripe/),
      ])
      expect(warned.join("\n")).not.toContain("[object Object]")

      // Staff give the company another Stripe customer.
      const stripe = createStripeClient({ apiKey: "sk_test_invoice_retry", apiBase: sbx.url, maxNetworkRetries: 0 })
      const customerB = (await stripe.customers.create({ name: "Buyer Co (new account)", email: buyer.email })).id
      const changed = await api.post(
        `/admin/companies/${buyer.company_id}`,
        { stripe_customer_id: customerB },
        await admin()
      )
      expect([changed.status, changed.data.company?.stripe_customer_id]).toEqual([200, customerB])

      const retried = await api.post(`/admin/invoices/${failed.id}/retry`, {}, await admin())
      expect(retried.status).toBe(200)
      expect(retried.data.invoice).toMatchObject({
        id: failed.id,
        status: "open",
        progress: "sent",
        last_error: null,
        stripe_customer_id: customerB,
        stripe_key_epoch: 1,
        stripe_key_reason: `customer changed: ${customerA} → ${customerB}`,
      })
      expect(
        sbx
          .invoices()
          .filter((i) => i.metadata.hub_invoice_id === failed.id)
          .map((i) => [i.customer, i.status])
      ).toEqual([[customerB, "open"]])
      expect(executionsPerKey(sbx, `inv:${order.id}:`)).toEqual({
        [`inv:${order.id}:create:v1`]: 1, // for A; its draft was deleted
        [`inv:${order.id}:create:v1:e1`]: 1,
        [`inv:${order.id}:lines:0:v1:e1`]: 1,
        [`inv:${order.id}:finalize:v1:e1`]: 1,
        [`inv:${order.id}:send:v1:e1`]: 1,
      })
    })
  },
})
