import { EVENT_CATALOGUE, EVENT_TYPES, payloadSchema, SUBSCRIBABLE_EVENT_TYPES, type JsonSchema } from "../catalogue"
import { insertHubEvents, UnknownEventTypeError } from "../lib/insert-event"
import { toOrderDocument } from "../../../lib/orders/order-document"
import { toInvoiceDocument } from "../../invoicing/lib/invoice-document"
import { ERP_EVENT_TYPES } from "../../erp/lib/event-types"
import { HUB_EVENT_BY_STATUS } from "../../invoicing/lib/stripe-state"
import { toApprovalDocument } from "../../b2b/lib/approval-document"
import { toQuoteDocument, toQuoteVersionDocument, type QuoteRow } from "../../quote/lib/quote-document"
import { diffVersions } from "../../quote/lib/quote-diff"
import type { QuoteLine } from "../../quote/models/quote-version"

/** Just enough JSON Schema (the keywords the catalogue uses) to check real payloads against it. */
function violations(schema: JsonSchema, value: unknown, path = "$"): string[] {
  if (schema.anyOf) {
    const branches = (schema.anyOf as JsonSchema[]).map((s) => violations(s, value, path))
    return branches.some((b) => b.length === 0)
      ? []
      : [`${path}: matches no branch (${branches.map((b) => b[0]).join(" | ")})`]
  }
  const out: string[] = []
  if ("const" in schema && value !== schema.const) out.push(`${path}: expected ${JSON.stringify(schema.const)}`)
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    out.push(`${path}: ${JSON.stringify(value)} not in enum`)
  const type = schema.type as string | undefined
  const actual =
    value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value
  if (type && !(type === actual || (type === "number" && actual === "integer")))
    return [...out, `${path}: expected ${type}, got ${actual}`]
  if (typeof value === "string" && schema.pattern && !new RegExp(schema.pattern as string).test(value))
    out.push(`${path}: does not match ${schema.pattern}`)
  if (typeof value === "string" && schema.format === "date-time" && Number.isNaN(Date.parse(value)))
    out.push(`${path}: not a date-time`)
  if (typeof value === "number" && typeof schema.minimum === "number" && value < schema.minimum)
    out.push(`${path}: below ${schema.minimum}`)
  if (actual === "object") {
    const object = value as Record<string, unknown>
    for (const key of (schema.required as string[] | undefined) ?? [])
      if (!(key in object)) out.push(`${path}.${key}: required`)
    for (const [key, sub] of Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      if (key in object) out.push(...violations(sub, object[key], `${path}.${key}`))
    }
  }
  if (actual === "array" && schema.items)
    (value as unknown[]).forEach((v, i) => out.push(...violations(schema.items as JsonSchema, v, `${path}[${i}]`)))
  return out
}

const envelope = (type: string, resource: { type: string; id: string }, data: unknown) => ({
  id: "evt_01TEST",
  type,
  version: 1,
  occurred_at: new Date().toISOString(),
  sequence: 3,
  resource,
  data,
})

const order = toOrderDocument({
  id: "order_1",
  display_id: 42,
  status: "pending",
  currency_code: "usd",
  email: "dana@acme.example",
  created_at: new Date(),
  updated_at: new Date(),
  metadata: { po_number: "PO-1", company_id: "comp_1", contract_id: "ctr_1" },
  sales_channel_id: "sc_1",
  total: 61.5,
  tax_total: 0,
  discount_total: 0,
  shipping_total: 15,
  items: [
    {
      id: "li_1",
      title: "Kit",
      variant_id: "v1",
      variant_sku: "KIT",
      product_id: "p1",
      quantity: 2,
      unit_price: 10,
      subtotal: 20,
      tax_total: 0,
      discount_total: 0,
      total: 20,
      metadata: { contract_rule_id: "cpr_1" },
    },
  ],
  shipping_address: { first_name: "Dana", city: "San Francisco", country_code: "us" },
  billing_address: null,
})
const approval = (status: string, extra: Record<string, unknown> = {}) => ({
  approval_request: toApprovalDocument({
    id: "apreq_1",
    company_id: "comp_1",
    cart_id: "cart_1",
    customer_id: "cus_1",
    employee_id: "emp_1",
    status,
    currency_code: "usd",
    total_minor: 124_000,
    cart_fingerprint: "f",
    levels: [
      { approver: "approver", reasons: ["order total 1,240.00 USD is above 500.00 USD (rule aprl_1)"] },
      { approver: "company_admin", reasons: ["second level above 1,000.00 USD (rule aprl_1)"] },
    ],
    current_level: status === "approved" ? 2 : 0,
    decisions: [],
    credit_override: false,
    expires_at: new Date(),
    created_at: new Date(),
    ...extra,
  }),
})
const quoteLine = (variant: string, quantity: number, unit: number, explanation: string | null): QuoteLine => ({
  variant_id: variant,
  sku: variant === "variant_kit" ? "KIT" : null,
  title: variant === "variant_kit" ? "Kit" : "Bolt",
  quantity,
  contract_unit_price_minor: "1000",
  unit_price_minor: String(unit),
  subtotal_minor: String(unit * quantity),
  explanation,
})
const quoteRow = (extra: Partial<QuoteRow> = {}): QuoteRow => ({
  id: "quo_1",
  company_id: "comp_1",
  customer_id: "cus_1",
  employee_id: "emp_1",
  currency_code: "usd",
  region_id: "reg_1",
  po_number: null,
  status: "requested",
  latest_version: 1,
  created_at: new Date(),
  updated_at: new Date(),
  ...extra,
})
// Version 1: the buyer's request at contract prices, no diff, no shipping.
const requestedLines = [quoteLine("variant_kit", 2, 1000, "contract price (rule cpr_1)")]
const requestedVersion = toQuoteVersionDocument({
  number: 1,
  lines: requestedLines,
  subtotal_minor: "2000",
  discount_minor: "0",
  shipping: null,
  shipping_minor: "0",
  total_minor: "2000",
  payment_terms: "net_30",
  expires_at: null,
  author_type: "employee",
  author_id: "emp_1",
  comment: "Can you do better on 10?",
  diff: null,
  sent_at: null,
  created_at: new Date(),
})
// Version 2: staff's revision with two lines, a discount, shipping and the diff against version 1.
const expiresAt = new Date(Date.now() + 7 * 86_400_000)
const sentLines = [quoteLine("variant_kit", 10, 900, null), quoteLine("variant_bolt", 5, 250, "list price")]
const sentShipping = { shipping_option_id: "so_1", name: "Freight", amount_minor: "1500" }
const sentVersion = toQuoteVersionDocument({
  number: 2,
  lines: sentLines,
  subtotal_minor: 10_250n,
  discount_minor: 250n,
  shipping: sentShipping,
  shipping_minor: 1500n,
  total_minor: 11_500n,
  payment_terms: "net_45",
  expires_at: expiresAt,
  author_type: "user",
  author_id: "user_1",
  comment: "10 at 9.00",
  diff: diffVersions(
    {
      number: 1,
      lines: requestedLines,
      discount_minor: "0",
      shipping: null,
      payment_terms: "net_30",
      expires_at: null,
    },
    {
      number: 2,
      lines: sentLines,
      discount_minor: 250n,
      shipping: sentShipping,
      payment_terms: "net_45",
      expires_at: expiresAt,
    }
  ),
  sent_at: new Date(),
  created_at: new Date(),
})
const sent = { latest_version: 2, sent_version: 2, sent_at: new Date(), expires_at: expiresAt }
const quote = (extra: Partial<QuoteRow>, version = sentVersion) => ({
  quote: toQuoteDocument(quoteRow(extra)),
  version,
})
const invoice = toInvoiceDocument({
  id: "binv_1",
  order_id: "order_1",
  company_id: "comp_1",
  number: "INV-1",
  status: "open",
  currency_code: "usd",
  payment_terms: "net_30",
  total_minor: 6150n,
  amount_due_minor: 6150n,
  due_at: new Date(),
})

describe("event catalogue", () => {
  it("has every type of the issue, each with a version and a JSON Schema, and webhook.test for test sends only", () => {
    expect(EVENT_TYPES).toEqual(
      expect.arrayContaining([
        "order.placed",
        "order.updated",
        "order.canceled",
        "order.fulfillment_created",
        "order.shipped",
        "order.returned",
        "invoice.issued",
        "invoice.paid",
        "invoice.overdue",
        "invoice.voided",
        "credit_note.created",
        "erp.sync_failed",
        "webhook.endpoint.disabled",
        "approval.requested",
        "approval.approved",
        "approval.rejected",
        "approval.expired",
        "quote.requested",
        "quote.sent",
        "quote.accepted",
        "quote.rejected",
        "quote.expired",
      ])
    )
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length)
    expect(SUBSCRIBABLE_EVENT_TYPES).not.toContain("webhook.test")
    for (const definition of EVENT_CATALOGUE) {
      expect(Number.isInteger(definition.version) && definition.version >= 1).toBe(true)
      const schema = payloadSchema(definition)
      expect(schema.$id).toBe(`urn:backy:event:${definition.type}:v${definition.version}`)
      expect(schema.required).toEqual(["id", "type", "version", "occurred_at", "sequence", "resource", "data"])
    }
  })

  it("accepts the payloads the producers build", () => {
    const samples: Record<string, unknown> = {
      "order.placed": { order },
      "order.updated": { order },
      "order.canceled": { order: { ...order, status: "canceled", canceled_at: new Date().toISOString() } },
      "order.fulfillment_created": { order, fulfillment_id: "ful_1" },
      "order.shipped": { order, fulfillment_id: "ful_1" },
      "order.returned": {
        order,
        return: {
          id: "return_1",
          display_id: 1,
          status: "received",
          received_at: new Date().toISOString(),
          lines: [{ ...order.lines[0], quantity: 1, total_minor: "1000", net_minor: "1000" }],
          subtotal_minor: "1000",
          discount_minor: "0",
          discount_tax_minor: "0",
          tax_minor: "0",
          total_minor: "1000",
        },
      },
      "invoice.issued": { invoice },
      "invoice.paid": { invoice: { ...invoice, status: "paid", amount_due_minor: "0", amount_paid_minor: "6150" } },
      "invoice.overdue": { invoice: { ...invoice, overdue: true } },
      "invoice.voided": { invoice: { ...invoice, status: "void" } },
      "credit_note.created": {
        invoice,
        credit_note: {
          id: "cn_1",
          number: "CN-1",
          amount_minor: "1000",
          pre_payment_minor: "1000",
          post_payment_minor: "0",
          reason: null,
          reason_key: "ret_1",
        },
      },
      "erp.sync_failed": {
        order_id: "order_1",
        connection_id: "erpc_1",
        delivery_id: "dlv_1",
        attempts: 8,
        error: "timeout",
      },
      "webhook.endpoint.disabled": {
        endpoint: { id: "ep_1", partner_id: "ptn_1", url: "https://x.example/h" },
        reason: "gone",
        failing_since: null,
        disabled_at: new Date().toISOString(),
      },
      "webhook.test": { endpoint_id: "ep_1", message: "hello" },
      "approval.requested": approval("pending"),
      "approval.approved": approval("approved", {
        order_id: "order_1",
        decided_at: new Date(),
        decisions: [
          {
            level: 0,
            approver: "approver",
            decision: "approved",
            actor_type: "employee",
            actor_id: "cus_2",
            comment: null,
            at: new Date().toISOString(),
          },
        ],
      }),
      "approval.rejected": approval("rejected", { decided_at: new Date() }),
      "approval.expired": approval("expired", { decided_at: new Date() }),
      "quote.requested": quote({}, requestedVersion),
      "quote.sent": quote({ ...sent, status: "quoted" }),
      "quote.accepted": quote({
        ...sent,
        status: "accepted",
        accepted_version: 2,
        cart_id: "cart_1",
        order_id: "order_1",
        closed_at: new Date(),
      }),
      "quote.rejected": quote({ ...sent, status: "rejected", closed_at: new Date() }),
      "quote.expired": quote({ ...sent, status: "expired", closed_at: new Date() }),
    }
    // The diff above is a real one: both kinds of line change and changed terms.
    expect(sentVersion.diff?.lines.map((l) => l.change)).toEqual(["changed", "added"])
    expect(sentVersion.diff?.terms.map((t) => t.field)).toEqual([
      "discount_minor",
      "shipping",
      "payment_terms",
      "expires_at",
    ])
    for (const definition of EVENT_CATALOGUE) {
      const resource = { type: definition.resource, id: "r_1" }
      expect({
        type: definition.type,
        problems: violations(payloadSchema(definition), envelope(definition.type, resource, samples[definition.type])),
      }).toEqual({ type: definition.type, problems: [] })
    }
    // And refuses a payload that breaks its schema.
    const placed = EVENT_CATALOGUE.find((d) => d.type === "order.placed")!
    expect(
      violations(
        payloadSchema(placed),
        envelope("order.placed", { type: "order", id: "o" }, { order: { ...order, total_minor: 61.5 } })
      )
    ).toEqual(["$.data.order.total_minor: expected string, got number"])
    const accepted = EVENT_CATALOGUE.find((d) => d.type === "quote.accepted")!
    const held = quote({ ...sent, status: "pending_approval", accepted_version: 2, approval_request_id: "apreq_1" })
    expect(
      violations(payloadSchema(accepted), envelope("quote.accepted", { type: "quote", id: "quo_1" }, held))
    ).toEqual([])
    expect(
      violations(
        payloadSchema(accepted),
        envelope(
          "quote.accepted",
          { type: "quote", id: "quo_1" },
          { ...held, version: { ...sentVersion, total_minor: 11500 } }
        )
      )
    ).toEqual(["$.data.version.total_minor: expected string, got integer"])
    expect(
      violations(
        payloadSchema(accepted),
        envelope(
          "quote.accepted",
          { type: "quote", id: "quo_1" },
          { ...held, quote: { ...held.quote, status: "open" } }
        )
      )
    ).toEqual(['$.data.quote.status: "open" not in enum'])
  })

  it("covers the types the ERP sync consumes and invoicing emits, and producers cannot record a type outside it", async () => {
    for (const type of [...ERP_EVENT_TYPES, ...Object.values(HUB_EVENT_BY_STATUS)]) expect(EVENT_TYPES).toContain(type)
    const trx = {} as never // refused before any query
    await expect(
      insertHubEvents(trx, [
        { type: "order.exploded" as never, resource_type: "order", resource_id: "o", dedupe_key: "k", data: {} },
      ])
    ).rejects.toBeInstanceOf(UnknownEventTypeError)
  })
})
