import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { buildInvoiceLines } from "../../../modules/invoicing/lib/invoice-lines"
import { orderMoneyToJson } from "../../../lib/orders/order-money-json"
import { dbMinor } from "../../../lib/money/db-minor"
import type { RecordHubEventStepInput } from "../../outbox/steps/record-hub-event"
import { withInvoiceLock, withOrderInvoicingLock } from "../utils/invoice-state"
import { voidOrderInvoice } from "../utils/void-invoice"
import { settleMedusaPayment } from "../utils/settle-payment"
import { creditLinesToJson } from "../../../modules/invoicing/lib/credit-lines"
import {
  EDIT_REASON_PREFIX,
  planInvoiceChange,
  PlannedCredit,
  PlannedInvoice,
} from "../../../modules/invoicing/lib/invoice-change-plan"
import { loadOrderChangeState, OrderChangeState } from "../utils/order-change-state"

export const recordInvoiceChangeStepId = "record-invoice-change-step"

export type RecordInvoiceChangeStepInput = { order_id: string }

export type RecordInvoiceChangeStepOutput = {
  /**
   * not_net_terms / canceled: nothing of ours to follow · not_invoiced: the
   * order has no invoice yet (its issuing bills it as it is) · in_step: the
   * invoices bill the order · recorded: invoices voided and/or a new invoice
   * and credit notes recorded, to be issued.
   */
  outcome: "not_net_terms" | "canceled" | "not_invoiced" | "in_step" | "recorded"
  reason: string
  /** The order version the decision was made on. */
  order_version: number
  /** The reissued or supplementary invoice record to issue. */
  invoice_id: string | null
  /** Edit credit notes recorded, to be issued on Stripe. */
  credit_note_ids: string[]
  voided: string[]
  /** Invoices found paid when they were to be voided (kept; their Medusa payment is settled). */
  paid_meanwhile: string[]
  /** A decrease that could not be credited within what was invoiced (minor units; needs a person). */
  uncredited_minor: string
  events: RecordHubEventStepInput[]
}

/** How often the decision is taken again when an invoice to void turned out paid meanwhile. */
const MAX_ROUNDS = 3

/**
 * Decides what the order's invoices must do after the order changed
 * (planInvoiceChange) and does the part that makes the decision durable,
 * under the order's invoicing lock: voids the unpaid invoices being replaced
 * (at Stripe first, then in our record), then records the new invoice
 * (`reissue` or `supplementary`, next sequence, replaces_invoice_id) and the
 * edit credit notes (reason key `edit:<order_change_id>`, per-line credit in
 * credit_note.lines) as intents. Issuing them is the next steps' job; each
 * resumes from these records.
 *
 * Crash-safe at every point: the decision is recomputed from what the
 * records say, so a run after a crash between the void and the record sees
 * the voided invoice and reissues; an invoice found paid when voiding is not
 * replaced, and the decision is taken again (it is now a supplementary
 * invoice or a credit). Idempotent: once the records bill the order, the
 * decision is "in step".
 *
 * No compensation: a Stripe void cannot be undone, and the records are the
 * intent a later step (or the reconcile job) finishes, like prepareInvoiceStep's.
 */
export const recordInvoiceChangeStep = createStep(
  recordInvoiceChangeStepId,
  async ({ order_id }: RecordInvoiceChangeStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const output = await withOrderInvoicingLock(
      container,
      order_id,
      async (): Promise<RecordInvoiceChangeStepOutput> => {
        const events: RecordHubEventStepInput[] = []
        const voided: string[] = []
        const paidMeanwhile: string[] = []
        const result = (
          outcome: RecordInvoiceChangeStepOutput["outcome"],
          reason: string,
          version = 0,
          extra: Partial<RecordInvoiceChangeStepOutput> = {}
        ) => ({
          outcome,
          reason,
          order_version: version,
          invoice_id: null,
          credit_note_ids: [],
          voided,
          paid_meanwhile: paidMeanwhile,
          uncredited_minor: "0",
          events,
          ...extra,
        })
        for (let round = 0; round < MAX_ROUNDS; round++) {
          const state = await loadOrderChangeState(container, order_id)
          if (!state) return result("not_net_terms", "the order is not paid on net terms")
          if (state.status === "canceled")
            return result("canceled", "the order is canceled (its invoices are voided by the cancel)", state.version)
          const plan = planInvoiceChange({ order: state.money, invoices: state.invoices, notes: state.notes })
          if (plan.in_step)
            return result(state.invoices.length ? "in_step" : "not_invoiced", plan.reason, state.version)

          let raced = false
          for (const id of plan.void) {
            const done = await withInvoiceLock(
              container,
              id,
              async () => await voidOrderInvoice(container, await invoicing.retrieveInvoice(id))
            )
            events.push(...done.events)
            if (done.invoice.status === "void") voided.push(id)
            else {
              // Paid meanwhile (its webhook not here yet): it stays, and the decision changes.
              paidMeanwhile.push(id)
              raced = true
            }
          }
          if (raced) continue

          const invoiceId = plan.issue ? await recordInvoice(invoicing, state, plan.issue) : null
          const noteIds = await recordCredits(invoicing, state, plan.credits)
          if (plan.uncredited_minor > 0n) {
            container
              .resolve(ContainerRegistrationKeys.LOGGER)
              .warn(
                `invoicing: order ${order_id} decreased by ${plan.uncredited_minor} (minor units) more than its invoices can still be credited: needs a look`
              )
          }
          return result("recorded", plan.reason, state.version, {
            invoice_id: invoiceId,
            credit_note_ids: noteIds,
            uncredited_minor: plan.uncredited_minor.toString(),
          })
        }
        throw new Error(
          `order ${order_id}: its invoices were paid while being replaced ${MAX_ROUNDS} times; the reconcile job decides again`
        )
      }
    )
    // The Medusa payments of the invoices voided (usually canceled by Medusa
    // already) or found paid (Medusa canceled their payment at the change:
    // what they collected is recorded on the new collection), outside every lock.
    // A failure here must not hold back the invoices: the webhook and the reconcile job settle again.
    for (const id of [...output.voided, ...output.paid_meanwhile]) {
      await settleMedusaPayment(container, id, { capturePaid: false }).catch((error) =>
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(`invoicing: could not settle the Medusa payment of invoice ${id}: ${(error as Error).message}`)
      )
    }
    return new StepResponse(output)
  }
)

/** The new invoice record: the order's terms from its first invoice, the next sequence, what it bills. */
async function recordInvoice(
  invoicing: InvoicingModuleService,
  state: OrderChangeState,
  issue: PlannedInvoice
): Promise<string> {
  const first = state.records[0]
  const sequence = state.records.reduce((max, r) => Math.max(max, Number(r.sequence ?? 1)), 0) + 1
  const { total_minor, rounding_minor } = buildInvoiceLines(issue.money)
  const created = await invoicing.createInvoices({
    order_id: state.order_id,
    kind: issue.kind,
    sequence,
    replaces_invoice_id: issue.replaces_invoice_id,
    company_id: first.company_id,
    contract_id: first.contract_id ?? null,
    payment_session_id: null,
    currency_code: first.currency_code,
    payment_terms: first.payment_terms,
    days_until_due: first.days_until_due,
    total_minor: dbMinor(total_minor),
    rounding_minor: dbMinor(rounding_minor),
    money: orderMoneyToJson(issue.money),
    amount_due_minor: dbMinor(total_minor),
  })
  return created.id
}

/**
 * The credit intents, keyed by the change they follow: `edit:<order_change_id>`
 * for the first, `edit:<order_change_id>:<invoice sequence>` for notes on
 * further invoices (a decrease larger than the newest invoice). The Stripe
 * key is cn:<reason_key>:v1.
 */
async function recordCredits(
  invoicing: InvoicingModuleService,
  state: OrderChangeState,
  credits: PlannedCredit[]
): Promise<string[]> {
  const taken = new Set(state.notes.map((n) => n.reason_key))
  const base = `${EDIT_REASON_PREFIX}${state.change_id ?? `${state.order_id}:v${state.version}`}`
  const ids: string[] = []
  for (const [i, credit] of credits.entries()) {
    const sequence = state.invoices.find((inv) => inv.id === credit.invoice_id)?.sequence ?? 0
    let key = i === 0 ? base : `${base}:${sequence}`
    for (let n = 2; taken.has(key); n++) key = `${i === 0 ? base : `${base}:${sequence}`}:${n}`
    taken.add(key)
    const row = await invoicing.createCreditNotes({
      invoice_id: credit.invoice_id,
      order_id: state.order_id,
      reason_key: key,
      amount_minor: dbMinor(credit.amount_minor),
      stripe_credit_note_id: null,
      // A JSON array; the DML json type is declared as an object.
      lines: creditLinesToJson(credit.lines) as unknown as Record<string, unknown>,
    })
    ids.push(row.id)
  }
  return ids
}
