import Stripe from "stripe"
import { startStripeSandbox, type StripeSandbox } from "../stripe"

/** Pinned clock: created / finalized / due dates become exact. */
const NOW_MS = Date.UTC(2026, 10, 2, 12, 0, 0)
const NOW = NOW_MS / 1000
const DAY = 86_400

describe("Stripe sandbox — invoicing API through the real SDK", () => {
  let sbx: StripeSandbox
  let stripe: Stripe

  beforeEach(async () => {
    sbx = await startStripeSandbox({ now: () => NOW_MS })
    stripe = new Stripe("sk_test_sandbox", { ...sbx.stripeClientOptions, maxNetworkRetries: 0, timeout: 2000 })
  })
  afterEach(async () => {
    await sbx.close()
  })

  const newCustomer = (email = "ap@acme.test") =>
    stripe.customers.create({ name: "Acme GmbH", email, metadata: { medusa_company_id: "comp_1" } })

  async function openInvoice(lines: Stripe.InvoiceAddLinesParams.Line[]) {
    const customer = await newCustomer()
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
    })
    await stripe.invoices.addLines(draft.id, { lines })
    return stripe.invoices.finalizeInvoice(draft.id)
  }

  it("runs the net-terms sequence: customer → draft → 2 line batches → finalize → send", async () => {
    const customer = await newCustomer()
    expect(customer).toMatchObject({
      object: "customer",
      email: "ap@acme.test",
      livemode: false,
      metadata: { medusa_company_id: "comp_1" },
    })
    expect(customer.id).toMatch(/^cus_/)

    const draft = await stripe.invoices.create(
      {
        customer: customer.id,
        collection_method: "send_invoice",
        days_until_due: 30,
        auto_advance: false,
        currency: "usd",
        custom_fields: [{ name: "PO", value: "PO-4711" }],
        metadata: { medusa_order_id: "order_1" },
        description: "Order order_1",
        footer: "Wire to IBAN DE00…",
        pending_invoice_items_behavior: "exclude",
      },
      { idempotencyKey: "inv:create:order_1:v1" }
    )
    expect(draft).toMatchObject({
      object: "invoice",
      status: "draft",
      number: null,
      customer: customer.id,
      amount_due: 0,
      auto_advance: false,
    })
    expect(draft.id).toMatch(/^in_/)
    expect(draft.custom_fields).toEqual([{ name: "PO", value: "PO-4711" }])

    await stripe.invoices.addLines(draft.id, {
      lines: [
        {
          description: "SKU-1 Widget",
          quantity: 10,
          price_data: { currency: "usd", product_data: { name: "SKU-1" }, unit_amount: 1999 },
          metadata: { sku: "SKU-1" },
        },
        // Contract price with sub-cent precision: 3 × 1234.5 = 3703.5 → 3704 (half-up).
        {
          description: "SKU-2 Gadget",
          quantity: 3,
          price_data: {
            currency: "usd",
            product_data: { name: "SKU-2" },
            unit_amount_decimal: Stripe.Decimal.from("1234.5"),
          },
        },
      ],
    })
    const withAll = await stripe.invoices.addLines(draft.id, {
      lines: [
        { description: "Shipping", amount: 1500 },
        { description: "Contract discount", amount: -500 },
      ],
      invoice_metadata: { lines_version: "2" },
    })
    const expectedTotal = 19_990 + 3704 + 1500 - 500
    expect(withAll).toMatchObject({
      subtotal: expectedTotal,
      total: expectedTotal,
      amount_due: expectedTotal,
      amount_remaining: expectedTotal,
    })
    expect(withAll.metadata).toEqual({ medusa_order_id: "order_1", lines_version: "2" })
    expect(withAll.lines.data).toHaveLength(4)
    const gadget = withAll.lines.data[1]
    expect(gadget).toMatchObject({ object: "line_item", amount: 3704, quantity: 3, invoice: draft.id })
    expect(gadget.id).toMatch(/^il_/)
    // The SDK turns decimal strings into Stripe.Decimal; the exact value survives.
    expect(gadget.pricing?.unit_amount_decimal?.toString()).toBe("1234.5")

    const finalized = await stripe.invoices.finalizeInvoice(draft.id, {}, { idempotencyKey: "inv:finalize:order_1:v1" })
    expect(finalized).toMatchObject({
      status: "open",
      number: "SBX-0001",
      due_date: NOW + 30 * DAY,
      amount_due: expectedTotal,
      status_transitions: { finalized_at: NOW },
    })
    expect(finalized.hosted_invoice_url).toBe(`${sbx.url}/_sandbox/hosted/${draft.id}`)
    expect(finalized.invoice_pdf).toMatch(/\/pdf$/)

    const sent = await stripe.invoices.sendInvoice(draft.id, {}, { idempotencyKey: "inv:send:order_1:v1" })
    expect(sent.status).toBe("open")

    const page = await stripe.invoices.listLineItems(draft.id, { limit: 3 })
    expect(page.data.map((l) => l.description)).toEqual(["SKU-1 Widget", "SKU-2 Gadget", "Shipping"])
    expect(page.has_more).toBe(true)
    expect(sbx.events().map((e) => e.event.type)).toEqual([
      "customer.created",
      "invoice.created",
      "invoice.updated",
      "invoice.updated",
      "invoice.finalized",
      "invoice.sent",
    ])
    expect(sbx.requests().find((r) => r.path === `/v1/invoices/${draft.id}/add_lines`)?.params).toMatchObject({
      lines: [
        { price_data: { currency: "usd", unit_amount: "1999" } },
        { price_data: { unit_amount_decimal: "1234.5" } },
      ],
    })
  })

  it("rounds decimal quantities and unit prices exactly (BigInt, half-up)", async () => {
    const inv = await openInvoice([
      {
        quantity_decimal: Stripe.Decimal.from("0.333333333333"),
        price_data: { currency: "usd", product_data: { name: "A" }, unit_amount: 3 },
      },
      {
        quantity: 7,
        price_data: {
          currency: "usd",
          product_data: { name: "B" },
          unit_amount_decimal: Stripe.Decimal.from("0.071428571428"),
        },
      },
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          product_data: { name: "C" },
          unit_amount_decimal: Stripe.Decimal.from("10.4999"),
        },
      },
    ])
    // 0.999999999999 → 1; 0.499999999996 → 0; 10.4999 → 10
    expect(inv.lines.data.map((l) => l.amount)).toEqual([1, 0, 10])
    expect(inv.total).toBe(11)
  })

  it("replays an idempotent request: same object back, nothing new created", async () => {
    const first = await stripe.customers.create({ email: "a@b.test" }, { idempotencyKey: "cus:1" })
    const again = await stripe.customers.create({ email: "a@b.test" }, { idempotencyKey: "cus:1" })
    expect(again.id).toBe(first.id)
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true")
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
    expect(sbx.customers()).toHaveLength(1)
    expect(sbx.events().filter((e) => e.event.type === "customer.created")).toHaveLength(1)
    expect(sbx.callCount({ method: "POST", path: "/v1/customers", idempotencyKey: "cus:1" })).toBe(2)
    expect(sbx.requests().map((r) => r.replayed)).toEqual([false, true])
  })

  it("rejects the same key with other parameters or another endpoint (StripeIdempotencyError)", async () => {
    await stripe.customers.create({ email: "a@b.test" }, { idempotencyKey: "k1" })
    const otherParams = stripe.customers.create({ email: "c@d.test" }, { idempotencyKey: "k1" })
    await expect(otherParams).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    await expect(otherParams).rejects.toMatchObject({
      type: "StripeIdempotencyError",
      rawType: "idempotency_error",
      statusCode: 400,
    })
    await expect(otherParams).rejects.toThrow(/same parameters they were first used with/)
    await expect(stripe.invoices.create({ customer: "cus_x" }, { idempotencyKey: "k1" })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError
    )
    expect(sbx.customers()).toHaveLength(1)
  })

  it("replays a stored error too, but never a validation error", async () => {
    const customer = await newCustomer()
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 14,
    })
    await stripe.invoices.addLines(draft.id, { lines: [{ description: "X", amount: 700 }] })
    // Paying a draft fails — and that failure is what the key now answers with, even after finalizing.
    await expect(
      stripe.invoices.pay(draft.id, { paid_out_of_band: true }, { idempotencyKey: "pay:1" })
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "invoice_not_editable",
    })
    await stripe.invoices.finalizeInvoice(draft.id)
    const replayed = stripe.invoices.pay(draft.id, { paid_out_of_band: true }, { idempotencyKey: "pay:1" })
    await expect(replayed).rejects.toMatchObject({ statusCode: 400, code: "invoice_not_editable" })
    expect(sbx.requests().at(-1)?.replayed).toBe(true)
    const paid = await stripe.invoices.pay(draft.id, { paid_out_of_band: true }, { idempotencyKey: "pay:2" })
    expect(paid.status).toBe("paid")

    // Parameter validation fails before execution: nothing saved, the key stays free.
    const bogus = { email: "x@y.test", emial: "typo" } as Stripe.CustomerCreateParams
    await expect(stripe.customers.create(bogus, { idempotencyKey: "k-val" })).rejects.toMatchObject({
      code: "parameter_unknown",
      param: "emial",
    })
    const ok = await stripe.customers.create({ email: "x@y.test" }, { idempotencyKey: "k-val" })
    expect(ok.lastResponse.headers["idempotent-replayed"]).toBeUndefined()
  })

  it("answers missing, unknown and invalid input like Stripe", async () => {
    await expect(stripe.invoices.retrieve("in_missing")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
      param: "id",
      message: "No such invoice: 'in_missing'",
    })
    await expect(stripe.invoices.create({})).rejects.toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "customer",
    })
    await expect(stripe.invoices.create({ customer: "cus_nope" })).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "customer",
    })
    const customer = await newCustomer()
    await expect(stripe.invoices.create({ customer: customer.id, days_until_due: 30 })).rejects.toMatchObject({
      statusCode: 400,
      param: "days_until_due",
      message: expect.stringContaining("collection_method=send_invoice"),
    })
    await expect(
      stripe.invoices.create({ customer: customer.id, collection_method: "send_invoice" })
    ).rejects.toMatchObject({
      code: "parameter_missing",
      param: "days_until_due",
    })
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
    })
    await expect(
      stripe.invoices.addLines(draft.id, {
        lines: [{ price_data: { currency: "eur", product_data: { name: "X" }, unit_amount: 1 } }],
      })
    ).rejects.toMatchObject({ param: "lines[0][price_data][currency]" })
    await expect(
      stripe.invoices.addLines(draft.id, {
        lines: [{ amount: 5, price_data: { currency: "usd", product_data: { name: "X" }, unit_amount: 1 } }],
      })
    ).rejects.toThrow(/only specify one of these parameters/)
    const bad = new Stripe("rk_live_nope", { ...sbx.stripeClientOptions, maxNetworkRetries: 0 })
    await expect(bad.customers.list()).rejects.toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 })
  })

  it("enforces the 250-lines-per-invoice limit atomically", async () => {
    const customer = await newCustomer()
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
    })
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ description: `L${i}`, amount: 100 }))
    await stripe.invoices.addLines(draft.id, { lines: lines(200) })
    await expect(stripe.invoices.addLines(draft.id, { lines: lines(51) })).rejects.toMatchObject({
      statusCode: 400,
      param: "lines",
    })
    const after = await stripe.invoices.addLines(draft.id, { lines: lines(50) })
    let count = 0
    for await (const _line of stripe.invoices.listLineItems(draft.id, { limit: 100 })) count++
    expect(count).toBe(250)
    expect(after.lines.data).toHaveLength(10)
    expect(after.lines.has_more).toBe(true)
    expect(after.total).toBe(25_000)
  })

  it("refuses wrong-state transitions with invoice_not_editable", async () => {
    const inv = await openInvoice([{ description: "X", amount: 1000 }])
    const expectNotEditable = (p: Promise<unknown>) =>
      expect(p).rejects.toMatchObject({
        type: "StripeInvalidRequestError",
        statusCode: 400,
        code: "invoice_not_editable",
      })
    await expectNotEditable(stripe.invoices.finalizeInvoice(inv.id))
    await expectNotEditable(stripe.invoices.addLines(inv.id, { lines: [{ amount: 1 }] }))
    await expectNotEditable(stripe.invoices.update(inv.id, { description: "late edit" }))
    await expectNotEditable(stripe.invoices.del(inv.id))
    // metadata stays editable after finalization, as on Stripe
    expect((await stripe.invoices.update(inv.id, { metadata: { erp_doc: "AR-1" } })).metadata).toEqual({
      erp_doc: "AR-1",
    })

    const uncollectible = await stripe.invoices.markUncollectible(inv.id)
    expect(uncollectible.status).toBe("uncollectible")
    await expectNotEditable(stripe.invoices.markUncollectible(inv.id))
    const voided = await stripe.invoices.voidInvoice(inv.id)
    expect(voided).toMatchObject({ status: "void", status_transitions: { voided_at: NOW } })
    await expectNotEditable(stripe.invoices.voidInvoice(inv.id))
    await expectNotEditable(stripe.invoices.pay(inv.id, { paid_out_of_band: true }))
    await expectNotEditable(stripe.invoices.sendInvoice(inv.id))

    const customer = await newCustomer("b@b.test")
    const draft = await stripe.invoices.create({ customer: customer.id })
    await expectNotEditable(stripe.invoices.voidInvoice(draft.id))
    await expect(stripe.invoices.sendInvoice(draft.id)).rejects.toMatchObject({ statusCode: 400 })
    expect(await stripe.invoices.del(draft.id)).toMatchObject({ id: draft.id, deleted: true })
  })

  it("settles invoices: paid out of band, or by the buyer on the hosted page", async () => {
    const a = await openInvoice([{ description: "X", amount: 4200 }])
    const paid = await stripe.invoices.pay(a.id, { paid_out_of_band: true })
    expect(paid).toMatchObject({
      status: "paid",
      amount_paid: 4200,
      amount_remaining: 0,
      status_transitions: { paid_at: NOW },
    })
    await expect(stripe.invoices.pay(a.id, { paid_out_of_band: true })).rejects.toMatchObject({ statusCode: 400 })

    const b = await openInvoice([{ description: "Y", amount: 999 }])
    const res = await fetch(`${sbx.url}/_sandbox/invoices/${b.id}/pay`, { method: "POST" })
    expect(res.status).toBe(200)
    expect(await stripe.invoices.retrieve(b.id)).toMatchObject({ status: "paid", amount_paid: 999 })
    const paidEvent = sbx
      .events()
      .find((e) => e.event.type === "invoice.paid" && (e.event.data.object as { id: string }).id === b.id)
    expect(paidEvent?.event.request).toEqual({ id: null, idempotency_key: null })
    expect(() => sbx.payInvoice(b.id)).toThrow(/is paid/)

    const hosted = await fetch(`${sbx.url}/_sandbox/hosted/${a.id}`)
    expect(await hosted.text()).toContain("SBX-")
    const state = (await (await fetch(`${sbx.url}/_sandbox/state`)).json()) as {
      invoices: Array<{ id: string; status: string }>
    }
    expect(state.invoices.map((i) => i.status).sort()).toEqual(["paid", "paid"])
  })

  it("finalizing a zero-amount invoice settles it at once, as Stripe does", async () => {
    const inv = await openInvoice([
      { description: "Sample", amount: 500 },
      { description: "Sample discount", amount: -500 },
    ])
    expect(inv).toMatchObject({ status: "paid", total: 0, amount_due: 0, amount_paid: 0 })
    expect(
      sbx
        .events()
        .map((e) => e.event.type)
        .slice(-2)
    ).toEqual(["invoice.finalized", "invoice.paid"])
  })

  it("credit notes reduce what is due, cannot exceed the total, and can settle the invoice", async () => {
    const inv = await openInvoice([
      {
        description: "Widget",
        quantity: 4,
        price_data: { currency: "usd", product_data: { name: "W" }, unit_amount: 2500 },
      },
      { description: "Freight", amount: 1000 },
    ])
    expect(inv.amount_due).toBe(11_000)
    const widgetLine = inv.lines.data[0].id
    const cn = await stripe.creditNotes.create({
      invoice: inv.id,
      lines: [{ type: "invoice_line_item", invoice_line_item: widgetLine, quantity: 1 }],
      reason: "order_change",
      memo: "1 widget returned",
      metadata: { rma: "RMA-9" },
    })
    expect(cn).toMatchObject({
      object: "credit_note",
      amount: 2500,
      invoice: inv.id,
      status: "issued",
      type: "pre_payment",
      number: "SBX-0001-CN-01",
    })
    expect(cn.id).toMatch(/^cn_/)
    expect(await stripe.invoices.retrieve(inv.id)).toMatchObject({
      status: "open",
      total: 11_000,
      amount_due: 8500,
      amount_remaining: 8500,
      pre_payment_credit_notes_amount: 2500,
    })
    await expect(stripe.creditNotes.create({ invoice: inv.id, amount: 8501 })).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
    })
    const custom = await stripe.creditNotes.create({
      invoice: inv.id,
      lines: [{ type: "custom_line_item", description: "Goodwill", quantity: 2, unit_amount: 250 }],
    })
    expect(custom.amount).toBe(500)
    const rest = await stripe.creditNotes.create({ invoice: inv.id, amount: 8000 })
    expect(rest.lines.data[0]).toMatchObject({ type: "custom_line_item", amount: 8000 })
    expect(await stripe.invoices.retrieve(inv.id)).toMatchObject({ status: "paid", amount_due: 0, amount_remaining: 0 })

    const listed = await stripe.creditNotes.list({ invoice: inv.id })
    expect(listed.data.map((n) => n.amount)).toEqual([8000, 500, 2500])
    expect((await stripe.creditNotes.retrieve(cn.id)).metadata).toEqual({ rma: "RMA-9" })
    await expect(stripe.creditNotes.retrieve("cn_missing")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    })
  })

  it("credits a paid invoice post-payment", async () => {
    const inv = await openInvoice([{ description: "X", amount: 3000 }])
    await stripe.invoices.pay(inv.id, { paid_out_of_band: true })
    const cn = await stripe.creditNotes.create({ invoice: inv.id, amount: 1000, out_of_band_amount: 1000 })
    expect(cn).toMatchObject({
      type: "post_payment",
      post_payment_amount: 1000,
      pre_payment_amount: 0,
      out_of_band_amount: 1000,
    })
    expect(await stripe.invoices.retrieve(inv.id)).toMatchObject({
      status: "paid",
      amount_paid: 3000,
      post_payment_credit_notes_amount: 1000,
    })
  })

  it("lists with Stripe's shape, filters and cursor pagination", async () => {
    const c1 = await newCustomer("one@acme.test")
    const c2 = await newCustomer("two@acme.test")
    const make = async (customer: string) => {
      const d = await stripe.invoices.create({ customer, collection_method: "send_invoice", days_until_due: 10 })
      await stripe.invoices.addLines(d.id, { lines: [{ amount: 100 }] })
      return d.id
    }
    const ids = [await make(c1.id), await make(c1.id), await make(c1.id), await make(c2.id)]
    await stripe.invoices.finalizeInvoice(ids[0])
    await stripe.invoices.finalizeInvoice(ids[3])

    const open = await stripe.invoices.list({ status: "open" })
    expect(open).toMatchObject({ object: "list", url: "/v1/invoices", has_more: false })
    expect(open.data.map((i) => i.id)).toEqual([ids[3], ids[0]]) // newest first
    expect((await stripe.invoices.list({ customer: c1.id, status: "draft" })).data.map((i) => i.id)).toEqual([
      ids[2],
      ids[1],
    ])

    const page1 = await stripe.invoices.list({ customer: c1.id, limit: 2 })
    expect(page1.has_more).toBe(true)
    const page2 = await stripe.invoices.list({ customer: c1.id, limit: 2, starting_after: page1.data[1].id })
    expect(page2.data.map((i) => i.id)).toEqual([ids[0]])
    expect(page2.has_more).toBe(false)
    const all: string[] = []
    for await (const inv of stripe.invoices.list({ customer: c1.id, limit: 1 })) all.push(inv.id)
    expect(all).toEqual([ids[2], ids[1], ids[0]])

    expect((await stripe.customers.list({ email: "two@acme.test" })).data.map((c) => c.id)).toEqual([c2.id])
    const updated = await stripe.customers.update(c2.id, { name: "Two AG", metadata: { erp_account_no: "D-2" } })
    expect(updated).toMatchObject({ name: "Two AG", metadata: { medusa_company_id: "comp_1", erp_account_no: "D-2" } })
    expect((await stripe.customers.retrieve(c2.id)).id).toBe(c2.id)
    const evt = sbx.events().find((e) => e.event.type === "customer.updated")
    expect(evt?.event.data.previous_attributes).toMatchObject({ name: "Acme GmbH" })
  })
})
