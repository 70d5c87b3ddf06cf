import type Stripe from "stripe"
import { INVOICE_STATUSES, InvoiceStatus } from "../models/invoice"
import { isForwardTransition } from "./status"

/** The fields of our invoice record that mirror Stripe's invoice. */
export type MirroredInvoice = {
  status: string
  total_minor: unknown
  amount_due_minor: unknown
  amount_paid_minor?: unknown
  credited_minor?: unknown
  number?: string | null
  hosted_invoice_url?: string | null
  due_at?: Date | string | null
  paid_at?: Date | string | null
  voided_at?: Date | string | null
}

export type StripeComparison = {
  /** Changes that are safe to apply: forward status, money as Stripe has it, number/URL/due date. */
  patch: Record<string, unknown>
  /** The status we move to, when it changes. */
  transition: InvoiceStatus | null
  /** Differences we do not repair automatically (someone must look). */
  drift: string[]
}

const at = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null)
const same = (a: unknown, b: unknown) => String(a ?? "") === String(b ?? "")
const sameTime = (a: unknown, b: Date | null) => (a ? new Date(a as string).getTime() : null) === (b ? b.getTime() : null)

function isStatus(value: unknown): value is InvoiceStatus {
  return (INVOICE_STATUSES as readonly string[]).includes(value as string)
}

/**
 * Compares our record with Stripe's current invoice. Stripe is the truth for
 * money and state, but our status only moves forward: Stripe "behind" us
 * (e.g. we say paid, Stripe says open) or a different total is drift to
 * report, never something to copy. Used by webhook handling (which re-reads
 * the invoice, so events may arrive in any order) and by reconciliation.
 */
export function compareWithStripe(local: MirroredInvoice, remote: Stripe.Invoice): StripeComparison {
  const patch: Record<string, unknown> = {}
  const drift: string[] = []
  const from = local.status as InvoiceStatus
  const to = remote.status
  let transition: InvoiceStatus | null = null
  let effective = from

  if (isStatus(to) && to !== from) {
    if (isForwardTransition(from, to)) {
      transition = to
      effective = to
      patch.status = to
    } else {
      drift.push(`status: ours is ${from}, Stripe's is ${to}`)
    }
  }
  if (remote.status === "draft" || !isStatus(to) || effective !== to) return { patch, transition, drift }

  if (String(remote.total) !== String(local.total_minor)) {
    drift.push(`total: ours is ${String(local.total_minor)}, Stripe's is ${remote.total}`)
  }
  const owed = to === "void" ? 0 : remote.amount_remaining
  const credited = (remote.pre_payment_credit_notes_amount ?? 0) + (remote.post_payment_credit_notes_amount ?? 0)
  if (!same(local.amount_due_minor, owed)) patch.amount_due_minor = owed
  if (!same(local.amount_paid_minor ?? 0, remote.amount_paid)) patch.amount_paid_minor = remote.amount_paid
  if (!same(local.credited_minor ?? 0, credited)) patch.credited_minor = credited
  if (remote.number && remote.number !== local.number) patch.number = remote.number
  if (remote.hosted_invoice_url && remote.hosted_invoice_url !== local.hosted_invoice_url) patch.hosted_invoice_url = remote.hosted_invoice_url
  const due = at(remote.due_date)
  if (due && !sameTime(local.due_at, due)) patch.due_at = due
  const transitions = remote.status_transitions
  if (to === "paid" && !local.paid_at) patch.paid_at = at(transitions?.paid_at) ?? new Date()
  if (to === "void" && !local.voided_at) patch.voided_at = at(transitions?.voided_at) ?? new Date()
  return { patch, transition, drift }
}

/** The hub event a status change produces (invoice.issued is recorded by the issuing workflow). */
export const HUB_EVENT_BY_STATUS: Partial<Record<InvoiceStatus, string>> = {
  paid: "invoice.paid",
  void: "invoice.voided",
}
