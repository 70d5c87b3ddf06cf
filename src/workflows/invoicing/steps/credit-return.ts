import type Stripe from "stripe"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { creditLinesFromJson, creditLinesToJson } from "../../../modules/invoicing/lib/credit-lines"
import { creditUnits, CreditUnits } from "../../../modules/invoicing/lib/credit-units"
import { buildCreditNoteLines } from "../../../modules/invoicing/lib/credit-note-request"
import { noteSplit, returnMemo } from "../../../modules/invoicing/lib/credit-memo"
import {
  drawnByReturn,
  InvoiceNote,
  isReturnReasonKey,
  NO_STRIPE_NOTE,
  planReturnCredit,
  RETURNS_COVERED_METADATA_KEY,
  returnIdOfReasonKey,
  ReturnInvoiceState,
} from "../../../modules/invoicing/lib/return-credit"
import { dbMinor } from "../../../lib/money/db-minor"
import { orderMoneyFromJson } from "../../../lib/orders/order-money-json"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { applyRemoteInvoice, withInvoiceLock, withOrderInvoicingLock, type InvoiceRecord } from "../utils/invoice-state"
import { liveInvoicesOfOrder } from "../utils/order-invoices"
import { creditNoteHubEvent, recordCreditNote } from "../utils/credit-note-record"

export const creditReturnStepId = "credit-return-step"

/** `return_id` may be a return note's reason key (`<return_id>:<sequence>`, from reconciliation). */
export type CreditReturnStepInput = { return_id: string }

export type CreditReturnStepOutput = {
  /** done: every note is on Stripe (or needed none) · pending: an invoice is not open yet (reconciliation retries) · skipped: nothing to credit. */
  outcome: "done" | "pending" | "skipped"
  reason?: string
  /** The first Stripe credit note (one per invoice the return credits). */
  credit_note_id?: string | null
  stripe_credit_note_ids: string[]
  events: RecordHubEventStepInput[]
}

type Container = Pick<MedusaContainer, "resolve">
type NoteRow = Awaited<ReturnType<InvoicingModuleService["retrieveCreditNote"]>>

/** A return as read with RETURN_FIELDS. */
type ReturnRow = {
  id: string
  order_id: string
  status: string
  items?: { item_id: string; quantity: unknown; received_quantity?: unknown; damaged_quantity?: unknown }[] | null
}

/** An invoice Stripe has: its id is recorded. */
type StripeInvoiceRecord = InvoiceRecord & { stripe_invoice_id: string }
const isOnStripe = (invoice: InvoiceRecord): invoice is StripeInvoiceRecord => !!invoice.stripe_invoice_id

const RETURN_FIELDS = [
  "id",
  "order_id",
  "status",
  "items.item_id",
  "items.quantity",
  "items.received_quantity",
  "items.damaged_quantity",
]

/**
 * Credits the goods of a received return on the order's Stripe invoice(s),
 * in two phases, each resumable:
 *
 * 1. Plan, under the order's invoicing lock (the order-edit flow plans its
 *    credits under it too): what each invoice can still credit per line, less
 *    what its refunds already covered (planReturnCredit), recorded as
 *    credit_note rows — the intent — before Stripe is asked. One row per
 *    invoice, reason key = the return id (`<return_id>:<sequence>` for notes on
 *    further invoices); a return fully covered by refunds gets a row with
 *    amount 0 (its goods are still recorded as credited).
 * 2. Issue each row under its invoice's lock: first the goods refunds
 *    covered go on the Stripe invoice's metadata (for the net-terms
 *    provider's refunds), then the note with the key cn:<reason_key>:v1 —
 *    custom lines with the invoice's tax rates (buildCreditNoteLines) built
 *    from the row alone, so a retry sends the same note; a note whose answer
 *    was lost is found on Stripe by its reason key first. A row of amount 0
 *    gets no note (NO_STRIPE_NOTE).
 *
 * Before payment a note lowers what is owed; what exceeds that goes to the
 * company's Stripe balance. A row for an invoice that is not open yet waits
 * for the reconcile job. No compensation: a Stripe credit note cannot be
 * taken back (only voided, which is a new fact), so the step is made
 * idempotent and resumable instead, and the rows are the intent it resumes.
 */
export const creditReturnStep = createStep(creditReturnStepId, async (input: CreditReturnStepInput, { container }) => {
  const returnId = returnIdOfReasonKey(input.return_id)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const skip = (reason: string) =>
    new StepResponse<CreditReturnStepOutput>({ outcome: "skipped", reason, stripe_credit_note_ids: [], events: [] })

  const { data: returns } = await query.graph({ entity: "return", fields: RETURN_FIELDS, filters: { id: returnId } })
  const ret = returns[0] as ReturnRow | undefined
  if (!ret) return skip(`return ${returnId} not found`)

  const planned = await withOrderInvoicingLock(container, ret.order_id, () => planAndRecord(container, ret))
  if (typeof planned === "string") return skip(planned)

  const output: CreditReturnStepOutput = { outcome: "done", stripe_credit_note_ids: [], events: [] }
  for (const row of planned) {
    const issued = await issueReturnNote(container, row.id, returnId)
    if (issued.outcome === "pending") Object.assign(output, { outcome: "pending", reason: issued.reason })
    if (issued.stripe_credit_note_id) output.stripe_credit_note_ids.push(issued.stripe_credit_note_id)
    output.events.push(...issued.events)
  }
  output.credit_note_id = output.stripe_credit_note_ids[0] ?? null
  return new StepResponse(output)
})

/** The return's rows: those already recorded, or a new plan recorded now. A string says why there is nothing to credit. */
async function planAndRecord(container: Container, ret: ReturnRow): Promise<NoteRow[] | string> {
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const live = await liveInvoicesOfOrder(container, ret.order_id)
  const liveIds = new Set(live.map((i) => i.id))
  const ofReturn = ((await invoicing.listCreditNotes({ order_id: ret.order_id })) as NoteRow[]).filter(
    (n) => isReturnReasonKey(n.reason_key) && returnIdOfReasonKey(n.reason_key) === ret.id
  )
  // Intents Stripe never saw that can no longer be issued as recorded: on an
  // invoice voided since (an edit reissued it), or from before per-line credit.
  const stale = ofReturn.filter(
    (n) => !n.stripe_credit_note_id && (!liveIds.has(n.invoice_id) || !Array.isArray(n.lines))
  )
  if (stale.length) await invoicing.deleteCreditNotes(stale.map((n) => n.id))
  const kept = ofReturn.filter((n) => !stale.includes(n))
  if (kept.length) return kept

  const returned = (ret.items ?? [])
    .map((i) => {
      const received = quantityOf(i.received_quantity) + quantityOf(i.damaged_quantity)
      return { line_id: i.item_id, quantity: received > 0 ? received : quantityOf(i.quantity) }
    })
    .filter((r) => r.quantity > 0)
  if (!returned.length) return "nothing returned"
  if (!live.length) return "the order has no net-terms invoice"

  const currency = live[0].currency_code as string
  const units = creditUnits(currency)
  const states: ReturnInvoiceState[] = []
  for (const invoice of live) {
    // Medusa's totals move with each return, so only the snapshot says what the invoice billed.
    if (!invoice.money) {
      logger.warn(
        `invoicing: return ${ret.id} of order ${ret.order_id}: invoice ${invoice.id} has no money snapshot; credit the return by hand`
      )
      return `invoice ${invoice.id} has no money snapshot: credit the return by hand`
    }
    const money = orderMoneyFromJson(invoice.money)
    states.push({
      invoice_id: invoice.id,
      sequence: Number(invoice.sequence ?? 1),
      money,
      ...(await notesOnInvoice(invoicing, invoice, units)),
    })
  }
  const plan = planReturnCredit({ currency, invoices: states, returned })
  if (plan.uncredited.length) {
    const what = plan.uncredited.map((u) => `${u.quantity} × ${u.line_id}`).join(", ")
    logger.warn(
      `invoicing: return ${ret.id} of order ${ret.order_id}: ${what} not credited, nothing left to credit for those lines on the invoices`
    )
  }
  if (!plan.notes.length) return "nothing left to credit for the returned lines"

  const rows: NoteRow[] = []
  for (const [i, note] of plan.notes.entries()) {
    rows.push(
      await invoicing.createCreditNotes({
        invoice_id: note.invoice_id,
        order_id: ret.order_id,
        reason_key: i === 0 ? ret.id : `${ret.id}:${note.sequence}`,
        amount_minor: dbMinor(note.amount_minor),
        stripe_credit_note_id: null,
        // A JSON array; the DML json type is declared as an object.
        lines: creditLinesToJson(note.lines) as unknown as Record<string, unknown>,
      })
    )
  }
  return rows
}

/**
 * An invoice's notes as the planner needs them: Stripe's notes (refunds made
 * by the payment provider are only there until their webhook is applied),
 * each with our per-line record when we have one, plus our intents Stripe has
 * not seen; and Stripe's total, the cap of what can be credited.
 */
async function notesOnInvoice(
  invoicing: InvoicingModuleService,
  invoice: InvoiceRecord,
  units: CreditUnits
): Promise<{ notes: InvoiceNote[]; total_minor: bigint | null }> {
  const rows = (await invoicing.listCreditNotes({ invoice_id: invoice.id })) as NoteRow[]
  const notes: InvoiceNote[] = []
  const matched = new Set<string>()
  let total: bigint | null = null
  if (invoice.stripe_invoice_id) {
    const stripe = invoicing.stripe()
    total = units.toIso(units.fromStripe(BigInt((await stripe.invoices.retrieve(invoice.stripe_invoice_id)).total)))
    for await (const n of stripe.creditNotes.list({ invoice: invoice.stripe_invoice_id, limit: 100 })) {
      if (n.status === "void") continue
      const row =
        rows.find((r) => r.stripe_credit_note_id === n.id) ??
        rows.find((r) => !!n.metadata?.reason_key && r.reason_key === n.metadata.reason_key)
      if (row) matched.add(row.id)
      notes.push({
        reason_key: row?.reason_key ?? n.metadata?.reason_key ?? null,
        amount_minor: units.toIso(units.fromStripe(BigInt(n.amount))),
        lines: row ? creditLinesFromJson(row.lines) : null,
      })
    }
  }
  for (const row of rows) {
    if (matched.has(row.id)) continue
    // A row naming a Stripe note the list did not show is a voided note: it credits nothing.
    if (row.stripe_credit_note_id && row.stripe_credit_note_id !== NO_STRIPE_NOTE) continue
    notes.push({
      reason_key: row.reason_key,
      amount_minor: BigInt(String(row.amount_minor)),
      lines: creditLinesFromJson(row.lines),
    })
  }
  return { notes, total_minor: total }
}

type IssuedNote = {
  outcome: "done" | "pending"
  reason?: string
  stripe_credit_note_id: string | null
  events: RecordHubEventStepInput[]
}

/** Sends one recorded return note to Stripe (see the step), once. */
async function issueReturnNote(container: Container, rowId: string, returnId: string): Promise<IssuedNote> {
  const invoicing = container.resolve(INVOICING_MODULE) as InvoicingModuleService
  const first = await invoicing.retrieveCreditNote(rowId)
  return await withInvoiceLock(container, first.invoice_id, async (): Promise<IssuedNote> => {
    const row = await invoicing.retrieveCreditNote(rowId)
    if (row.stripe_credit_note_id === NO_STRIPE_NOTE)
      return { outcome: "done", stripe_credit_note_id: null, events: [] }
    if (row.stripe_credit_note_id)
      return { outcome: "done", stripe_credit_note_id: row.stripe_credit_note_id, events: [] }
    const invoice = await invoicing.retrieveInvoice(row.invoice_id)
    if (!isOnStripe(invoice) || !["open", "paid"].includes(invoice.status as string)) {
      return { outcome: "pending", reason: `the invoice is ${invoice.status}`, stripe_credit_note_id: null, events: [] }
    }
    const stripe = invoicing.stripe()
    await publishReturnsCovered(stripe, invoicing, invoice, row.reason_key)
    // Fully covered by refunds: no Stripe note (Stripe refuses a zero one); done once the cover is published.
    if (BigInt(String(row.amount_minor)) === 0n) {
      await invoicing.updateCreditNotes({ id: row.id, stripe_credit_note_id: NO_STRIPE_NOTE })
      return { outcome: "done", stripe_credit_note_id: null, events: [] }
    }
    let note = await findNote(stripe, invoice.stripe_invoice_id, row.reason_key)
    if (!note) note = await createReturnNote(stripe, invoice, row, returnId)
    // Records the note's amount in ISO minor units (Stripe's differ for ISK, UGX…).
    await recordCreditNote(invoicing, invoice, note)
    const after = await stripe.invoices.retrieve(invoice.stripe_invoice_id)
    const applied = await applyRemoteInvoice(container, invoice, after)
    return {
      outcome: "done",
      stripe_credit_note_id: note.id,
      events: [creditNoteHubEvent(note, row.reason_key, applied.invoice), ...applied.events],
    }
  })
}

/**
 * Puts on the Stripe invoice the goods its return notes left to earlier
 * refunds (RETURNS_COVERED_METADATA_KEY), before the note itself: the
 * net-terms provider reads it when Medusa asks for a refund, and a value
 * ahead of the notes only makes a refund credit less, never twice. A
 * metadata write cannot be compensated either; it is a set, idempotent
 * under a key naming the value.
 */
async function publishReturnsCovered(
  stripe: Stripe,
  invoicing: InvoicingModuleService,
  invoice: StripeInvoiceRecord,
  reasonKey: string
) {
  const rows = (await invoicing.listCreditNotes({ invoice_id: invoice.id })) as NoteRow[]
  const covered = rows.reduce(
    (sum, r) =>
      sum +
      drawnByReturn({
        reason_key: r.reason_key,
        amount_minor: BigInt(String(r.amount_minor)),
        lines: creditLinesFromJson(r.lines),
      }),
    0n
  )
  if (covered === 0n) return
  const remote = await stripe.invoices.retrieve(invoice.stripe_invoice_id)
  if (BigInt(remote.metadata?.[RETURNS_COVERED_METADATA_KEY] || "0") >= covered) return
  await stripe.invoices.update(
    invoice.stripe_invoice_id,
    { metadata: { [RETURNS_COVERED_METADATA_KEY]: covered.toString() } },
    { idempotencyKey: stripeKeys.invoiceReturnsCovered(invoice.id, reasonKey, covered) }
  )
}

/** A note Stripe already has for this reason key (an earlier attempt's answer was lost). */
async function findNote(
  stripe: Stripe,
  stripeInvoiceId: string,
  reasonKey: string
): Promise<Stripe.CreditNote | undefined> {
  for await (const n of stripe.creditNotes.list({ invoice: stripeInvoiceId, limit: 100 })) {
    if (n.metadata?.reason_key === reasonKey) return n
  }
  return undefined
}

async function createReturnNote(
  stripe: Stripe,
  invoice: StripeInvoiceRecord,
  row: NoteRow,
  returnId: string
): Promise<Stripe.CreditNote> {
  const units = creditUnits(invoice.currency_code)
  const lines = creditLinesFromJson(row.lines) ?? []
  const money = invoice.money ? orderMoneyFromJson(invoice.money) : null
  const billed = new Map(money ? [...money.items, ...money.shipping].map((l) => [l.id, l]) : [])
  const invoiceLines: Stripe.InvoiceLineItem[] = []
  for await (const line of stripe.invoices.listLineItems(invoice.stripe_invoice_id, { limit: 100 }))
    invoiceLines.push(line)
  const amountMinor = BigInt(String(row.amount_minor))
  const built = buildCreditNoteLines({
    units,
    label: "Returned",
    lines,
    amount_minor: amountMinor,
    billed,
    invoiceLines,
  })
  const remote = await stripe.invoices.retrieve(invoice.stripe_invoice_id)
  const split = noteSplit(built.amount, remote)
  const goods = lines.reduce((s, l) => s + l.net_minor + l.tax_minor, 0n)
  return await stripe.creditNotes.create(
    {
      invoice: invoice.stripe_invoice_id,
      lines: built.lines,
      reason: "order_change",
      memo: returnMemo({
        return_id: returnId,
        currency: invoice.currency_code,
        units,
        goods_minor: goods,
        covered_minor: goods - amountMinor,
        split,
      }),
      ...(split.post_payment > 0n ? { credit_amount: Number(split.post_payment) } : {}),
      metadata: {
        medusa_order_id: invoice.order_id,
        medusa_return_id: returnId,
        reason_key: row.reason_key,
        hub_invoice_id: invoice.id,
        hub_credit_note_id: row.id,
      },
    },
    { idempotencyKey: stripeKeys.creditNote(row.reason_key) }
  )
}

/** Medusa quantities are bigNumber columns: a number, a numeric string or a BigNumber-like object. */
function quantityOf(value: unknown): number {
  if (value === null || value === undefined) return 0
  if (typeof value === "object") {
    const v = value as { numeric?: unknown; value?: unknown; toJSON?: () => unknown }
    return quantityOf(v.numeric ?? v.value ?? v.toJSON?.())
  }
  const n = Number(value)
  if (!Number.isFinite(n)) throw new Error(`Not a quantity: ${String(value)}`)
  return n
}
