import type { Handler } from "./context"
import { readCreditLine } from "./credit-note-lines"
import { checkAmountStep, roundsInvoiceTotal } from "./currency-rules"
import { findCustomer } from "./customers"
import { ApiError, badRequest, invalidParam, missingParam, noSuch } from "./errors"
import { newId } from "./ids"
import { markPaid } from "./invoice-lifecycle"
import { recomputeTotals } from "./invoice-totals"
import { commitInvoice, findInvoice } from "./invoices"
import { paginate } from "./list"
import { mergeMetadata, Params } from "./params"
import { totalsOf } from "./tax-totals"
import type { CreditNoteObject } from "./types"

const REASONS = ["duplicate", "fraudulent", "order_change", "product_unsatisfactory"] as const

export const createCreditNote: Handler = (ctx, params) => {
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
  let lines = lineParams.map((line) => readCreditLine(line, record, ctx.store))
  // `amount` is "the total amount of the credit note, including tax": lines + exclusive taxes.
  const linesTotal = totalsOf(lines).total
  const amountParam = params.int("amount", { min: 0 })
  if (amountParam === undefined && lines.length === 0) throw missingParam("amount")
  if (amountParam !== undefined && lines.length > 0 && amountParam !== linesTotal) {
    throw invalidParam(
      "amount",
      `The amount (${amountParam}) must equal the total of the lines including exclusive tax (${linesTotal}).`
    )
  }
  const amount = amountParam ?? linesTotal
  // A credit note turns into a refund or a balance credit: Stripe's currency
  // precision ("Refunds" are named for three-decimal currencies) applies to it.
  const currency = inv.currency
  if (amountParam !== undefined) checkAmountStep(currency, amountParam, "amount", "credit note amount")
  if (roundsInvoiceTotal(currency) && amount % 100 !== 0) {
    throw badRequest(
      `The Stripe sandbox does not model a fractional UGX credit note total (${amount}); send tax amounts that keep it a multiple of 100.`,
      "sandbox_unsupported"
    )
  }
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
  const creditAmount = params.int("credit_amount", { min: 0 })
  for (const [key, value] of [
    ["refund_amount", refundAmount],
    ["out_of_band_amount", outOfBand],
    ["credit_amount", creditAmount],
  ] as const) {
    if (value !== undefined) checkAmountStep(currency, value, key, key.replace(/_/g, " "))
  }
  // Create a credit note: "The sum of refunds, customer balance credits, and outside of Stripe
  // credits must equal the post_payment_amount" — nothing is allocated for the caller (changelog
  // 2019-12-03, "New requirement for out_of_band_amount when creating post-payment credit notes").
  const split = (refundAmount ?? 0) + (outOfBand ?? 0) + (creditAmount ?? 0)
  if (split !== postPayment) {
    throw invalidParam(
      "credit_amount",
      `The sum of credit amount, refund amount and out of band amount (${split}) must equal the credit note's post-payment amount (${postPayment}).`
    )
  }
  if (lines.length === 0) {
    // Amount-only credit note: one custom line carries the whole amount, with
    // no tax breakdown (how Stripe splits an amount-only note on a taxed
    // invoice is not documented; the amount credited is the same either way).
    const whole = { type: "custom_line_item", description: params.string("memo") || "Credit", amount: String(amount) }
    lines = [readCreditLine(new Params(whole, "lines[0]"), record, ctx.store)]
  }
  const totals = totalsOf(lines)
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
    lines: { object: "list", data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
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
    subtotal: totals.subtotal,
    subtotal_excluding_tax: totals.subtotal_excluding_tax,
    total: totals.total,
    total_excluding_tax: totals.total_excluding_tax,
    total_taxes: totals.total_taxes,
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
  const invoice = params.string("invoice")
  const customer = params.string("customer")
  const matching = [...ctx.store.creditNotes.values()]
    .reverse()
    .filter(
      (n) => (invoice === undefined || n.invoice === invoice) && (customer === undefined || n.customer === customer)
    )
  return paginate(matching, params, "/v1/credit_notes", "credit note")
}
