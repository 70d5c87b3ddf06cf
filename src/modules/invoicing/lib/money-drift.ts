/**
 * The money drift rules, pure: one order's Medusa total against its invoices,
 * the last order document the hub gave ERPs, and its credit notes. No I/O, so
 * the rules are tested without an app (see __tests__/money-drift.spec.ts).
 *
 * Medusa's order total is the order as it stands: a received return takes its
 * units off (Medusa 2.21 totals count the kept units), a refund beyond what
 * Medusa owes becomes a credit line, an edit changes the lines. So the
 * invoices are compared net of their credit notes: Σ issued invoices − the
 * rounding Stripe forced − Σ credited = the order total. A return's note
 * counts its goods in full, because Medusa took them off in full even when an
 * earlier refund's note already credited part of them (the note then credits
 * only the rest, return-credit.ts). The ERP document follows the order (it is
 * re-published on every change, returns included), so it must equal the
 * order total too.
 */

/** Stable problem codes: clients and alerts match on these, never on the messages. */
export const DRIFT_CODES = [
  "order_money_invalid",
  "not_invoiced",
  "invoice_unfinished",
  "invoice_total_mismatch",
  "unexpected_invoice",
  "canceled_not_voided",
  "over_credited",
  "erp_document_missing",
  "erp_document_mismatch",
] as const
export type DriftCode = (typeof DRIFT_CODES)[number]

/** Finalized on Stripe: the buyer has been billed this amount. */
const ISSUED_STATUSES = new Set(["open", "paid", "uncollectible"])

export type DriftOrder = {
  id: string
  display_id: number
  currency_code: string
  status: string
  placed_at: string
  /** Paid with the net-terms provider: exactly these orders must be invoiced. */
  net_terms: boolean
  /** Medusa's order total in minor units (see order-total-minor.ts); null when the money model refused the order. */
  total_minor: bigint | null
  /** Why the money model refused the order (then nothing can be compared with its total). */
  total_error?: string
}

export type DriftInvoice = {
  id: string
  status: string
  progress: string
  total_minor: bigint
  /**
   * What Stripe's currency precision forced on the invoice (three-decimal and
   * special currencies), stated on it as a rounding line: invoice total =
   * order total + rounding (the invoice record's rounding_minor).
   */
  rounding_minor: bigint
  attempts: number
  last_error: string | null
}

export type DriftErpDocument = { total_minor: string; status: string }

/** One of the order's credit notes. */
export type DriftCreditNote = {
  /** What the note credits on Stripe, ISO minor units. */
  amount_minor: bigint
  /** A return's note: the returned goods' invoiced value (Σ its lines), taken off the order in full; null for other notes. */
  returned_goods_minor: bigint | null
  /** On Stripe (or needing no Stripe note); an intent Stripe has not confirmed credits nothing yet. */
  issued: boolean
}

export type DriftInput = {
  order: DriftOrder
  /** All of the order's invoices, oldest first (void ones included). */
  invoices: DriftInvoice[]
  /** The order's credit notes (pending intents included). */
  credit_notes: DriftCreditNote[]
  /** The order's latest document in the ERP feed, null if the hub never published one. */
  erp_document: DriftErpDocument | null
}

export type MoneyDriftRow = {
  order_id: string
  display_id: number
  currency_code: string
  order_status: string
  placed_at: string
  net_terms: boolean
  order_total_minor: number | null
  /** Σ of the issued (finalized on Stripe), non-void invoices. */
  invoiced_minor: number
  /** Σ of the rounding Stripe forced on those invoices. */
  rounding_minor: number
  invoices: { id: string; status: string; total_minor: number; last_error: string | null }[]
  erp_document_total_minor: number | null
  /** Σ of the credit notes Stripe has. */
  credited_minor: number
  /** What the invoices bill for the order net of credits: invoiced − rounding − credited (a return's goods in full). Must equal the order total. */
  net_billed_minor: number
  problems: DriftCode[]
  /** One human explanation per code in `problems`. */
  messages: Partial<Record<DriftCode, string>>
}

/** Amounts leave as JSON integers (the API's convention); beyond 2^53 they could not be exact. */
export function jsonMinor(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${value} (minor units) exceeds the exact JSON integer range`)
  }
  return Number(value)
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n)

export function assessOrderDrift(input: DriftInput): MoneyDriftRow {
  const { order, invoices, erp_document: doc } = input
  const problems = new Map<DriftCode, string>()
  const live = invoices.filter((i) => i.status !== "void")
  // Pending/draft invoices are listed but not summed: nobody has been billed yet.
  const issued = live.filter((i) => ISSUED_STATUSES.has(i.status))
  const unfinished = live.filter((i) => !ISSUED_STATUSES.has(i.status))
  const invoiced = sum(issued.map((i) => i.total_minor))
  const rounding = sum(issued.map((i) => i.rounding_minor))
  const notes = input.credit_notes.filter((n) => n.issued)
  const credited = sum(notes.map((n) => n.amount_minor))
  const netBilled = invoiced - rounding - sum(notes.map((n) => n.returned_goods_minor ?? n.amount_minor))
  const canceled = order.status === "canceled"
  const total = order.total_minor

  if (total === null)
    problems.set("order_money_invalid", `the order money model refused the order: ${order.total_error ?? "no total"}`)

  if (canceled) {
    // A canceled order owes nothing: its invoices are void, or (paid before
    // the cancel) credited in full by the refund's credit note.
    const outstanding = invoiced - credited
    if (unfinished.length || outstanding > 0n) {
      const open = live.map((i) => `${i.id} (${i.status})`).join(", ")
      const billed = outstanding > 0n ? `; ${outstanding} billed and not credited` : ""
      problems.set("canceled_not_voided", `order is canceled but invoice(s) ${open} not void${billed}`)
    }
  } else if (order.net_terms) {
    if (!issued.length) problems.set("not_invoiced", notInvoicedMessage(invoices))
    else {
      if (unfinished.length) problems.set("invoice_unfinished", unfinished.map(unfinishedMessage).join("; "))
      if (total !== null && netBilled !== total)
        problems.set(
          "invoice_total_mismatch",
          mismatchMessage(invoiced, rounding, invoiced - rounding - netBilled, total)
        )
    }
  } else if (live.length) {
    problems.set(
      "unexpected_invoice",
      `order was not paid on net terms but has invoice(s) ${live.map((i) => `${i.id} (${i.status})`).join(", ")}`
    )
  }

  if (credited > invoiced) problems.set("over_credited", `credit notes total ${credited} > invoiced ${invoiced}`)

  const docTotal = doc && /^-?\d+$/.test(String(doc.total_minor)) ? BigInt(doc.total_minor) : null
  if (!doc)
    problems.set(
      "erp_document_missing",
      "the hub never published an order document for this order (order.placed not recorded)"
    )
  else if (docTotal === null)
    problems.set(
      "erp_document_mismatch",
      `ERP document total ${JSON.stringify(doc.total_minor)} is not an integer amount`
    )
  else if (total !== null && docTotal !== total) {
    problems.set(
      "erp_document_mismatch",
      `ERP document total ${docTotal} ≠ order total ${total} (difference ${docTotal - total})`
    )
  } else if (canceled && doc.status !== "canceled") {
    problems.set("erp_document_mismatch", `order is canceled but the ERP document still says ${doc.status}`)
  }

  return {
    order_id: order.id,
    display_id: order.display_id,
    currency_code: order.currency_code,
    order_status: order.status,
    placed_at: order.placed_at,
    net_terms: order.net_terms,
    order_total_minor: total === null ? null : jsonMinor(total),
    invoiced_minor: jsonMinor(invoiced),
    rounding_minor: jsonMinor(rounding),
    invoices: invoices.map((i) => ({
      id: i.id,
      status: i.status,
      total_minor: jsonMinor(i.total_minor),
      last_error: i.last_error,
    })),
    erp_document_total_minor: docTotal === null ? null : jsonMinor(docTotal),
    credited_minor: jsonMinor(credited),
    net_billed_minor: jsonMinor(netBilled),
    problems: [...problems.keys()],
    messages: Object.fromEntries(problems),
  }
}

function mismatchMessage(invoiced: bigint, rounding: bigint, credits: bigint, total: bigint): string {
  const roundingNote = rounding ? ` less ${rounding} Stripe rounding` : ""
  const creditNote = credits ? ` less ${credits} credited` : ""
  const net = invoiced - rounding - credits
  const billed =
    rounding || credits ? `invoiced ${invoiced}${roundingNote}${creditNote} = ${net}` : `invoiced ${invoiced}`
  return `${billed} ≠ order total ${total} (difference ${net - total})`
}

function unfinishedMessage(invoice: DriftInvoice): string {
  if (invoice.last_error)
    return `issuing of ${invoice.id} failed (${invoice.attempts} attempt(s)): ${invoice.last_error}`
  return `invoice ${invoice.id} is ${invoice.status} (progress ${invoice.progress}): issuing has not finished`
}

function notInvoicedMessage(invoices: DriftInvoice[]): string {
  if (!invoices.length)
    return "net-terms order has no invoice record: issuing never ran or failed before the record was written"
  const unfinished = invoices.filter((i) => i.status !== "void")
  if (!unfinished.length) return `every invoice is void (${invoices.map((i) => i.id).join(", ")}) and none replaces it`
  // The newest attempt says why: an older reissue attempt may be stale.
  return unfinishedMessage(unfinished[unfinished.length - 1])
}
