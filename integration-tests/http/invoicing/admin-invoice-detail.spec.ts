import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { adminHeaders, freshBuyer, useMerchant, useStripeSandbox, waitForInvoice } from "./helpers"

jest.setTimeout(180_000)

const sbx = useStripeSandbox("admin-invoice-detail", [42_410, 42_419])

/**
 * What the dashboard's invoice page reads: the invoice, the lines it billed
 * (the order's lines as invoiced, the same amounts Stripe's invoice has) and
 * its credit notes; an unknown id is a 404.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)
    const admin = async () => ({ headers: await adminHeaders(getContainer()), validateStatus: () => true })

    describe("GET /admin/invoices/:id", () => {
      it("shows the lines the invoice billed, matching the order and Stripe's invoice", async () => {
        const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key)
        const [kit, gloves] = commerce().variants
        const cart = await buyer.store.createCart({
          region_id: commerce().region_id,
          items: [
            { variant_id: kit.id, quantity: 3 },
            { variant_id: gloves.id, quantity: 40 },
          ],
        })
        const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-LINES" })
        const issued = await waitForInvoice(
          getContainer(),
          order.id,
          (row) => row.progress === "sent",
          "the invoice to be issued"
        )

        const { status, data } = await api.get(`/admin/invoices/${issued.id}`, await admin())
        expect(status).toBe(200)
        expect(data.invoice).toMatchObject({ id: issued.id, order_id: order.id, status: "open" })
        expect(data.credit_notes).toEqual([])

        const items = data.lines.filter((l: any) => l.kind === "item")
        expect(items.map((l: any) => [l.id, l.sku, l.quantity]).sort()).toEqual(
          order.items.map((i: any) => [i.id, i.variant_sku, i.quantity]).sort()
        )
        expect(data.lines.filter((l: any) => l.kind === "shipping")).toHaveLength(order.shipping_methods.length)
        for (const line of data.lines) {
          expect(Number.isInteger(line.total_minor)).toBe(true)
          expect(line.total_minor).toBe(line.subtotal_minor - line.discount_minor + line.tax_minor)
        }
        // Σ lines is the invoice total, and the invoice total is Stripe's.
        const stripeInvoice = sbx()
          .invoices()
          .find((i) => i.id === data.invoice.stripe_invoice_id)!
        expect(data.lines.reduce((s: number, l: any) => s + l.total_minor, 0)).toBe(data.invoice.total_minor)
        expect(data.invoice.total_minor).toBe(stripeInvoice.total)
      })

      it("answers 404 for an unknown invoice", async () => {
        const { status, data } = await api.get("/admin/invoices/binv_missing", await admin())
        expect(status).toBe(404)
        expect(data.message).toContain("binv_missing")
      })
    })
  },
})
