import type { OrderMoney } from "../../../lib/orders/order-money"
import { allocateReturn, creditableLines, ReturnedQuantity, shareToCreditLine, shareTotal } from "./credit-allocation"
import { CreditLine, creditLinesTotal } from "./credit-lines"
import { creditUnits } from "./credit-units"

/**
 * What a received return credits, on which invoice, net of refunds. Pure: the
 * step (workflows/invoicing/steps/credit-return.ts) reads the records and
 * Stripe, this decides.
 *
 * The rules:
 * - Per line, a return credits its share of what the invoice(s) billed for the
 *   line and earlier notes did not credit (credit-allocation.ts): the last
 *   units take exactly what is left, so Σ notes per line = invoiced.
 * - Refunds and returns net in either order. A refund credits money, not
 *   lines: its note (amount only, no credit_note.lines) adds to the invoice's
 *   refund pool. A return draws on that pool first: the goods it returns are
 *   recorded as credited in full (credit_note.lines), but its note credits only
 *   what the pool does not cover. A refund credits only what the invoice's
 *   notes, plus the goods returns took from the pool, have not covered yet
 *   (Σ refunds ≤ Σ credit notes + Σ covered, refund-credit.ts), so the
 *   refund Medusa asks for after a return credits nothing again, whichever
 *   came first.
 * - Never more than an invoice can still be credited (its total − Σ notes):
 *   what the cap holds back is stated, never sent.
 */

/** One note already on an invoice (Stripe's, or our recorded intent). */
export type InvoiceNote = {
  reason_key: string | null
  /** What the note credits the buyer, ISO minor units. */
  amount_minor: bigint
  /** Per-line credit; null for amount-only notes (refunds, notes made on Stripe's dashboard). */
  lines: CreditLine[] | null
}

/** Reason keys of return notes: the return id, then `:<invoice sequence>` for notes on further invoices. */
export const isReturnReasonKey = (key: string | null | undefined) => !!key && key.startsWith("return_")
export const returnIdOfReasonKey = (key: string) => key.split(":")[0]

/**
 * credit_note.stripe_credit_note_id of a return note that needs no Stripe
 * note (earlier refunds covered its goods), once the invoice's covered total
 * is on Stripe: the row still records the goods as credited, and is no longer
 * pending (reconciliation looks for null).
 */
export const NO_STRIPE_NOTE = "none:covered-by-refunds"

export type InvoiceLedger = {
  /** The per-line credits of every note on the invoice. */
  credited: CreditLine[]
  /** Refund credit no return has drawn on yet. */
  pool_minor: bigint
  /** Σ of what the notes credit. */
  noted_minor: bigint
}

/** What a return note's goods exceed its amount by: refund credit it drew on instead of crediting again. */
export function drawnByReturn(note: InvoiceNote): bigint {
  if (!note.lines || !isReturnReasonKey(note.reason_key)) return 0n
  const drawn = creditLinesTotal(note.lines) - note.amount_minor
  return drawn > 0n ? drawn : 0n
}

/**
 * The Stripe invoice metadata key holding Σ drawnByReturn over the invoice's
 * return notes. Medusa counts a refund made before a return as a price
 * reduction and still asks for the returned goods' full value afterwards;
 * the net-terms provider adds this to the invoice's credit notes when it
 * decides what a refund credits, so that second refund credits nothing and
 * the buyer is credited once (the provider sees only Stripe, not our rows).
 */
export const RETURNS_COVERED_METADATA_KEY = "hub_returns_covered_by_refunds_minor"

/**
 * An invoice's notes as a ledger: amount-only notes fill the refund pool, a
 * return note that credited less than its goods drew the difference from it.
 */
export function invoiceLedger(notes: InvoiceNote[]): InvoiceLedger {
  let pool = 0n
  const credited: CreditLine[] = []
  for (const n of notes) {
    if (!n.lines) pool += n.amount_minor
    else credited.push(...n.lines)
    pool -= drawnByReturn(n)
  }
  return { credited, pool_minor: pool > 0n ? pool : 0n, noted_minor: notes.reduce((s, n) => s + n.amount_minor, 0n) }
}

export type ReturnInvoiceState = {
  invoice_id: string
  sequence: number
  /** The money model the invoice bills (its `money` snapshot). */
  money: OrderMoney
  notes: InvoiceNote[]
  /** What Stripe's invoice totals (ISO); null before it is issued (no cap known, no refund possible). */
  total_minor: bigint | null
}

export type PlannedReturnNote = {
  invoice_id: string
  sequence: number
  /** The goods credited per line (credit_note.lines): the return's share, in full. */
  lines: CreditLine[]
  /** Σ lines: what the returned goods were invoiced at. */
  goods_minor: bigint
  /** Covered by earlier refunds on the invoice (their pool). */
  drawn_minor: bigint
  /** Held back: the invoice cannot be credited more (its Stripe rounding line). */
  held_minor: bigint
  /** What the Stripe note credits: goods − drawn − held (0: no Stripe note). */
  amount_minor: bigint
}

export type ReturnCreditPlan = { notes: PlannedReturnNote[]; uncredited: ReturnedQuantity[] }

/**
 * The notes for a return: one per invoice whose lines it takes units from,
 * latest invoice first (a supplementary invoice's units before the
 * original's), in credit units so each amount is one Stripe accepts.
 */
export function planReturnCredit(input: {
  currency: string
  invoices: ReturnInvoiceState[]
  returned: ReturnedQuantity[]
}): ReturnCreditPlan {
  const units = creditUnits(input.currency)
  const latestFirst = [...input.invoices].sort((a, b) => b.sequence - a.sequence)
  const ledgers = new Map(latestFirst.map((i) => [i.invoice_id, invoiceLedger(i.notes)]))
  const allocation = allocateReturn(
    latestFirst.map((i) => ({
      invoice_id: i.invoice_id,
      lines: creditableLines(i.money, ledgers.get(i.invoice_id)!.credited, units),
    })),
    input.returned
  )
  const notes: PlannedReturnNote[] = []
  for (const { invoice_id, lines } of allocation.shares) {
    if (!lines.length) continue
    const invoice = latestFirst.find((i) => i.invoice_id === invoice_id)!
    const ledger = ledgers.get(invoice_id)!
    const goods = lines.reduce((s, l) => s + shareTotal(l), 0n)
    const drawn = min(goods, units.toUnits(ledger.pool_minor))
    const rest = goods - drawn
    const room = invoice.total_minor === null ? rest : units.toUnits(invoice.total_minor - ledger.noted_minor)
    const held = rest > room ? rest - (room > 0n ? room : 0n) : 0n
    notes.push({
      invoice_id,
      sequence: invoice.sequence,
      lines: lines.map((l) => shareToCreditLine(l, units)),
      goods_minor: units.toIso(goods),
      drawn_minor: units.toIso(drawn),
      held_minor: units.toIso(held),
      amount_minor: units.toIso(rest - held),
    })
  }
  return { notes, uncredited: allocation.uncredited }
}

const min = (a: bigint, b: bigint) => (a < b ? a : b)
