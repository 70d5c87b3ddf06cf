import type { Handler, HandlerContext } from "./context"
import { badRequest, notEditable } from "./errors"
import { recomputeTotals } from "./invoice-totals"
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

/** draft → open: number, due date (from now + days_until_due), hosted page and PDF links. */
export const finalizeInvoice: Handler = (ctx, params, [id]) => {
  params.onlyKnown(["auto_advance", "expand"])
  const record = findInvoice(ctx.store, id)
  if (record.invoice.status !== "draft") {
    throw notEditable(`This invoice is already finalized, you can't re-finalize a non-draft invoice (${id} is ${record.invoice.status}).`)
  }
  const inv = record.invoice
  const now = ctx.store.now()
  const autoAdvance = params.bool("auto_advance")
  if (autoAdvance !== undefined) inv.auto_advance = autoAdvance
  inv.status = "open"
  inv.number ??= ctx.store.nextInvoiceNumber()
  inv.status_transitions.finalized_at = now
  inv.effective_at ??= now
  if (record.daysUntilDue !== null) inv.due_date = now + record.daysUntilDue * DAY
  inv.hosted_invoice_url = `${ctx.baseUrl}/_sandbox/hosted/${id}`
  inv.invoice_pdf = `${ctx.baseUrl}/_sandbox/invoices/${id}/pdf`
  inv.ending_balance = inv.starting_balance
  recomputeTotals(record)
  // Stripe settles a zero-amount invoice as paid the moment it is finalized.
  const rendered = commitInvoice(ctx, record, "invoice.finalized")
  if (inv.amount_due === 0) return markPaid(ctx, record, { outOfBand: false })
  return rendered
}

export const sendInvoice: Handler = (ctx, params, [id]) => {
  params.onlyKnown(["expand"])
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
  params.onlyKnown(["expand", "forgive", "mandate", "off_session", "paid_out_of_band", "payment_method", "source"])
  const record = findInvoice(ctx.store, id)
  if (record.invoice.status === "paid") throw badRequest(`Invoice is already paid (${id}).`, "invoice_not_editable")
  requireStatus(record, "pay", ["open", "uncollectible"])
  // No payment methods in the sandbox: a charge attempt always succeeds.
  return markPaid(ctx, record, { outOfBand: params.bool("paid_out_of_band") ?? false })
}

export const voidInvoice: Handler = (ctx, params, [id]) => {
  params.onlyKnown(["expand"])
  const record = findInvoice(ctx.store, id)
  requireStatus(record, "void", ["open", "uncollectible"])
  record.invoice.status = "void"
  record.invoice.status_transitions.voided_at = ctx.store.now()
  return commitInvoice(ctx, record, "invoice.voided")
}

export const markUncollectible: Handler = (ctx, params, [id]) => {
  params.onlyKnown(["expand"])
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
