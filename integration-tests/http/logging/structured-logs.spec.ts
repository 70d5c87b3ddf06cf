import { Writable } from "node:stream"
import winston from "winston"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedCommerce, SeededCommerce } from "../../../src/scripts/seed/seed-commerce"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { winstonOf } from "../../../src/lib/logging/install"
import { adminHeaders, freshBuyer, netTermsWebhookUrl, useStripeSandbox, waitForInvoice } from "../invoicing/helpers"

jest.setTimeout(120_000)

// The injected failure must surface on the first run: no SDK retries.
const sbx = useStripeSandbox("structured-logs", [43_410, 43_419], { STRIPE_MAX_NETWORK_RETRIES: "0" })

/** Every line Medusa's logger writes while the spec runs, as the console gets it. */
const lines: string[] = []
const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)

/**
 * The hub's log lines are JSON objects (NODE_ENV=test: not development)
 * carrying the id of the request they were written for, the ids of the flow
 * (order, invoice), and never a secret the request carried.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let commerce: SeededCommerce

    beforeAll(async () => {
      sbx().setWebhookUrl(netTermsWebhookUrl(api))
      commerce = await seedCommerce(getContainer())
      const sink = new Writable({
        objectMode: true,
        write(info: Record<symbol, string>, _encoding, done) {
          lines.push(info[Symbol.for("message")])
          done()
        },
      })
      ;(winstonOf() as unknown as winston.Logger).add(new winston.transports.Stream({ stream: sink }))
    })

    describe("POST /admin/invoices/:id/retry", () => {
      it("logs the issuing run as JSON with the echoed request id and the order and invoice ids", async () => {
        const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce.publishable_key)
        // Stripe refuses the create call: the invoice is left for a retry.
        sbx().failNext({ mode: "error500", method: "POST", path: /^\/v1\/invoices$/, count: 2 })
        const cart = await buyer.store.createCart({
          region_id: commerce.region_id,
          items: [{ variant_id: commerce.variants[0].id, quantity: 1 }],
        })
        const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-LOGS" })
        const failed = await waitForInvoice(getContainer(), order.id, (row) => !!row.last_error, "the issuing to fail")
        const failedLine = records().find((r) => r.message === `invoice issuing failed: ${failed.last_error}`)
        // The subscriber's run, no request: the order's id still names it.
        expect(failedLine).toMatchObject({ level: "warn", order_id: order.id, invoice_id: failed.id })

        const requestId = `logs-spec.${Date.now()}`
        const headers = { ...(await adminHeaders(getContainer())), "x-request-id": requestId }
        const retried = await api.post(`/admin/invoices/${failed.id}/retry`, {}, { headers })
        expect(retried.status).toBe(200)
        expect(retried.headers["x-request-id"]).toBe(requestId)
        expect(records().filter((r) => r.message === "invoice issued" && r.request_id === requestId)).toEqual([
          expect.objectContaining({ level: "info", order_id: order.id, invoice_id: failed.id }),
        ])
      })
    })

    describe("POST /partners/oauth/token", () => {
      it("logs the refusal with a generated request id and never the client secret it was sent", async () => {
        const secret = `cs_${Date.now()}_never-logged`
        const before = lines.length
        const res = await api.post(
          "/partners/oauth/token",
          `grant_type=client_credentials&client_id=pc_unknown&client_secret=${secret}`,
          {
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              authorization: `Bearer ${secret}`,
              "x-request-id": "bad id with spaces",
            },
            validateStatus: () => true,
          }
        )
        expect(res.status).toBeGreaterThanOrEqual(400)
        const requestId = res.headers["x-request-id"]
        expect(requestId).toMatch(/^req_[0-9a-f-]{36}$/)
        const during = records().slice(before)
        expect(during.filter((r) => r.request_id === requestId)).toEqual([
          expect.objectContaining({ message: expect.stringContaining("partners token request refused") }),
        ])
        expect(lines.join("\n")).not.toContain(secret)
      })
    })
  },
})
