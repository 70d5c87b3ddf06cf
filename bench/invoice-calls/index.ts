/**
 * How many Stripe API calls it takes to invoice one order, counted as real
 * HTTP requests against the Stripe sandbox, for orders of 1, 50 and 500
 * lines, with the company's Stripe customer already known and not. It runs
 * the hub's own issuing code (runIssueSequence, the function the
 * issue-invoice workflow step calls), so what is counted is what production
 * sends. Baseline: the naive one-call-per-line integration (create, one
 * invoice-item call per line, finalize, send).
 *
 *   npm run bench:invoice-calls
 *
 * The last line printed is one JSON object.
 */
import Stripe from "stripe"
import { startStripeSandbox, StripeSandbox } from "../../integration-tests/sandboxes/stripe"
import { createStripeClient } from "../../src/lib/stripe/client"
import { buildInvoiceLines, InvoiceLine } from "../../src/modules/invoicing/lib/invoice-lines"
import { orderMoney, type OrderMoney } from "../../src/lib/orders/order-money"
import { medusaOrder, type LineSpec } from "../../src/lib/orders/__tests__/medusa-orders"
import { runIssueSequence, toStripeLine } from "../../src/modules/invoicing/lib/issue-sequence"

const SIZES = [1, 50, 500] as const

/**
 * A USD order of `n` lines at contract prices with 8.875 % tax (two tax
 * lines), a 7.5 % promotion on every third line and shipping, totalled by
 * Medusa's own decorateCartTotals (the test fixture), then read through the
 * hub's money model — what production invoices.
 */
function syntheticOrder(id: string, n: number): OrderMoney {
  const items = Array.from(
    { length: n },
    (_, i): LineSpec => ({
      unit_minor: 199 + i * 37,
      quantity: 1 + (i % 7),
      promotion: i % 3 === 0 ? { type: "percentage", percent: 7.5 } : { type: "none" },
    })
  )
  const order = medusaOrder(
    {
      currency: "usd",
      taxRate: 6.25,
      secondTaxRate: 2.625,
      taxInclusive: false,
      items,
      shipping: { amount_minor: 2500, promotion: { type: "none" } },
    },
    id
  )
  return orderMoney(order)
}

let runs = 0

/** Issues one order through the hub's sequence; returns the Stripe calls it made. */
async function hubCalls(
  sbx: StripeSandbox,
  stripe: Stripe,
  n: number,
  knownCustomer: boolean
): Promise<{ calls: number; lines: number }> {
  const run = ++runs
  const order = syntheticOrder(`bench${run}`, n)
  const { lines, total_minor } = buildInvoiceLines(order)
  const companyId = `comp_bench_${run}`
  const customer = knownCustomer ? (await stripe.customers.create({ name: `Bench ${run}` })).id : null
  const before = sbx.callCount()
  const sent = await runIssueSequence(
    stripe,
    {
      invoice: {
        id: `binv_bench_${run}`,
        stripe_invoice_id: null,
        progress: null,
        days_until_due: 30,
        payment_session_id: null,
        contract_id: null,
      },
      order: {
        id: order.order_id,
        display_id: run,
        currency_code: "usd",
        po_number: "PO-BENCH",
        total_minor: order.total_minor,
      },
      company: { id: companyId, name: `Bench ${run}`, billing_email: "ap@bench.example", stripe_customer_id: customer },
      lines,
    },
    { onCustomer: async () => {}, onProgress: async () => {} }
  )
  const calls = sbx.callCount() - before
  if (BigInt(sent.total) !== total_minor)
    throw new Error(`bench: Stripe total ${sent.total} != order total ${total_minor}`)
  return { calls, lines: lines.length }
}

/** The naive integration, one call per line; only possible up to Stripe's 250 lines. */
async function naiveCalls(sbx: StripeSandbox, stripe: Stripe, lines: InvoiceLine[]): Promise<number> {
  const run = ++runs
  const customer = (await stripe.customers.create({ name: `Naive ${run}` })).id
  const before = sbx.callCount()
  const invoice = await stripe.invoices.create({
    customer,
    collection_method: "send_invoice",
    days_until_due: 30,
    currency: "usd",
  })
  for (const line of lines) await stripe.invoices.addLines(invoice.id!, { lines: [toStripeLine(line, "usd")] })
  await stripe.invoices.finalizeInvoice(invoice.id!)
  await stripe.invoices.sendInvoice(invoice.id!)
  return sbx.callCount() - before
}

async function main() {
  const sbx = await startStripeSandbox({ autoDeliverEvents: false })
  const stripe = createStripeClient({ apiKey: "sk_test_bench", apiBase: sbx.url, maxNetworkRetries: 0 })
  try {
    const rows: Record<string, string | number>[] = []
    const result: Record<string, number> = {}
    for (const n of SIZES) {
      const known = await hubCalls(sbx, stripe, n, true)
      const fresh = await hubCalls(sbx, stripe, n, false)
      // Naive: create + one call per line (items, discounts, shipping) + finalize + send.
      const fullLines = buildInvoiceLines(syntheticOrder("naive", n), { maxLines: Number.MAX_SAFE_INTEGER }).lines
      const naiveItemized = fullLines.length + 3
      if (fullLines.length <= 250) {
        const measured = await naiveCalls(sbx, stripe, fullLines)
        if (measured !== naiveItemized) throw new Error(`bench: naive measured ${measured} != ${naiveItemized}`)
      }
      rows.push({
        order_lines: n,
        stripe_lines: known.lines,
        calls_known_customer: known.calls,
        calls_new_customer: fresh.calls,
        naive_one_call_per_line: naiveItemized,
      })
      result[`calls_${n}`] = known.calls
      if (n === 500) {
        result.calls_500_new_customer = fresh.calls
        result.naive_500 = naiveItemized
      }
    }
    console.log("Stripe API calls to invoice one order (sandbox request log):")
    console.table(rows)
    console.log(
      "Naive = invoices.create + one call per line (items, discounts, shipping) + finalize + send; above 250 lines Stripe refuses it " +
        "(250 lines per invoice), the hub groups items instead and stays one invoice."
    )
    console.log(
      JSON.stringify({
        calls_1: result.calls_1,
        calls_50: result.calls_50,
        calls_500: result.calls_500,
        calls_500_new_customer: result.calls_500_new_customer,
        naive_500: result.naive_500,
      })
    )
  } finally {
    await sbx.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
