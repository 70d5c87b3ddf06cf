import type Stripe from "stripe"
import { startStripeSandbox, StripeSandbox } from "../../../../integration-tests/sandboxes/stripe"
import { createStripeClient } from "../../../lib/stripe/client"
import { buildInvoiceLines } from "../lib/invoice-lines"
import { IssueSequenceInput, runIssueSequence } from "../lib/issue-sequence"
import { orderMoney } from "../../../lib/orders/order-money"
import { medusaOrder } from "../../../lib/orders/__tests__/medusa-orders"

/**
 * An order's later invoices (a reissue after an edit, a supplementary
 * invoice) run the same Stripe sequence under keys versioned by their
 * sequence — a new object, never a replay of the order's first invoice —
 * and name the invoice they relate to and the most Medusa may capture.
 */
describe("runIssueSequence for an order's later invoices", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeAll(async () => {
    sbx = await startStripeSandbox({ autoDeliverEvents: false })
    stripe = createStripeClient({ apiKey: "sk_test_versions", apiBase: sbx.url, maxNetworkRetries: 0 })
  })
  afterAll(async () => {
    await sbx.close()
  })

  const order = medusaOrder(
    {
      currency: "usd",
      taxRate: 8.25,
      secondTaxRate: 0,
      taxInclusive: false,
      items: [{ unit_minor: 1250, quantity: 3, promotion: { type: "none" } }],
      shipping: null,
    },
    "order_versions"
  )
  const { lines } = buildInvoiceLines(orderMoney(order))
  const input = (invoice: Partial<IssueSequenceInput["invoice"]>, customer: string | null): IssueSequenceInput => ({
    invoice: {
      id: "binv_1",
      stripe_invoice_id: null,
      progress: null,
      days_until_due: 30,
      payment_session_id: "payses_1",
      contract_id: null,
      ...invoice,
    },
    order: { id: order.id, display_id: 7, currency_code: "usd", total_minor: 4059n },
    company: {
      id: "comp_versions",
      name: "Versions Co",
      billing_email: "ap@example.test",
      stripe_customer_id: customer,
    },
    lines,
  })
  const noop = { onCustomer: async () => {}, onProgress: async () => {} }

  it("sequence 1 keeps the :v1 keys and its metadata; sequence 2 has its own keys, its relation and its capture cap", async () => {
    let customer: string | null = null
    const first = await runIssueSequence(stripe, input({}, null), {
      ...noop,
      onCustomer: async (id) => void (customer = id),
    })
    const before = sbx.requests().length
    const reissue = await runIssueSequence(
      stripe,
      input(
        {
          id: "binv_2",
          sequence: 2,
          kind: "reissue",
          related_invoice_number: first.number,
          capture_max_minor: 4059n,
          payment_session_id: "payses_2",
        },
        customer
      ),
      noop
    )
    expect(
      sbx
        .requests()
        .slice(before)
        .map((r) => r.idempotencyKey)
    ).toEqual([
      `inv:${order.id}:create:v2`,
      `inv:${order.id}:lines:0:v2`,
      `inv:${order.id}:finalize:v2`,
      `inv:${order.id}:send:v2`,
    ])
    expect(reissue.id).not.toBe(first.id)
    expect(
      sbx
        .requests()
        .filter((r) => r.idempotencyKey?.endsWith(":v1"))
        .map((r) => r.idempotencyKey)
    ).toEqual([
      "cus:comp_versions:v1",
      `inv:${order.id}:create:v1`,
      `inv:${order.id}:lines:0:v1`,
      `inv:${order.id}:finalize:v1`,
      `inv:${order.id}:send:v1`,
    ])
    expect(first.metadata).not.toHaveProperty("medusa_capture_max_minor")
    expect(reissue.metadata).toMatchObject({
      hub_invoice_id: "binv_2",
      hub_invoice_kind: "reissue",
      hub_invoice_sequence: "2",
      medusa_capture_max_minor: "4059",
      medusa_payment_session_id: "payses_2",
    })
    expect(reissue.custom_fields).toEqual([
      { name: "Order", value: "#7" },
      { name: "Replaces invoice", value: first.number },
    ])
  })
})
