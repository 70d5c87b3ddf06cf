import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { FaultMode } from "../../sandboxes/stripe"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { waitFor } from "../../helpers/store-client"
import {
  adminHeaders,
  executionsPerKey,
  freshBuyer,
  hubEventsOf,
  invoicing,
  totalMinor,
  useMerchant,
  useStripeSandbox,
  waitForInvoice,
} from "./helpers"

jest.setTimeout(180_000)

// The first run must fail at the injected fault: no SDK retries, a short timeout.
const sbx = useStripeSandbox("invoice-faults", [41_320, 41_329], {
  STRIPE_MAX_NETWORK_RETRIES: "0",
  STRIPE_TIMEOUT_MS: "1500",
})

const STEPS: [string, RegExp][] = [
  ["customers.create", /^\/v1\/customers$/],
  ["invoices.create", /^\/v1\/invoices$/],
  ["invoices.addLines", /^\/v1\/invoices\/[^/]+\/add_lines$/],
  ["invoices.finalizeInvoice", /^\/v1\/invoices\/[^/]+\/finalize$/],
  ["invoices.sendInvoice", /^\/v1\/invoices\/[^/]+\/send$/],
]
// Every step, every fault mode and both timings appear at least once here
// (a 500 is recovered within the run, see issue-recovery.ts; invoice-stripe-500.spec.ts
// has 500s Stripe saves under the key);
// the full 5 × 3 × 2 matrix runs against the same sandbox in
// src/modules/invoicing/__tests__/issue-sequence.spec.ts (no app boot per case).
const PLAN: [number, FaultMode, "before" | "after"][] = [
  [0, "error500", "before"],
  [0, "reset", "after"],
  [1, "timeout", "after"],
  [2, "reset", "before"],
  [3, "error500", "after"],
  [4, "timeout", "before"],
]
const CASES = PLAN.map(([i, mode, when]) => [STEPS[i][0], mode, when, STEPS[i][1]] as const)

/**
 * Stripe fails at each step of the issuing sequence — a 500, a timeout, a
 * reset connection; before Stripe acted, or after (the object exists, the
 * answer is lost) — while the order.placed subscriber issues the invoice.
 * The run itself gets past a 500 (it looks at Stripe, then repeats the step
 * under a fresh key if it is not done); after a lost answer the operator's
 * retry (POST /admin/invoices/:id/retry, the same workflow the reconcile job
 * runs) does. Either way: exactly one customer, one invoice and the order's
 * lines, every idempotency key executed at most once.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const commerce = useMerchant(api, getContainer, sbx)

    async function placeOrder() {
      const buyer = await freshBuyer(getContainer(), api.defaults.baseURL!, commerce().publishable_key)
      const [kit, gloves, wrap] = commerce().variants
      const cart = await buyer.store.createCart({
        region_id: commerce().region_id,
        items: [
          { variant_id: kit.id, quantity: 3 },
          { variant_id: gloves.id, quantity: 40 },
          { variant_id: wrap.id, quantity: 2 },
        ],
      })
      const order = await buyer.store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-FAULT" })
      return { buyer, order }
    }

    function assertExactlyOnce(companyId: string, order: any) {
      expect(
        sbx()
          .customers()
          .filter((c) => c.metadata.medusa_company_id === companyId)
      ).toHaveLength(1)
      const invoices = sbx()
        .invoices()
        .filter((i) => i.metadata.medusa_order_id === order.id)
      expect(invoices).toHaveLength(1)
      const [invoice] = invoices
      expect(invoice.status).toBe("open")
      expect(invoice.total).toBe(totalMinor(order.total, 2))
      // 3 items (in line-item id order) and shipping, each once, items at the order's prices; tax stated on each line.
      const items = [...order.items].sort((a: any, b: any) => (a.id < b.id ? -1 : 1))
      expect(invoice.lines.data.map((l) => [l.description, l.amount])).toEqual([
        ...items.map((i: any) => [`${i.variant_sku} — ${i.title}`, Math.round(i.unit_price * 100) * i.quantity]),
        ["Shipping — Standard freight", 2500],
      ])
      const taxed = invoice.lines.data.reduce((sum, l) => sum + (l.taxes ?? []).reduce((t, x) => t + x.amount, 0), 0)
      expect(invoice.subtotal + taxed).toBe(invoice.total)
      expect(items.map((i: any) => [i.variant_sku, i.unit_price, i.quantity])).toEqual(
        expect.arrayContaining([
          ["FAST-KIT-100", 12.5, 3],
          ["GLOVE-L", 4.2, 40],
          ["WRAP-500", 31, 2],
        ])
      )
      // A step repeated under a fresh key (`…:r<random>`) is another key: each still runs once.
      for (const [key, runs] of Object.entries({
        ...executionsPerKey(sbx(), `inv:${order.id}:`),
        ...executionsPerKey(sbx(), `cus:${companyId}:`),
      })) {
        expect([key, runs]).toEqual([key, 1])
      }
      return invoice
    }

    it.each(CASES)(
      "%s fails (%s, %s) → the run (a 500) or the retry issues exactly one customer, invoice and set of lines",
      async (_step, mode, when, path) => {
        // stripe-node retries a reset connection once on its own: two faults surface it.
        sbx().failNext({ mode, when, method: "POST", path, count: mode === "reset" ? 2 : 1 })
        const { buyer, order } = await placeOrder()

        if (mode === "error500") {
          const issued = await waitForInvoice(
            getContainer(),
            order.id,
            (row) => row.progress === "sent" || !!row.last_error,
            "the issuing run"
          )
          expect(issued).toMatchObject({ status: "open", progress: "sent", last_error: null, attempts: 1 })
          expect(issued.stripe_invoice_id).toBe(assertExactlyOnce(buyer.company_id, order).id)
          // The workflow records the hub event in a step after the invoice row is written.
          const events = await waitFor(
            async () => {
              const found = (await hubEventsOf(getContainer(), issued.id)).filter((e) => e.type === "invoice.issued")
              return found.length ? found : undefined
            },
            20_000,
            "invoice.issued"
          )
          expect(events).toHaveLength(1)
          return
        }

        const failed = await waitForInvoice(
          getContainer(),
          order.id,
          (row) => !!row.last_error,
          "the first issuing run to fail"
        )
        expect(failed.progress).not.toBe("sent")
        expect(failed.attempts).toBe(1)

        const { data, status } = await api.post(
          `/admin/invoices/${failed.id}/retry`,
          {},
          { headers: await adminHeaders(getContainer()) }
        )
        expect(status).toBe(200)
        expect(data.invoice).toMatchObject({ status: "open", progress: "sent", last_error: null })
        expect(data.invoice.attempts).toBeGreaterThanOrEqual(2)
        const stripeInvoice = assertExactlyOnce(buyer.company_id, order)
        expect(data.invoice.stripe_invoice_id).toBe(stripeInvoice.id)
        expect(data.invoice.total_minor).toBe(stripeInvoice.total)

        const issued = (await hubEventsOf(getContainer(), failed.id)).filter((e) => e.type === "invoice.issued")
        expect(issued).toHaveLength(1)
      }
    )

    it("the reconcile job retries a failed issuing run by itself (same outcome as the admin retry)", async () => {
      sbx().failNext({ mode: "timeout", when: "after", method: "POST", path: STEPS[2][1] })
      const { buyer, order } = await placeOrder()
      const failed = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => !!row.last_error,
        "the first issuing run to fail"
      )

      const { data } = await api.post(`/admin/invoices/reconcile`, {}, { headers: await adminHeaders(getContainer()) })
      expect(data.report.retried).toEqual([
        expect.objectContaining({ invoice_id: failed.id, order_id: order.id, ok: true, status: "open" }),
      ])
      assertExactlyOnce(buyer.company_id, order)
      const [row] = await invoicing(getContainer()).listInvoices({ id: failed.id })
      expect(row).toMatchObject({ status: "open", progress: "sent", last_error: null })
    })

    it("a payment that outruns the issuing run (send's answer lost, invoice paid meanwhile): invoice.issued still comes before invoice.paid, once each", async () => {
      sbx().failNext({ mode: "timeout", when: "after", method: "POST", path: STEPS[4][1] })
      const { order } = await placeOrder()
      const failed = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => !!row.last_error,
        "the first issuing run to fail"
      )
      const stripeInvoice = sbx()
        .invoices()
        .find((i) => i.metadata.medusa_order_id === order.id)!
      expect(stripeInvoice.status).toBe("open") // Stripe sent it; we never heard back
      sbx().payInvoice(stripeInvoice.id)
      await waitForInvoice(getContainer(), order.id, (row) => row.status === "paid", "the payment to be applied")
      const { status } = await api.post(
        `/admin/invoices/${failed.id}/retry`,
        {},
        { headers: await adminHeaders(getContainer()) }
      )
      expect(status).toBe(200)
      const events = (await hubEventsOf(getContainer(), failed.id)).filter((e) => e.type.startsWith("invoice."))
      expect(events.map((e) => [e.type, e.sequence])).toEqual([
        ["invoice.issued", 1],
        ["invoice.paid", 2],
      ])
    })

    it("a retry that fails again answers 502 with Stripe's error and the invoice, and changes nothing on Stripe", async () => {
      // Two 500s per run: the finalize call, and its repeat under a fresh key.
      sbx().failNext({ mode: "error500", method: "POST", path: STEPS[3][1], count: 4 })
      const { order } = await placeOrder()
      const failed = await waitForInvoice(
        getContainer(),
        order.id,
        (row) => !!row.last_error,
        "the first issuing run to fail"
      )
      const res = await api.post(
        `/admin/invoices/${failed.id}/retry`,
        {},
        { headers: await adminHeaders(getContainer()), validateStatus: () => true }
      )
      expect(res.status).toBe(502)
      expect(res.data).toMatchObject({
        type: "issuing_failed",
        invoice: { id: failed.id, attempts: 2, progress: "lines:1" },
      })
      expect(
        sbx()
          .invoices()
          .filter((i) => i.metadata.medusa_order_id === order.id)
          .map((i) => i.status)
      ).toEqual(["draft"])
    })
  },
})
