import type { Handler, HandlerContext } from "./context"
import { findCustomer, readCustomField } from "./customers"
import { badRequest, invalidParam, missingParam, noSuch, notEditable } from "./errors"
import { newId } from "./ids"
import { recomputeTotals } from "./invoice-totals"
import { paginate } from "./list"
import { mergeMetadata, type Params } from "./params"
import { changedFields, snapshot, type InvoiceRecord, type Store } from "./store"
import type { CustomField, InvoiceFields } from "./types"

/** Fields that stay editable after finalization (Stripe locks everything else). */
const EDITABLE_AFTER_DRAFT = new Set(["metadata", "auto_advance", "expand"])

const DAY = 86_400

export function findInvoice(store: Store, id: string, param = "id"): InvoiceRecord {
  const record = store.invoices.get(id)
  if (!record) throw noSuch("invoice", id, param)
  return record
}

/** Features that change amounts; silently ignoring them would make totals lie, so refuse. */
function rejectUnmodelled(params: Params): void {
  const nonEmpty = (key: string) => params.data[key] !== undefined && params.data[key] !== ""
  for (const key of ["from_invoice", "subscription", "discounts", "default_tax_rates", "shipping_cost"]) {
    if (nonEmpty(key)) throw badRequest(`The Stripe sandbox does not model \`${key}\`.`, "sandbox_unsupported", key)
  }
  if (params.object("automatic_tax")?.bool("enabled")) {
    throw badRequest("The Stripe sandbox does not model automatic tax.", "sandbox_unsupported", "automatic_tax")
  }
}

function readCustomFields(params: Params): CustomField[] | null | undefined {
  const fields = params.objectArray("custom_fields")
  if (fields === undefined) return undefined
  if (fields.length > 4)
    throw invalidParam("custom_fields", "Invalid custom_fields: an invoice can have at most 4 custom fields.")
  return fields.length ? fields.map(readCustomField) : null
}

interface Terms {
  collectionMethod: InvoiceFields["collection_method"]
  daysUntilDue: number | null
  dueDate: number | null
}

/** Stripe's rules for payment terms: only `send_invoice` invoices have a due date, set one way. */
function readTerms(params: Params, current: Terms | undefined, now: number): Terms {
  const collectionMethod =
    params.oneOf("collection_method", ["charge_automatically", "send_invoice"] as const) ??
    current?.collectionMethod ??
    "charge_automatically"
  const days = params.int("days_until_due", { min: 0 })
  const due = params.int("due_date", { min: 0 })
  if (days !== undefined && due !== undefined) {
    throw invalidParam("days_until_due", "You may only specify one of these parameters: days_until_due, due_date.")
  }
  if (collectionMethod !== "send_invoice") {
    for (const [key, value] of [
      ["days_until_due", days],
      ["due_date", due],
    ] as const) {
      if (value !== undefined) {
        throw invalidParam(key, `${key} is only valid for invoices where collection_method=send_invoice.`)
      }
    }
    return { collectionMethod, daysUntilDue: null, dueDate: null }
  }
  if (due !== undefined && due < now) throw invalidParam("due_date", "due_date must be in the future.")
  const terms: Terms = {
    collectionMethod,
    daysUntilDue: days ?? (due !== undefined ? null : (current?.daysUntilDue ?? null)),
    dueDate: due ?? (days !== undefined ? null : (current?.dueDate ?? null)),
  }
  if (terms.daysUntilDue === null && terms.dueDate === null) {
    throw missingParam("days_until_due")
  }
  return terms
}

function applyTerms(record: InvoiceRecord, terms: Terms, from: number): void {
  record.invoice.collection_method = terms.collectionMethod
  record.daysUntilDue = terms.daysUntilDue
  record.invoice.due_date = terms.daysUntilDue !== null ? from + terms.daysUntilDue * DAY : terms.dueDate
}

export const createInvoice: Handler = (ctx, params) => {
  rejectUnmodelled(params)
  const customer = findCustomer(ctx.store, params.requiredString("customer"), "customer")
  const now = ctx.store.now()
  const terms = readTerms(params, undefined, now)
  const currency = (params.string("currency") ?? customer.currency ?? "usd").toLowerCase()
  if (!/^[a-z]{3}$/.test(currency)) throw invalidParam("currency", `Invalid currency: ${currency}`)
  params.oneOf("pending_invoice_items_behavior", ["exclude", "include"] as const)
  const id = newId("in")
  const invoice: InvoiceFields = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Backy Sandbox",
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_paid_off_stripe: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: params.bool("auto_advance") ?? false,
    automatic_tax: { enabled: false, liability: null, status: null, disabled_reason: null },
    automatically_finalizes_at: params.int("automatically_finalizes_at") ?? null,
    billing_reason: "manual",
    collection_method: terms.collectionMethod,
    created: now,
    currency,
    custom_fields: readCustomFields(params) ?? customer.invoice_settings.custom_fields,
    customer: customer.id,
    customer_address: customer.address,
    customer_email: customer.email,
    customer_name: customer.name,
    customer_phone: customer.phone,
    customer_shipping: customer.shipping,
    customer_tax_exempt: customer.tax_exempt,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: params.string("description") ?? null,
    discounts: [],
    due_date: null,
    effective_at: params.int("effective_at") ?? null,
    ending_balance: null,
    footer: params.string("footer") ?? customer.invoice_settings.footer,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    livemode: false,
    metadata: mergeMetadata({}, params.metadata()),
    next_payment_attempt: null,
    number: params.string("number") ?? null,
    on_behalf_of: null,
    parent: null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: now,
    period_start: now,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: customer.balance,
    statement_descriptor: params.string("statement_descriptor") ?? null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: now,
  }
  const record: InvoiceRecord = { invoice, lines: [], daysUntilDue: null, creditNoteCount: 0 }
  applyTerms(record, terms, now)
  ctx.store.invoices.set(id, record)
  const rendered = ctx.store.renderInvoice(record)
  ctx.emit("invoice.created", rendered)
  return rendered
}

export const retrieveInvoice: Handler = (ctx, _params, [id]) => ctx.store.renderInvoice(findInvoice(ctx.store, id))

export const updateInvoice: Handler = (ctx, params, [id]) => {
  rejectUnmodelled(params)
  const record = findInvoice(ctx.store, id)
  if (record.invoice.status !== "draft") {
    const locked = Object.keys(params.data).find((key) => !EDITABLE_AFTER_DRAFT.has(key))
    if (locked) {
      throw notEditable(
        `You can only update \`${locked}\` on draft invoices; invoice ${id} is ${record.invoice.status}.`
      )
    }
  }
  const before = snapshot(record.invoice)
  const next = snapshot(record.invoice)
  const nextRecord: InvoiceRecord = { ...record, invoice: next }
  const touchesTerms = ["collection_method", "days_until_due", "due_date"].some((k) => params.has(k))
  if (touchesTerms) {
    const current = {
      collectionMethod: next.collection_method,
      daysUntilDue: record.daysUntilDue,
      dueDate: next.due_date,
    }
    applyTerms(nextRecord, readTerms(params, current, ctx.store.now()), next.created)
  }
  const autoAdvance = params.bool("auto_advance")
  if (autoAdvance !== undefined) next.auto_advance = autoAdvance
  for (const key of ["description", "footer", "statement_descriptor"] as const) {
    const v = params.string(key)
    if (v !== undefined) next[key] = v === "" ? null : v
  }
  const fields = readCustomFields(params)
  if (fields !== undefined) next.custom_fields = fields
  next.metadata = mergeMetadata(next.metadata, params.metadata())
  record.invoice = next
  record.daysUntilDue = nextRecord.daysUntilDue
  const rendered = ctx.store.renderInvoice(record)
  ctx.emit("invoice.updated", rendered, changedFields(before, next))
  return rendered
}

export const deleteInvoice: Handler = (ctx, _params, [id]) => {
  const record = findInvoice(ctx.store, id)
  if (record.invoice.status !== "draft") {
    throw notEditable(`You can only delete draft invoices; invoice ${id} is ${record.invoice.status}. Void it instead.`)
  }
  ctx.store.invoices.delete(id)
  ctx.emit("invoice.deleted", ctx.store.renderInvoice(record))
  return { id, object: "invoice", deleted: true }
}

export const listInvoices: Handler = (ctx, params) => {
  const customer = params.string("customer")
  const status = params.oneOf("status", ["draft", "open", "paid", "uncollectible", "void"] as const)
  const method = params.string("collection_method")
  const created = createdFilter(params)
  const matching = [...ctx.store.invoices.values()]
    .reverse()
    .map((r) => r.invoice)
    .filter(
      (inv) =>
        (customer === undefined || inv.customer === customer) &&
        (status === undefined || inv.status === status) &&
        (method === undefined || inv.collection_method === method) &&
        created(inv.created)
    )
  const page = paginate(matching, params, "/v1/invoices", "invoice")
  return { ...page, data: page.data.map((inv) => ctx.store.renderInvoice(findInvoice(ctx.store, inv.id))) }
}

/** `created=<ts>` or `created[gte|gt|lte|lt]=<ts>`. */
export function createdFilter(params: Params): (created: number) => boolean {
  const exact = typeof params.data.created === "string" ? params.int("created") : undefined
  if (exact !== undefined) return (c) => c === exact
  const range = params.object("created")
  if (!range) return () => true
  const gt = range.int("gt")
  const gte = range.int("gte")
  const lt = range.int("lt")
  const lte = range.int("lte")
  return (c) =>
    (gt === undefined || c > gt) &&
    (gte === undefined || c >= gte) &&
    (lt === undefined || c < lt) &&
    (lte === undefined || c <= lte)
}

/** Shared by every state change: recompute, then return and emit the fresh snapshot. */
export function commitInvoice(ctx: HandlerContext, record: InvoiceRecord, eventType?: string) {
  recomputeTotals(record)
  const rendered = ctx.store.renderInvoice(record)
  if (eventType) ctx.emit(eventType, rendered)
  return rendered
}
