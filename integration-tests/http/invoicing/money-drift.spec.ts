import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import moneyDrift from "../../../src/scripts/money-drift"
import { waitFor } from "../../helpers/store-client"
import {
  adminHeaders,
  erpDocument,
  freshBuyer,
  totalMinor,
  useMerchant,
  useStripeSandbox,
  waitForInvoice,
} from "./helpers"

jest.setTimeout(120_000)

// The injected failure must surface on the first run: no SDK retries.
const sbx = useStripeSandbox("money-drift", [41_910, 41_919], { STRIPE_MAX_NETWORK_RETRIES: "0" })

/**
 * The finance drift report over real checkouts: a net-terms order invoiced
 * normally is clean (order total = invoiced = the ERP document's total); an
 * order whose invoice creation fails at Stripe shows up as not_invoiced with
 * Stripe's error — in the admin API and in the CLI, which exits non-zero.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)
    const admin = async () => ({ headers: await adminHeaders(getContainer()), validateStatus: () => true })

    async function placeOrder() {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key)
      const [kit, gloves] = commerce().variants
      const cart = await buyer.store.createCart({
        region_id: commerce().region_id,
        items: [
          { variant_id: kit.id, quantity: 3 },
          { variant_id: gloves.id, quantity: 40 },
        ],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-DRIFT" })
      return { buyer, order }
    }

    it("lists a clean order without problems and an order whose invoicing failed as not_invoiced, in the API and the CLI", async () => {
      const good = await placeOrder()
      const issued = await waitForInvoice(
        getContainer(),
        good.order.id,
        (row) => row.status === "open",
        "the invoice to be issued"
      )
      const goodDocument = await erpDocument(getContainer(), good.order.id)

      // Stripe refuses the invoice (twice: the run repeats a 5xx once under a fresh key): the record stays pending with the error.
      sbx().failNext({ mode: "error500", method: "POST", path: /^\/v1\/invoices$/, count: 2 })
      const bad = await placeOrder()
      const failed = await waitForInvoice(
        getContainer(),
        bad.order.id,
        (row) => !!row.last_error,
        "the issuing run to fail"
      )
      await erpDocument(getContainer(), bad.order.id)

      const total = (order: any) => totalMinor(order.total, 2)
      const one = async (orderId: string) => {
        const { status, data } = await api.get(`/admin/invoices/drift?order_id=${orderId}`, await admin())
        expect(status).toBe(200)
        expect(data).toMatchObject({ count: 1, limit: 50, offset: 0, drift_only: false })
        return data.orders[0]
      }

      expect(await one(good.order.id)).toEqual({
        order_id: good.order.id,
        display_id: good.order.display_id,
        currency_code: "usd",
        order_status: "pending",
        placed_at: expect.any(String),
        net_terms: true,
        order_total_minor: total(good.order),
        invoiced_minor: total(good.order),
        rounding_minor: 0,
        invoices: [{ id: issued.id, status: "open", total_minor: total(good.order), last_error: null }],
        erp_document_total_minor: total(good.order),
        credited_minor: 0,
        net_billed_minor: total(good.order),
        problems: [],
        messages: {},
      })
      expect(goodDocument.total_minor).toBe(String(total(good.order)))

      const notInvoiced = await one(bad.order.id)
      expect(notInvoiced).toMatchObject({
        order_total_minor: total(bad.order),
        invoiced_minor: 0,
        invoices: [{ id: failed.id, status: "pending", total_minor: total(bad.order), last_error: failed.last_error }],
        erp_document_total_minor: total(bad.order),
        problems: ["not_invoiced"],
      })
      expect(notInvoiced.messages.not_invoiced).toContain(failed.last_error)

      // Newest first; drift_only keeps the failed one only; since bounds the window.
      const all = (await api.get(`/admin/invoices/drift`, await admin())).data
      expect([all.count, all.orders.map((o: any) => o.order_id)]).toEqual([2, [bad.order.id, good.order.id]])
      const drifting = (await api.get(`/admin/invoices/drift?drift_only=true`, await admin())).data
      expect(drifting).toMatchObject({ count: 1, scanned: 2, drift_only: true })
      expect(drifting.orders.map((o: any) => o.order_id)).toEqual([bad.order.id])
      expect(
        (await api.get(`/admin/invoices/drift?drift_only=false&limit=1&offset=1`, await admin())).data.orders.map(
          (o: any) => o.order_id
        )
      ).toEqual([good.order.id])
      expect((await api.get(`/admin/invoices/drift?since=2999-01-01`, await admin())).data.count).toBe(0)

      // A buyer's token is no admin's.
      const asBuyer = await api.get(`/admin/invoices/drift`, {
        headers: { authorization: `Bearer ${bad.buyer.store.token}` },
        validateStatus: () => true,
      })
      expect(asBuyer.status).toBe(401)

      // The CLI: the drifting order in the table, exit code 2.
      const printed: string[] = []
      const write = jest
        .spyOn(process.stdout, "write")
        .mockImplementation((chunk: any) => (printed.push(String(chunk)), true))
      const exitCode = process.exitCode
      try {
        await moneyDrift({ container: getContainer(), args: [] } as any)
        expect(process.exitCode).toBe(2)
      } finally {
        write.mockRestore()
        process.exitCode = exitCode
      }
      const table = printed.join("")
      expect(table).toContain(`#${bad.order.display_id} ${bad.order.id}`)
      expect(table).toContain(`not_invoiced: issuing of ${failed.id} failed`)
      expect(table).not.toContain(good.order.id)
      expect(table).toContain("1 of 2 order(s) drift.")

      // Canceled: the invoice is voided and the ERP document says canceled — no drift.
      expect((await api.post(`/admin/orders/${good.order.id}/cancel`, {}, await admin())).status).toBe(200)
      await waitForInvoice(getContainer(), good.order.id, (row) => row.status === "void", "the invoice to be voided")
      await waitFor(
        async () => (await erpDocument(getContainer(), good.order.id)).status === "canceled",
        20_000,
        "the canceled ERP document"
      )
      expect(await one(good.order.id)).toMatchObject({
        order_status: "canceled",
        invoiced_minor: 0,
        invoices: [{ id: issued.id, status: "void" }],
        erp_document_total_minor: total(good.order),
        problems: [],
      })
    })

    it("refuses bad parameters with a 400 naming the field, and callers without an admin session with a 401", async () => {
      for (const [query, field] of [
        ["limit=-1", "limit"],
        ["limit=501", "limit"],
        ["offset=x", "offset"],
        ["drift_only=yes", "drift_only"],
        ["since=yesterday", "since"],
        ["colour=red", "colour"],
      ]) {
        const { status, data } = await api.get(`/admin/invoices/drift?${query}`, await admin())
        expect([query, status, data.type]).toEqual([query, 400, "invalid_data"])
        expect(data.message).toMatch(new RegExp(`^${field}: `))
      }
      expect((await api.get(`/admin/invoices/drift`, { validateStatus: () => true })).status).toBe(401)
    })
  },
})
