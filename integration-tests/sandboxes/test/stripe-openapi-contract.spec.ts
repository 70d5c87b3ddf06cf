import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Modules, PaymentActions } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { startStripeSandbox, type StripeSandbox } from "../stripe"
import { ENDPOINTS, OBJECTS, OPENAPI_SOURCE } from "../stripe/openapi/contract"
import { checkEvent, checkRequest, checkResponse } from "../stripe/openapi/validate"
import { createStripeClient } from "../../../src/lib/stripe/client"
import { stripeKeys } from "../../../src/lib/stripe/idempotency-keys"
import { orderMoney } from "../../../src/lib/orders/order-money"
import { orderMoneyToJson } from "../../../src/lib/orders/order-money-json"
import { medusaOrder, type OrderSpec } from "../../../src/lib/orders/__tests__/medusa-orders"
import { INVOICING_MODULE } from "../../../src/modules/invoicing"
import { creditLinesToJson } from "../../../src/modules/invoicing/lib/credit-lines"
import { buildInvoiceLines } from "../../../src/modules/invoicing/lib/invoice-lines"
import { runIssueSequence, type IssueSequenceInput } from "../../../src/modules/invoicing/lib/issue-sequence"
import { RETURNS_COVERED_METADATA_KEY } from "../../../src/modules/invoicing/lib/return-credit"
import NetTermsProviderService from "../../../src/modules/providers/net-terms/service"
import { issueEditCreditNote } from "../../../src/workflows/invoicing/utils/issue-edit-credit-note"
import { voidOrderInvoice } from "../../../src/workflows/invoicing/utils/void-invoice"

/**
 * Issue 11: every request the hub sends to Stripe, and every answer and event
 * the sandbox gives back, conforms to Stripe's OpenAPI document
 * (stripe/openapi@18fa2cc, 2026-09-30.endive), as transcribed in
 * ../stripe/openapi/contract.ts. The hub's own code drives the traffic: the
 * issuing sequence, the net-terms provider (capture, refund, webhooks), the
 * order-edit credit note and the void path, with the real SDK.
 */

const API_KEY = "sk_test_contract"

/** Taxed (two rates), a percentage and a fixed promotion (discount lines), shipping. */
const ORDER: OrderSpec = {
  currency: "usd",
  taxRate: 8.25,
  secondTaxRate: 1.5,
  taxInclusive: false,
  items: [
    { unit_minor: 1250, quantity: 4, promotion: { type: "percentage", percent: 10 } },
    { unit_minor: 399, quantity: 3, promotion: { type: "fixed", minor: 150 } },
    { unit_minor: 2000, quantity: 1, promotion: { type: "none" } },
  ],
  shipping: { amount_minor: 900, promotion: { type: "none" } },
}

interface Delivery {
  headers: IncomingHttpHeaders
  raw: Buffer
}

/** Where the sandbox delivers its webhooks: every signed body, as received. */
async function startReceiver(): Promise<{ server: Server; url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      deliveries.push({ headers: req.headers, raw: Buffer.concat(chunks) })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, deliveries }
}

/** The invoicing module's invoice and credit-note methods the hub's libraries call, over arrays. */
/** The invoicing module as the workflow libraries use it: rows in memory, `stripe()` the SDK at the sandbox. */
function memoryInvoicing(stripe: () => Stripe) {
  const invoices = new Map<string, any>()
  const notes: any[] = []
  const match = (row: any, filter: Record<string, unknown>) => Object.entries(filter).every(([k, v]) => row[k] === v)
  return {
    invoices,
    notes,
    stripe,
    retrieveInvoice: async (id: string) => invoices.get(id),
    updateInvoices: async ({ id, ...data }: any) => Object.assign(invoices.get(id), data),
    retrieveCreditNote: async (id: string) => notes.find((n) => n.id === id),
    listCreditNotes: async (filter: Record<string, unknown>) => notes.filter((n) => match(n, filter)),
    createCreditNotes: async (data: any) => (
      notes.push({ id: `bcn_${notes.length + 1}`, ...data }),
      notes[notes.length - 1]
    ),
    updateCreditNotes: async ({ id, ...data }: any) =>
      Object.assign(
        notes.find((n) => n.id === id),
        data
      ),
  }
}

describe(`Stripe contract — the hub's requests and the sandbox's answers against Stripe's OpenAPI document ${OPENAPI_SOURCE.version}`, () => {
  let sbx: StripeSandbox
  let stripe: Stripe
  let receiver: Awaited<ReturnType<typeof startReceiver>>

  beforeAll(async () => {
    receiver = await startReceiver()
    sbx = await startStripeSandbox({ recordResponses: true, webhookUrl: receiver.url })
    stripe = createStripeClient({ apiKey: API_KEY, apiBase: sbx.url, maxNetworkRetries: 0, timeoutMs: 5_000 })
  })
  afterAll(async () => {
    await sbx.close()
    await new Promise((resolve) => receiver.server.close(resolve))
  })

  describe("the hub's traffic", () => {
    // The workflow libraries reach Stripe through the invoicing module's stripe().
    const invoicing = memoryInvoicing(() => stripe)
    const container = {
      resolve: (key: string): any => {
        if (key === Modules.LOCKING) return { execute: async (_key: string, job: () => Promise<unknown>) => job() }
        if (key === INVOICING_MODULE) return invoicing
        throw new Error(`contract spec: the fake container has no ${key}`)
      },
    }
    let seq = 0

    /** One of the company's invoices through the hub's issuing sequence; `stopAt` leaves it unfinished. */
    async function issue(
      opts: { customer: string | null; kind?: "order" | "supplementary"; verify?: boolean; stopAt?: string } = {
        customer: null,
      }
    ) {
      const n = ++seq
      const order = medusaOrder(ORDER, `order_contract${n}`)
      const money = orderMoney(order)
      const { lines, total_minor } = buildInvoiceLines(money)
      const record = {
        id: `binv_contract${n}`,
        order_id: order.id,
        company_id: "comp_contract",
        status: "issuing",
        currency_code: "usd",
        payment_terms: "net_30",
        sequence: opts.kind === "supplementary" ? 2 : 1,
        attempts: 1,
        stripe_invoice_id: null as string | null,
        stripe_customer_id: opts.customer,
        total_minor: total_minor.toString(),
        amount_due_minor: total_minor.toString(),
        amount_paid_minor: "0",
        credited_minor: "0",
        money: orderMoneyToJson(money),
      }
      invoicing.invoices.set(record.id, record)
      const input: IssueSequenceInput = {
        invoice: {
          id: record.id,
          stripe_invoice_id: null,
          progress: null,
          days_until_due: 30,
          payment_session_id: `payses_contract${n}`,
          contract_id: "ctr_contract",
          sequence: record.sequence,
          kind: opts.kind ?? "order",
          related_invoice_number: opts.kind === "supplementary" ? "SBX-0001" : null,
          capture_max_minor: opts.kind === "supplementary" ? total_minor : null,
        },
        order: { id: order.id, display_id: n, currency_code: "usd", po_number: `PO-${n}`, total_minor },
        company: {
          id: "comp_contract",
          name: "Contract Buyer GmbH",
          billing_email: "ap@contract.test",
          erp_account_number: "ERP-1",
          stripe_customer_id: opts.customer,
        },
        lines,
      }
      let customer = opts.customer
      let stripeInvoice: Stripe.Invoice | null = null
      try {
        stripeInvoice = await runIssueSequence(
          stripe,
          input,
          {
            onCustomer: async (id) => void (customer = id),
            onProgress: async (u) => {
              record.stripe_invoice_id = u.stripe_invoice_id
              if (u.progress === opts.stopAt) throw new Error(`stopped at ${u.progress}`)
            },
          },
          { verifyWithStripe: opts.verify, linesPerBatch: 4 }
        )
      } catch (err) {
        if (!opts.stopAt) throw err
      }
      if (stripeInvoice) Object.assign(record, { status: stripeInvoice.status, number: stripeInvoice.number })
      return { record, money, stripeInvoice, customer: customer as string, lines }
    }

    it("issues, credits, captures, refunds, voids and deletes with requests Stripe accepts and answers Stripe could give", async () => {
      const provider = new NetTermsProviderService(
        {},
        { apiKey: API_KEY, webhookSecret: sbx.webhookSecret, apiBase: sbx.url }
      )

      // Invoice A: customer, draft, line batches with tax amounts and discount lines, finalize, send.
      const a = await issue({ customer: null })
      expect(a.stripeInvoice).toMatchObject({ status: "open" })
      expect(a.lines.some((l) => l.kind === "amount" && l.amount < 0n)).toBe(true)
      expect(a.lines.some((l) => l.taxes.length === 2)).toBe(true)

      // An order edit's credit note on A: custom lines with tax amounts on the invoice's tax rates.
      const edited = a.money.items[0]
      invoicing.notes.push({
        id: "bcn_edit",
        invoice_id: a.record.id,
        order_id: a.record.order_id,
        reason_key: `${a.record.order_id}:edit:1`,
        amount_minor: (edited.net_minor + edited.tax_minor).toString(),
        stripe_credit_note_id: null,
        lines: creditLinesToJson([
          {
            line_id: edited.id,
            quantity: edited.quantity,
            net_minor: edited.net_minor,
            tax_minor: edited.tax_minor,
            tax_lines: edited.tax_lines.map((t) => ({ rate: t.rate, code: t.code, amount_minor: t.amount_minor })),
          },
        ]),
      })
      const credited = await issueEditCreditNote(container, "bcn_edit")
      expect(credited).toMatchObject({ outcome: "done", stripe_credit_note_id: expect.stringMatching(/^cn_/) })
      const editNote = sbx.creditNotes().find((n) => n.id === credited.stripe_credit_note_id)
      expect(editNote?.lines.data.some((l) => l.taxes.length > 0)).toBe(true)

      // What the return step publishes before a note (credit-return.ts publishReturnsCovered, a private function: the same call).
      await stripe.invoices.update(
        a.stripeInvoice!.id!,
        { metadata: { [RETURNS_COVERED_METADATA_KEY]: "0" } },
        { idempotencyKey: stripeKeys.invoiceReturnsCovered(a.record.id, "contract", 0n) }
      )

      // The provider: status, capture (paid out of band), then a refund after payment (an amount-only note).
      const payment = {
        stripe_invoice_id: a.stripeInvoice!.id!,
        order_id: a.record.order_id,
        currency_code: "usd",
        invoice_sequence: 1,
      }
      await provider.getPaymentStatus({ data: payment } as any)
      await provider.capturePayment({ data: payment } as any)
      expect(sbx.invoices().find((i) => i.id === payment.stripe_invoice_id)).toMatchObject({ status: "paid" })
      // More than the edit credited, so part of it is a new note.
      await provider.refundPayment({
        amount: 60,
        data: payment,
        context: { idempotency_key: "refund_contract_1" },
      } as any)
      expect(sbx.creditNotes().filter((n) => n.invoice === payment.stripe_invoice_id)).toHaveLength(2)

      // Invoice B: a supplementary invoice for the known customer, resumed by looking Stripe up first; then voided.
      const b = await issue({ customer: a.customer, kind: "supplementary", verify: true })
      expect(b.stripeInvoice).toMatchObject({ status: "open", customer: a.customer })
      const voided = await voidOrderInvoice(container, b.record as any)
      expect(voided.invoice.status).toBe("void")

      // Invoice C: the run stops after the create call; voiding deletes the Stripe draft.
      const c = await issue({ customer: a.customer, stopAt: "created" })
      expect(c.record.stripe_invoice_id).toMatch(/^in_/)
      await voidOrderInvoice(container, { ...c.record, status: "issuing" } as any)
      expect(sbx.invoices().some((i) => i.id === c.record.stripe_invoice_id)).toBe(false)

      // An invoice record naming a Stripe invoice that is gone: Stripe's 404 is part of the traffic too.
      invoicing.invoices.set("binv_gone", {
        ...c.record,
        id: "binv_gone",
        status: "open",
        stripe_invoice_id: "in_gone",
      })
      await voidOrderInvoice(container, invoicing.invoices.get("binv_gone"))

      // Invoice D: the buyer pays on the hosted page; the webhooks reach the provider.
      const d = await issue({ customer: a.customer })
      sbx.payInvoice(d.stripeInvoice!.id!)
      await sbx.flushEvents()
      const actions = await Promise.all(
        receiver.deliveries.map((r) =>
          provider.getWebhookActionAndData({ headers: r.headers as Record<string, unknown>, rawData: r.raw, data: {} })
        )
      )
      // invoice.paid of A (captured out of band) and of D (paid on the hosted page)
      expect(actions.filter((x) => x.action === PaymentActions.SUCCESSFUL)).toHaveLength(2)

      // ── Every request and every answer conforms ──
      expect(sbx.contractViolations()).toEqual([])
      const requests = sbx.requests()
      const problems: string[] = []
      for (const r of requests) {
        const endpoint = ENDPOINTS.find((e) => `${e.method} ${e.path}` === r.endpoint)
        if (!endpoint) {
          problems.push(`${r.method} ${r.path}: no endpoint of the contract`)
          continue
        }
        const refused = checkRequest(endpoint, r.params)
        if (refused) problems.push(`${r.method} ${r.path}: request refused: ${refused.message}`)
        const body = JSON.parse(r.response as string)
        const schema = r.status === 200 ? endpoint.response : { ref: "error" as const }
        problems.push(...checkResponse(schema, body, `${r.method} ${r.path} → ${r.status}`))
      }
      expect(problems).toEqual([])
      for (const delivery of receiver.deliveries)
        expect(checkEvent(JSON.parse(delivery.raw.toString("utf8")))).toEqual([])

      // ── …and covers every endpoint the hub calls, every object, and an error ──
      const hit = new Set(requests.map((r) => r.endpoint))
      expect(
        ENDPOINTS.filter((e) => e.hub)
          .map((e) => `${e.method} ${e.path}`)
          .filter((e) => !hit.has(e))
      ).toEqual([])
      expect(requests.some((r) => r.status === 404 && r.path === "/v1/invoices/in_gone")).toBe(true)
      const bodies = requests.filter((r) => r.status === 200).map((r) => JSON.parse(r.response as string))
      const objects = new Set(
        bodies.flatMap((b) => (b.object === "list" ? ["list", ...b.data.map((x: any) => x.object)] : [b.object]))
      )
      for (const kind of ["customer", "invoice", "line_item", "credit_note", "list"]) expect(objects).toContain(kind)
      expect(bodies.some((b) => b.deleted === true)).toBe(true)
      const types = new Set(receiver.deliveries.map((r) => JSON.parse(r.raw.toString("utf8")).type))
      for (const type of [
        "customer.created",
        "invoice.created",
        "invoice.updated",
        "invoice.finalized",
        "invoice.sent",
        "invoice.paid",
        "invoice.voided",
        "invoice.deleted",
        "credit_note.created",
      ]) {
        expect(types).toContain(type)
      }
    })
  })

  describe("the sandbox refuses what Stripe refuses", () => {
    const post = async (path: string, form: string) => {
      const res = await fetch(`${sbx.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/x-www-form-urlencoded" },
        body: form,
      })
      return {
        status: res.status,
        body: (await res.json()) as { error?: { type: string; code?: string; param?: string; message: string } },
      }
    }
    let draftId: string

    beforeAll(async () => {
      const customer = await stripe.customers.create({ name: "Refusals" })
      draftId = (
        await stripe.invoices.create({ customer: customer.id, collection_method: "send_invoice", days_until_due: 30 })
      ).id!
    })

    const taxLine = (rateData: string) =>
      `lines[0][amount]=1000&lines[0][tax_amounts][0][amount]=190&lines[0][tax_amounts][0][taxable_amount]=1000${rateData}`

    it("an unknown parameter, however deep: 400 parameter_unknown naming it in brackets", async () => {
      const form = taxLine(
        "&lines[0][tax_amounts][0][tax_rate_data][display_name]=VAT&lines[0][tax_amounts][0][tax_rate_data][inclusive]=false&lines[0][tax_amounts][0][tax_rate_data][percentage]=19&lines[0][tax_amounts][0][tax_rate_data][rate]=19"
      )
      expect(await post(`/v1/invoices/${draftId}/add_lines`, form)).toEqual({
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "parameter_unknown",
            param: "lines[0][tax_amounts][0][tax_rate_data][rate]",
            message: "Received unknown parameter: lines[0][tax_amounts][0][tax_rate_data][rate]",
          },
        },
      })
      // Through the SDK, as a typo in the hub would arrive.
      await expect(
        stripe.customers.create({ name: "X", coupon: "SAVE10" } as Stripe.CustomerCreateParams)
      ).rejects.toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "coupon" })
    })

    it("a missing required field: 400 parameter_missing", async () => {
      const form = taxLine(
        "&lines[0][tax_amounts][0][tax_rate_data][display_name]=VAT&lines[0][tax_amounts][0][tax_rate_data][inclusive]=false"
      )
      expect(await post(`/v1/invoices/${draftId}/add_lines`, form)).toMatchObject({
        status: 400,
        body: {
          error: {
            code: "parameter_missing",
            param: "lines[0][tax_amounts][0][tax_rate_data][percentage]",
            message: "Missing required param: lines[0][tax_amounts][0][tax_rate_data][percentage].",
          },
        },
      })
      expect(await post(`/v1/invoices/${draftId}/add_lines`, "expand[0]=lines")).toMatchObject({
        status: 400,
        body: { error: { code: "parameter_missing", param: "lines" } },
      })
    })

    it("a string over its maxLength (customer name: 256) and a value outside its enum", async () => {
      expect(await stripe.customers.create({ name: "n".repeat(256) })).toMatchObject({ name: "n".repeat(256) })
      await expect(stripe.customers.create({ name: "n".repeat(257) })).rejects.toMatchObject({
        statusCode: 400,
        param: "name",
        message: "Invalid string: nnnnnnnnnn...nnnnnnnnnn; must be at most 256 characters",
      })
      await expect(
        stripe.invoices.addLines(draftId, {
          lines: [
            {
              amount: 1,
              tax_amounts: [
                {
                  amount: 0,
                  taxable_amount: 1,
                  tax_rate_data: { display_name: "V".repeat(201), inclusive: false, percentage: 0 },
                },
              ],
            },
          ],
        })
      ).rejects.toMatchObject({ statusCode: 400, param: "lines[0][tax_amounts][0][tax_rate_data][display_name]" })
      await expect(
        stripe.invoices.update(draftId, { collection_method: "weekly" as "send_invoice" })
      ).rejects.toMatchObject({
        statusCode: 400,
        param: "collection_method",
        message: "Invalid collection_method: must be one of charge_automatically or send_invoice",
      })
    })

    it("a wrong type: parameter_invalid_integer, and parameter_invalid_empty for a parameter that cannot be unset", async () => {
      expect(await post(`/v1/invoices/${draftId}/add_lines`, "lines[0][amount]=12.5")).toMatchObject({
        status: 400,
        body: { error: { code: "parameter_invalid_integer", param: "lines[0][amount]" } },
      })
      expect(await post("/v1/credit_notes", `invoice=${draftId}&lines=`)).toMatchObject({
        status: 400,
        body: { error: { code: "parameter_invalid_empty", param: "lines" } },
      })
    })

    it("an endpoint outside the contract: 404, never a silent answer", async () => {
      expect(await post(`/v1/invoices/${draftId}/attach_payment`, "payment_intent=pi_1")).toMatchObject({
        status: 404,
        body: {
          error: {
            type: "invalid_request_error",
            message: expect.stringContaining("Unrecognized request URL (POST: /v1/invoices/"),
          },
        },
      })
      expect(sbx.requests().at(-1)).toMatchObject({ status: 404, executed: false })
      expect(sbx.requests().at(-1)?.endpoint).toBeUndefined()
    })
  })

  describe("the response check", () => {
    it("finds an unknown field, a missing required field, a wrong type and content in an unmodelled field", async () => {
      const customer = await stripe.customers.create({ name: "Shape" })
      const draft = await stripe.invoices.create({
        customer: customer.id,
        collection_method: "send_invoice",
        days_until_due: 30,
      })
      const answer = JSON.parse(sbx.requests().at(-1)?.response as string)
      expect(checkResponse({ ref: "invoice" }, answer)).toEqual([])
      expect(answer.id).toBe(draft.id)

      const { amount_due: _dropped, ...missing } = answer
      expect(
        checkResponse(
          { ref: "invoice" },
          { ...missing, paid: true, total: "0", payments: { object: "list", data: [{}] } }
        )
      ).toEqual([
        'response.total: expected an integer, got "0"',
        "response.paid: not a field of this object in Stripe's document",
        "response.payments: has content, which the contract does not describe (the sandbox should return it null or empty)",
        "response.amount_due: required by Stripe's document, missing",
      ])
      expect(checkResponse({ ref: "invoice" }, { ...answer, lines: { ...answer.lines, total_count: 0 } })).toEqual([
        "response.lines.total_count: not a field of this object in Stripe's document",
      ])
      expect(checkResponse({ ref: "customer" }, { ...customer, created: null })).toEqual([
        "response.created: null, but the field is not nullable",
      ])
    })

    it("checks an event's data.object as the object its type names", () => {
      const event = sbx.events().find((e) => e.event.type === "invoice.created")?.event
      expect(checkEvent(event)).toEqual([])
      expect(
        checkEvent({ ...event, data: { object: { ...event?.data.object, collection_method: "weekly" } } })
      ).toEqual(['event.data.object.collection_method: "weekly" is not one of charge_automatically or send_invoice'])
      expect(checkEvent({ ...event, data: { object: { object: "invoice" } } }).length).toBeGreaterThan(5)
    })

    it("names every object the contract describes in the document", () => {
      for (const contract of Object.values(OBJECTS))
        expect(contract.pointer).toMatch(/^#\/components\/schemas\/[a-z_]+$/)
      for (const e of ENDPOINTS) expect(e.pointer).toMatch(/^#\/paths\/~1v1~1/)
      expect(OPENAPI_SOURCE).toEqual({
        repo: "stripe/openapi",
        path: "latest/openapi.spec3.json",
        commit: "18fa2cc768024b47789dc6fa243acd48478acac2",
        version: "2026-09-30.endive",
      })
    })
  })
})
