import { splitProportionally } from "../../../lib/money"
import type { MoneyLine, OrderMoney } from "../../../lib/orders/order-money"
import type { CreditLine } from "./credit-lines"
import { isReturnReasonKey } from "./return-credit"
import { billedByLine, changedLines, diffMoney, linesById, sumLineTotals } from "./billed-money"

/**
 * What to do with an order's invoices after the order changed (an edit, a
 * claim, an exchange), decided from what they bill. Pure: no I/O, so every
 * case is unit-tested (__tests__/invoice-change-plan.spec.ts).
 *
 * - Nothing billed yet: nothing to do (the issuing run snapshots the order
 *   as it is when it creates the record).
 * - Every live invoice unpaid and uncredited: void them, reissue one invoice
 *   for the whole order (kind `reissue`) — the buyer sees one open invoice.
 * - Some invoice paid, partly paid or credited (it cannot be voided without
 *   losing what happened on it): it stays; the unpaid ones are voided; lines
 *   billed too little go on a `supplementary` invoice, lines billed too much
 *   are credited (credit notes on the newest such invoices first, per line
 *   never more than that invoice billed for the line, per invoice never more
 *   than it can still be credited).
 *
 * Edit and return credit notes count as un-billing their lines: Medusa 2.21
 * takes received returns off the order's totals (the money model's lines
 * carry the kept units), so a line a return credited is billed as it stands.
 * Refund notes credit money, not lines: a refund Medusa makes beyond what it
 * owes is an order credit line, which is not a line either.
 */

export type PlanInvoice = {
  id: string
  sequence: number
  status: string
  /** Our record's total: what Stripe bills (ISO minor units). */
  total_minor: bigint
  amount_paid_minor: bigint
  credited_minor: bigint
  /** The money model the invoice bills (null on records older than the column). */
  money: OrderMoney | null
}

export type PlanNote = { invoice_id: string; reason_key: string; amount_minor: bigint; lines: CreditLine[] | null }

export type PlannedInvoice = {
  kind: "reissue" | "supplementary"
  money: OrderMoney
  replaces_invoice_id: string | null
}

export type PlannedCredit = {
  invoice_id: string
  lines: CreditLine[]
  /** Rounding credited (positive) or held back (negative) beyond the lines, stated on the note. */
  rounding_minor: bigint
  amount_minor: bigint
}

export type InvoiceChangePlan = {
  /** Nothing to do. */
  in_step: boolean
  reason: string
  /** Unpaid invoices to void, oldest first. */
  void: string[]
  issue: PlannedInvoice | null
  credits: PlannedCredit[]
  /** A decrease that could not be credited within what the invoices billed (needs a person). */
  uncredited_minor: bigint
}

export const EDIT_REASON_PREFIX = "edit:"

const UNPAID = new Set(["pending", "draft", "open", "uncollectible"])

/** Unpaid, nothing credited: voiding it loses nothing, so it may be replaced. */
export function isReplaceable(invoice: PlanInvoice, notedInvoiceIds: Set<string>): boolean {
  return (
    UNPAID.has(invoice.status) &&
    invoice.amount_paid_minor === 0n &&
    invoice.credited_minor === 0n &&
    !notedInvoiceIds.has(invoice.id)
  )
}

/**
 * The part of a money model's order-level amount (credit_minor, which the
 * total subtracts from Σ its lines) that is rounding, not a credit line.
 * orderMoney rounds Medusa's order total once and allocates the lines to
 * Σ Medusa's line totals rounded once; Medusa sums with finite precision
 * (20 significant digits), so its total can sit on a half unit its exact
 * line sum misses (100.0115 against 100.011499…999 KWD), and the two
 * roundings land one minor unit apart: credit_minor ±1 with no credit line.
 * The plan balances lines, so it must bill that unit itself, or the
 * invoices less the credits miss the order total by it. Real credit lines
 * (a refund beyond what Medusa owes) are credited by their refund's note and
 * stay out of the plan; one of a single minor unit is taken for rounding.
 */
export function orderRounding(money: OrderMoney): bigint {
  return money.credit_minor >= -1n && money.credit_minor <= 1n ? money.credit_minor : 0n
}

const none = (reason: string): InvoiceChangePlan => ({
  in_step: true,
  reason,
  void: [],
  issue: null,
  credits: [],
  uncredited_minor: 0n,
})
const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n)

export function planInvoiceChange(input: {
  order: OrderMoney
  invoices: PlanInvoice[]
  notes: PlanNote[]
}): InvoiceChangePlan {
  const { order, notes } = input
  const all = [...input.invoices].sort((a, b) => a.sequence - b.sequence)
  if (!all.length) return none("not invoiced yet: the issuing run bills the order as it is then")
  const live = all.filter((i) => i.status !== "void")
  const unknown = live.find((i) => !i.money)
  if (unknown) return none(`invoice ${unknown.id} has no money snapshot: compare it by hand`)

  const noted = new Set(notes.map((n) => n.invoice_id))
  const replaceable = live.filter((i) => isReplaceable(i, noted))
  const final = live.filter((i) => !replaceable.includes(i))
  const unbilled = notes
    .filter((n) => n.reason_key.startsWith(EDIT_REASON_PREFIX) || isReturnReasonKey(n.reason_key))
    .flatMap((n) => n.lines ?? [])
  const current = linesById(order)
  // A change that moves no money (a free line's quantity) needs no document.
  const moved = (diffs: { diff: MoneyLine }[]) => diffs.some((d) => d.diff.total_minor !== 0n)
  if (
    live.length &&
    !moved(
      changedLines(
        current,
        billedByLine(
          live.map((i) => i.money!),
          unbilled
        )
      )
    )
  ) {
    return none("the invoices bill the order as it is")
  }

  if (!final.length) {
    if (!replaceable.length && order.total_minor <= 0n) return none("every invoice is void and the order owes nothing")
    // Nothing paid or credited yet (or everything void after a crash between
    // voiding and reissuing): one invoice for the whole order.
    const replaces = replaceable.length ? replaceable[replaceable.length - 1] : all[all.length - 1]
    return {
      in_step: false,
      reason: "unpaid: void and reissue for the whole order",
      void: replaceable.map((i) => i.id),
      issue: order.total_minor > 0n ? { kind: "reissue", money: order, replaces_invoice_id: replaces.id } : null,
      credits: [],
      uncredited_minor: 0n,
    }
  }

  const billed = billedByLine(
    final.map((i) => i.money!),
    unbilled
  )
  const diffs = changedLines(current, billed)
  // What unchanged lines moved by the model's per-line rounding, and what its order-level rounding
  // moved (orderRounding): billed on a rounding line.
  const lineResidual =
    sumLineTotals(current.values()) - sumLineTotals(billed.values()) - sum(diffs.map((d) => d.diff.total_minor))
  const residual = lineResidual + sum(final.map((i) => orderRounding(i.money!))) - orderRounding(order)
  const plus = diffs.filter((d) => d.diff.total_minor > 0n).map((d) => d.diff)
  const minus = diffs.filter((d) => d.diff.total_minor < 0n).map((d) => d.diff)
  const plusTotal = sum(plus.map((l) => l.total_minor))

  const supplementary = plus.length > 0 && plusTotal + residual > 0n
  const issue: PlannedInvoice | null = supplementary
    ? {
        kind: "supplementary",
        money: diffMoney(order, plus, residual),
        replaces_invoice_id: replaceable.length ? replaceable[replaceable.length - 1].id : null,
      }
    : null
  // Without a supplementary invoice the rounding rides on the credit: a positive residual credits less.
  const { credits, uncredited } = allocateCredits(minus, supplementary ? 0n : -residual, [...final].reverse(), notes)
  const parts = [
    replaceable.length ? "void the unpaid" : "",
    supplementary ? "supplementary invoice" : "",
    credits.length ? "credit note(s)" : "",
  ].filter(Boolean)
  return {
    in_step: false,
    reason: `paid or credited: ${parts.join(", ") || "nothing billable changed"}`,
    void: replaceable.map((i) => i.id),
    issue,
    credits,
    uncredited_minor: uncredited,
  }
}

type Remaining = { line_id: string; quantity: number; net: bigint; tax: bigint }
type Credited = { quantity: number; net: bigint; tax: bigint }

/** What each line has already been credited on one invoice (any note with per-line credit). */
function creditedOn(invoiceId: string, notes: PlanNote[]): Map<string, Credited> {
  const out = new Map<string, Credited>()
  for (const n of notes) {
    if (n.invoice_id !== invoiceId) continue
    for (const l of n.lines ?? []) {
      const seen = out.get(l.line_id) ?? { quantity: 0, net: 0n, tax: 0n }
      out.set(l.line_id, {
        quantity: seen.quantity + l.quantity,
        net: seen.net + l.net_minor,
        tax: seen.tax + l.tax_minor,
      })
    }
  }
  return out
}

/**
 * Spreads the decreased lines over the invoices that can take the credit,
 * newest first: per line at most what the invoice billed for it less what it
 * was already credited for it, per invoice at most its total less its
 * credits. `rounding` (extra credit, or negative: less) goes on the first note.
 */
export function allocateCredits(
  minus: MoneyLine[],
  rounding: bigint,
  targets: PlanInvoice[],
  notes: PlanNote[]
): { credits: PlannedCredit[]; uncredited: bigint } {
  const remaining: Remaining[] = minus.map((d) => ({
    line_id: d.id,
    quantity: -d.quantity,
    net: -d.net_minor,
    tax: -d.tax_minor,
  }))
  const credits: PlannedCredit[] = []
  let roundingLeft = rounding
  for (const target of targets) {
    if (!target.money) continue
    const billed = linesById(target.money)
    const already = creditedOn(target.id, notes)
    const notedAmount = sum(notes.filter((n) => n.invoice_id === target.id).map((n) => n.amount_minor))
    let capacity = target.total_minor - (target.credited_minor > notedAmount ? target.credited_minor : notedAmount)
    const lines: CreditLine[] = []
    for (const r of remaining) {
      const want = r.net + r.tax
      const line = billed.get(r.line_id)
      if (want <= 0n || !line || capacity <= 0n) continue
      const done = already.get(r.line_id) ?? { quantity: 0, net: 0n, tax: 0n }
      const room = line.net_minor - done.net + (line.tax_minor - done.tax)
      const take = [want, room, capacity].reduce((m, v) => (v < m ? v : m))
      if (take <= 0n) continue
      const whole = take === want
      const [net, tax] = whole
        ? [r.net, r.tax]
        : r.net >= 0n && r.tax >= 0n
          ? splitProportionally(take, [r.net, r.tax])
          : [take, 0n]
      // Units: all that remain when the whole credit fits; the units this invoice billed when it takes all it can; else none (an amount).
      const quantity = whole
        ? r.quantity
        : take === room
          ? Math.max(0, Math.min(r.quantity, line.quantity - done.quantity))
          : 0
      lines.push({ line_id: r.line_id, quantity, net_minor: net, tax_minor: tax })
      r.net -= net
      r.tax -= tax
      r.quantity -= quantity
      capacity -= take
    }
    if (!lines.length) continue
    const linesTotal = sum(lines.map((l) => l.net_minor + l.tax_minor))
    let placed = 0n
    if (!credits.length && roundingLeft !== 0n) {
      // More credit within the invoice's capacity; less credit never below one unit.
      placed =
        roundingLeft > 0n
          ? roundingLeft < capacity
            ? roundingLeft
            : capacity
          : roundingLeft > 1n - linesTotal
            ? roundingLeft
            : 1n - linesTotal
      roundingLeft -= placed
    }
    credits.push({ invoice_id: target.id, lines, rounding_minor: placed, amount_minor: linesTotal + placed })
  }
  const uncredited = sum(remaining.map((r) => r.net + r.tax)) + (roundingLeft > 0n ? roundingLeft : 0n)
  return { credits, uncredited }
}
