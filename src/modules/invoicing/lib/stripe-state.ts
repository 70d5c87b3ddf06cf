import type Stripe from "stripe"
import { INVOICE_STATUSES, InvoiceStatus } from "../models/invoice"
import { isForwardTransition } from "./status"
import { fromStripeAmount } from "../../../lib/money"
import { dbMinor } from "../../../lib/money/db-minor"

/** The fields of our invoice record that mirror Stripe's invoice. */
export type MirroredInvoice = {
  status: string
  total_minor: unknown
  amount_due_minor: unknown
  amount_paid_minor?: unknown
  credit_applied_minor?: unknown
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
const sameTime = (a: unknown, b: Date | null) =>
  (a ? new Date(a as string).getTime() : null) === (b ? b.getTime() : null)

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

  // Stripe's amounts are in Stripe's units (ISK ×100, MGA whole); our record keeps ISO minor units.
  const iso = (amount: number | null | undefined) => dbMinor(fromStripeAmount(BigInt(amount ?? 0), remote.currency))
  if (!same(iso(remote.total), local.total_minor)) {
    drift.push(`total: ours is ${String(local.total_minor)}, Stripe's is ${iso(remote.total)}`)
  }
  const owed = to === "void" ? 0 : iso(remote.amount_remaining)
  const credited = iso((remote.pre_payment_credit_notes_amount ?? 0) + (remote.post_payment_credit_notes_amount ?? 0))
  if (!same(local.amount_due_minor, owed)) patch.amount_due_minor = owed
  const paid = iso(paidOnInvoice(remote))
  if (!same(local.amount_paid_minor ?? 0, paid)) patch.amount_paid_minor = paid
  const creditApplied = iso(creditAppliedByStripe(remote))
  if (!same(local.credit_applied_minor ?? 0, creditApplied)) patch.credit_applied_minor = creditApplied
  if (!same(local.credited_minor ?? 0, credited)) patch.credited_minor = credited
  if (remote.number && remote.number !== local.number) patch.number = remote.number
  if (remote.hosted_invoice_url && remote.hosted_invoice_url !== local.hosted_invoice_url)
    patch.hosted_invoice_url = remote.hosted_invoice_url
  const due = at(remote.due_date)
  if (due && !sameTime(local.due_at, due)) patch.due_at = due
  const transitions = remote.status_transitions
  if (to === "paid" && !local.paid_at) patch.paid_at = at(transitions?.paid_at) ?? new Date()
  if (to === "void" && !local.voided_at) patch.voided_at = at(transitions?.voided_at) ?? new Date()
  return { patch, transition, drift }
}

/**
 * What was paid on the invoice, in Stripe's units, through Stripe or outside it. Stripe defines
 * `amount_remaining` as `amount_due − amount_paid`, so `amount_paid` counts out-of-band payments
 * too; `amount_paid_off_stripe` (API 2026-05-27, not on event payloads) is the off-Stripe part of
 * it. A paid invoice has nothing remaining however it was paid, so its `amount_due` is what was
 * paid even if an out-of-band payment is reported only in `amount_paid_off_stripe`.
 */
export function paidOnInvoice(
  invoice: Pick<Stripe.Invoice, "status" | "amount_paid" | "amount_due"> & { amount_paid_off_stripe?: number | null }
): number {
  const reported = Math.max(invoice.amount_paid ?? 0, invoice.amount_paid_off_stripe ?? 0)
  return invoice.status === "paid" ? Math.max(reported, invoice.amount_due ?? 0) : reported
}

/**
 * The customer's account credit Stripe applied when it finalized the invoice, in Stripe's units:
 * `starting_balance` is the balance before finalization, `ending_balance` after (a credit is
 * negative), so what the invoice consumed is ending − starting. A debit carried in (positive
 * balance) is not credit and counts as nothing.
 */
export function creditAppliedByStripe(invoice: Pick<Stripe.Invoice, "starting_balance" | "ending_balance">): number {
  if (invoice.ending_balance === null || invoice.ending_balance === undefined) return 0
  return Math.max(0, invoice.ending_balance - (invoice.starting_balance ?? 0))
}

/** The hub event a status change produces (invoice.issued is recorded by the issuing workflow). */
export const HUB_EVENT_BY_STATUS: Partial<Record<InvoiceStatus, "invoice.paid" | "invoice.voided">> = {
  paid: "invoice.paid",
  void: "invoice.voided",
}
