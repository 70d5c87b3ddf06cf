import type { Handler } from "./context"
import { findCustomer } from "./customers"
import { decimalFromInt, formatDecimal, multiplyToMinor, parseDecimal, type Decimal } from "./decimal"
import { ApiError, badRequest, invalidParam, missingParam, noSuch } from "./errors"
import { newId } from "./ids"
import { markPaid } from "./invoice-lifecycle"
import { recomputeTotals } from "./invoice-totals"
import { commitInvoice, findInvoice } from "./invoices"
import { paginate } from "./list"
import { mergeMetadata, Params } from "./params"
import type { InvoiceRecord } from "./store"
import type { CreditNoteLineObject, CreditNoteObject } from "./types"

const CREATE_PARAMS = [
  "amount", "credit_amount", "effective_at", "email_type", "expand", "invoice", "lines", "memo", "metadata",
  "out_of_band_amount", "reason", "refund_amount", "refunds", "shipping_cost",
] as const
const LINE_PARAMS = [
  "amount", "description", "invoice_line_item", "metadata", "quantity", "tax_amounts", "tax_rates", "type",
  "unit_amount", "unit_amount_decimal",
] as const
const REASONS = ["duplicate", "fraudulent", "order_change", "product_unsatisfactory"] as const

function readLine(line: Params, record: InvoiceRecord): CreditNoteLineObject {
  line.onlyKnown(LINE_PARAMS)
  const type = line.oneOf("type", ["invoice_line_item", "custom_line_item"] as const)
  if (!type) throw missingParam(line.name("type"))
  const explicitAmount = line.int("amount", { min: 0 })
  const quantity = line.int("quantity", { min: 0 })
  const base = {
    id: newId("cnli"),
    object: "credit_note_line_item" as const,
    discount_amount: 0 as const,
    discount_amounts: [] as [],
    livemode: false as const,
    metadata: mergeMetadata({}, line.metadata()),
    pretax_credit_amounts: [] as [],
    tax_rates: [] as [],
    taxes: [] as [],
  }
  if (type === "invoice_line_item") {
    const lineId = line.requiredString("invoice_line_item")
    const invoiceLine = record.lines.find((l) => l.id === lineId)
    if (!invoiceLine) throw noSuch("invoice line item", lineId, line.name("invoice_line_item"))
    const unit = parseDecimal(invoiceLine.pricing.unit_amount_decimal) as Decimal
    const qty = quantity ?? invoiceLine.quantity
    if (quantity !== undefined && quantity > invoiceLine.quantity) {
      throw invalidParam(line.name("quantity"), `Quantity ${quantity} exceeds the invoiced quantity ${invoiceLine.quantity}.`)
    }
    const amount = explicitAmount ?? Number(multiplyToMinor(decimalFromInt(qty), unit))
    return {
      ...base,
      amount,
      description: line.string("description") ?? invoiceLine.description,
      invoice_line_item: lineId,
      quantity: qty,
      type,
      unit_amount: null,
      unit_amount_decimal: invoiceLine.pricing.unit_amount_decimal,
    }
  }
  const description = line.string("description")
  if (!description) throw missingParam(line.name("description"))
  const unitInt = line.int("unit_amount", { min: 0 })
  const unitDecimal = line.decimal("unit_amount_decimal")
  const unit = unitDecimal ?? (unitInt !== undefined ? decimalFromInt(unitInt) : undefined)
  if (!unit && explicitAmount === undefined) throw missingParam(line.name("unit_amount"))
  const qty = quantity ?? 1
  const amount = explicitAmount ?? Number(multiplyToMinor(decimalFromInt(qty), unit as Decimal))
  return {
    ...base,
    amount,
    description,
    quantity: qty,
    type,
    unit_amount: unitInt ?? null,
    unit_amount_decimal: unit ? formatDecimal(unit) : null,
  }
}

export const createCreditNote: Handler = (ctx, params) => {
  params.onlyKnown(CREATE_PARAMS)
  for (const key of ["refunds", "shipping_cost"]) {
    if (params.data[key] !== undefined && params.data[key] !== "") {
      throw badRequest(`The Stripe sandbox does not model \`${key}\`.`, "sandbox_unsupported", key)
    }
  }
  const record = findInvoice(ctx.store, params.requiredString("invoice"), "invoice")
  const inv = record.invoice
  if (inv.status !== "open" && inv.status !== "paid") {
    throw badRequest(`You can only create credit notes for open or paid invoices; invoice ${inv.id} is ${inv.status}.`)
  }
  const reason = params.oneOf("reason", REASONS)
  const lineParams = params.objectArray("lines") ?? []
  let lines = lineParams.map((line) => readLine(line, record))
  const linesTotal = lines.reduce((s, l) => s + l.amount, 0)
  const amountParam = params.int("amount", { min: 0 })
  if (amountParam === undefined && lines.length === 0) throw missingParam("amount")
  if (amountParam !== undefined && lines.length > 0 && amountParam !== linesTotal) {
    throw invalidParam("amount", `The amount (${amountParam}) must equal the sum of the lines (${linesTotal}).`)
  }
  const amount = amountParam ?? linesTotal
  if (amount <= 0) throw invalidParam("amount", "A credit note must credit a positive amount.", "amount_too_small")
  const alreadyCredited = inv.pre_payment_credit_notes_amount + inv.post_payment_credit_notes_amount
  if (alreadyCredited + amount > inv.total) {
    throw new ApiError(
      400,
      "invalid_request_error",
      `The credit note amount (${amount}) exceeds the amount that can still be credited on invoice ${inv.id} (${inv.total - alreadyCredited}).`,
      "amount_too_large",
      "amount"
    )
  }
  const prePayment = inv.status === "open" ? Math.min(amount, inv.amount_remaining) : 0
  const postPayment = amount - prePayment
  const refundAmount = params.int("refund_amount", { min: 0 })
  const outOfBand = params.int("out_of_band_amount", { min: 0 })
  let creditAmount = params.int("credit_amount", { min: 0 })
  const splitGiven = [refundAmount, outOfBand, creditAmount].some((v) => v !== undefined)
  if (splitGiven) {
    const split = (refundAmount ?? 0) + (outOfBand ?? 0) + (creditAmount ?? 0)
    if (split !== postPayment) {
      throw invalidParam(
        "credit_amount",
        `The sum of credit amount, refund amount and out of band amount (${split}) must equal the credit note's post-payment amount (${postPayment}).`
      )
    }
  } else {
    // Nothing said about the paid part: credit it to the customer's balance.
    creditAmount = postPayment
  }
  if (lines.length === 0) {
    // Amount-only credit note: one custom line carries the whole amount.
    const whole = { type: "custom_line_item", description: params.string("memo") || "Credit", amount: String(amount) }
    lines = [readLine(new Params(whole, "lines[0]"), record)]
  }
  const now = ctx.store.now()
  record.creditNoteCount += 1
  const id = newId("cn")
  const note: CreditNoteObject = {
    id,
    object: "credit_note",
    amount,
    amount_shipping: 0,
    created: now,
    currency: inv.currency,
    customer: inv.customer,
    customer_balance_transaction: null,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: params.int("effective_at") ?? now,
    invoice: inv.id,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines`, total_count: lines.length },
    livemode: false,
    memo: params.string("memo") ?? null,
    metadata: mergeMetadata({}, params.metadata()),
    number: `${inv.number}-CN-${String(record.creditNoteCount).padStart(2, "0")}`,
    out_of_band_amount: outOfBand ?? null,
    pdf: `${ctx.baseUrl}/_sandbox/credit_notes/${id}/pdf`,
    post_payment_amount: postPayment,
    pre_payment_amount: prePayment,
    pretax_credit_amounts: [],
    reason: reason ?? null,
    refunds: [],
    shipping_cost: null,
    status: "issued",
    subtotal: amount,
    subtotal_excluding_tax: amount,
    total: amount,
    total_excluding_tax: amount,
    total_taxes: [],
    type: postPayment === 0 ? "pre_payment" : prePayment === 0 ? "post_payment" : "mixed",
    voided_at: null,
  }
  ctx.store.creditNotes.set(id, note)
  inv.pre_payment_credit_notes_amount += prePayment
  inv.post_payment_credit_notes_amount += postPayment
  if (creditAmount) findCustomer(ctx.store, inv.customer).balance -= creditAmount
  recomputeTotals(record)
  ctx.emit("credit_note.created", note)
  // Crediting everything still owed settles the invoice, as on Stripe.
  if (inv.status === "open" && inv.amount_remaining === 0) markPaid(ctx, record, { outOfBand: true })
  else commitInvoice(ctx, record, "invoice.updated")
  return note
}

export const retrieveCreditNote: Handler = (ctx, _params, [id]) => {
  const note = ctx.store.creditNotes.get(id)
  if (!note) throw noSuch("credit note", id)
  return note
}

export const listCreditNotes: Handler = (ctx, params) => {
  params.onlyKnown(["created", "customer", "customer_account", "ending_before", "expand", "invoice", "limit", "starting_after"])
  const invoice = params.string("invoice")
  const customer = params.string("customer")
  const matching = [...ctx.store.creditNotes.values()]
    .reverse()
    .filter((n) => (invoice === undefined || n.invoice === invoice) && (customer === undefined || n.customer === customer))
  return paginate(matching, params, "/v1/credit_notes", "credit note")
}
