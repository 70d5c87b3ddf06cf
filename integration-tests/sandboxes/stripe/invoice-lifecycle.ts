import type { Handler, HandlerContext } from "./context"
import { roundsInvoiceTotal } from "./currency-rules"
import { badRequest, notEditable } from "./errors"
import { recomputeTotals } from "./invoice-totals"
import { findCustomer } from "./customers"
import { commitInvoice, findInvoice } from "./invoices"
import type { InvoiceRecord } from "./store"
import type { InvoiceStatus } from "./types"

const DAY = 86_400

function requireStatus(record: InvoiceRecord, action: string, allowed: InvoiceStatus[]): void {
  const { id, status } = record.invoice
  if (!allowed.includes(status)) {
    throw notEditable(
      `You can only ${action} invoices with status ${allowed.join(" or ")}; invoice ${id} is ${status}.`
    )
  }
}

/**
 * draft → open: number, hosted page and PDF links, and the customer's balance
 * applied. The due date stays as set at creation: Stripe's `days_until_due` is
 * "the number of days from when the invoice is created until it is due"
 * (Invoice object, stripe/openapi spec3).
 */
export const finalizeInvoice: Handler = (ctx, params, [id]) => {
  const record = findInvoice(ctx.store, id)
  if (record.invoice.status !== "draft") {
    throw notEditable(
      `This invoice is already finalized, you can't re-finalize a non-draft invoice (${id} is ${record.invoice.status}).`
    )
  }
  const inv = record.invoice
  refuseUnroundedUgx(record)
  const now = ctx.store.now()
  const autoAdvance = params.bool("auto_advance")
  if (autoAdvance !== undefined) inv.auto_advance = autoAdvance
  inv.status = "open"
  inv.number ??= ctx.store.nextInvoiceNumber()
  inv.status_transitions.finalized_at = now
  inv.effective_at ??= now
  if (record.daysUntilDue !== null) inv.due_date = inv.created + record.daysUntilDue * DAY
  inv.hosted_invoice_url = `${ctx.baseUrl}/_sandbox/hosted/${id}`
  inv.invoice_pdf = `${ctx.baseUrl}/_sandbox/invoices/${id}/pdf`
  applyCustomerBalance(ctx, record)
  recomputeTotals(record)
  // Stripe settles a zero-amount invoice as paid the moment it is finalized.
  const rendered = commitInvoice(ctx, record, "invoice.finalized")
  if (inv.amount_due === 0) return markPaid(ctx, record, { outOfBand: false })
  return rendered
}

/**
 * Stripe, Create a credit note: `credit_amount` credits "the customer's
 * balance, which will be automatically applied to their next invoice when
 * it's finalized"; Invoice object: `starting_balance` is the "starting customer
 * balance before the invoice is finalized", `ending_balance` the "ending
 * customer balance after the invoice is finalized". A credit (negative
 * balance) pays at most what the invoice asks; a debit (positive) is added to it.
 */
function applyCustomerBalance(ctx: HandlerContext, record: InvoiceRecord): void {
  const inv = record.invoice
  const customer = findCustomer(ctx.store, inv.customer)
  recomputeTotals(record)
  const due = inv.amount_due
  const starting = customer.balance
  const applied = starting < 0 ? Math.max(starting, -due) : starting
  inv.starting_balance = starting
  inv.ending_balance = starting - applied
  customer.balance = inv.ending_balance
}

/**
 * Stripe, "Supported currencies" → Special cases, UGX: "For invoices where the
 * amount is fractional after prorations, coupons, or taxes, Stripe
 * automatically rounds that amount to the nearest number evenly divisible by
 * 100. Any difference from rounding is credited or debited to the customer
 * balance." Which way a half rounds and how the balance shows it are not
 * documented, so the sandbox refuses to finalize instead of guessing.
 */
function refuseUnroundedUgx(record: InvoiceRecord): void {
  recomputeTotals(record)
  const { currency, total } = record.invoice
  if (roundsInvoiceTotal(currency) && total % 100 !== 0) {
    throw badRequest(
      `The Stripe sandbox does not model Stripe's rounding of a fractional UGX invoice total (${total}) to a multiple of 100; send tax amounts that keep the total whole.`,
      "sandbox_unsupported"
    )
  }
}

export const sendInvoice: Handler = (ctx, _params, [id]) => {
  const record = findInvoice(ctx.store, id)
  if (record.invoice.collection_method !== "send_invoice") {
    throw badRequest(
      `You can only send invoices with collection_method=send_invoice; invoice ${id} uses ${record.invoice.collection_method}.`
    )
  }
  // Stripe also lets you re-send a paid invoice (as a receipt-less copy).
  requireStatus(record, "send", ["open", "paid"])
  return commitInvoice(ctx, record, "invoice.sent")
}

export const payInvoice: Handler = (ctx, params, [id]) => {
  const record = findInvoice(ctx.store, id)
  if (record.invoice.status === "paid") throw badRequest(`Invoice is already paid (${id}).`, "invoice_not_editable")
  requireStatus(record, "pay", ["open", "uncollectible"])
  // No payment methods in the sandbox: a charge attempt always succeeds.
  return markPaid(ctx, record, { outOfBand: params.bool("paid_out_of_band") ?? false })
}

export const voidInvoice: Handler = (ctx, _params, [id]) => {
  const record = findInvoice(ctx.store, id)
  requireStatus(record, "void", ["open", "uncollectible"])
  record.invoice.status = "void"
  record.invoice.status_transitions.voided_at = ctx.store.now()
  return commitInvoice(ctx, record, "invoice.voided")
}

export const markUncollectible: Handler = (ctx, _params, [id]) => {
  const record = findInvoice(ctx.store, id)
  requireStatus(record, "mark as uncollectible", ["open"])
  record.invoice.status = "uncollectible"
  record.invoice.status_transitions.marked_uncollectible_at = ctx.store.now()
  return commitInvoice(ctx, record, "invoice.marked_uncollectible")
}

/**
 * open|uncollectible → paid for everything still due. Emits invoice.paid, plus
 * invoice.payment_succeeded when the money moved through "Stripe" (not out of band).
 */
export function markPaid(ctx: HandlerContext, record: InvoiceRecord, how: { outOfBand: boolean }) {
  const inv = record.invoice
  recomputeTotals(record)
  inv.amount_paid += inv.amount_remaining
  // "Amount … paid on the invoice outside of Stripe" (Invoice.amount_paid_off_stripe).
  if (how.outOfBand) inv.amount_paid_off_stripe += inv.amount_remaining
  inv.amount_remaining = 0
  inv.status = "paid"
  inv.status_transitions.paid_at = ctx.store.now()
  if (!how.outOfBand && inv.amount_due > 0) {
    inv.attempted = true
    inv.attempt_count += 1
  }
  const rendered = commitInvoice(ctx, record, "invoice.paid")
  if (!how.outOfBand && inv.amount_due > 0) ctx.emit("invoice.payment_succeeded", rendered)
  return rendered
}
