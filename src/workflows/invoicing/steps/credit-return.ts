import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { buildReturnCredit } from "../../../modules/invoicing/lib/return-credit"
import { dbMinor } from "../../../lib/money/db-minor"
import { parseDecimal } from "../../../lib/money"
import { getHubStripe } from "../../../lib/stripe/hub-stripe"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import type { RecordHubEventStepInput } from "../../hub/steps/record-hub-event"
import { applyRemoteInvoice, withInvoiceLock } from "../lib/invoice-state"
import { creditNoteHubEvent, recordCreditNote } from "./apply-stripe-event"

export const creditReturnStepId = "credit-return-step"

export type CreditReturnStepInput = { return_id: string }

export type CreditReturnStepOutput = {
  /** done: Stripe has the credit note · pending: the invoice is not open yet (reconciliation retries) · skipped: nothing to credit. */
  outcome: "done" | "pending" | "skipped"
  reason?: string
  credit_note_id?: string | null
  events: RecordHubEventStepInput[]
}

const RETURN_FIELDS = ["id", "order_id", "status", "items.item_id", "items.quantity", "items.received_quantity", "items.damaged_quantity"]
// The lines as invoiced: price, quantity, adjustments and tax rates (Medusa's item
// totals would describe the units kept after the return, not those returned).
// (Listing items.quantity alone comes back null once the order has changes; items.* does not.)
const ORDER_ITEM_FIELDS = ["id", "currency_code", "items.*", "items.adjustments.amount", "items.tax_lines.rate"]

/**
 * Credits the goods of a received return on the order's Stripe invoice: a
 * credit note for the returned lines (see buildReturnCredit) with the key
 * cn:<return_id>:v1, recorded in credit_note under reason_key = return id.
 * Before payment the note lowers what is owed; after payment it goes to the
 * company's Stripe balance (applied to its next invoices). A return received
 * before the invoice is open is recorded as pending and credited by
 * reconciliation once it is.
 */
export const creditReturnStep = createStep(
  creditReturnStepId,
  async ({ return_id }: CreditReturnStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const skip = (reason: string) => new StepResponse<CreditReturnStepOutput>({ outcome: "skipped", reason, events: [] })

    const { data: returns } = await query.graph({ entity: "return", fields: RETURN_FIELDS, filters: { id: return_id } })
    const ret = returns[0] as any
    if (!ret) return skip(`return ${return_id} not found`)
    const [invoice] = await invoicing.listInvoices({ order_id: ret.order_id })
    if (!invoice) return skip("the order has no net-terms invoice")

    const output = await withInvoiceLock(container, invoice.id, async (): Promise<CreditReturnStepOutput> => {
      const [done] = await invoicing.listCreditNotes({ reason_key: return_id })
      if (done?.stripe_credit_note_id) return { outcome: "done", credit_note_id: done.stripe_credit_note_id, events: [] }

      const { data: orders } = await query.graph({ entity: "order", fields: ORDER_ITEM_FIELDS, filters: { id: ret.order_id } })
      const order = orders[0] as any
      const returned = (ret.items ?? []).map((i: any) => {
        const received = quantityOf(i.received_quantity) + quantityOf(i.damaged_quantity)
        return { item_id: i.item_id, quantity: received > 0 ? received : quantityOf(i.quantity) }
      })
      const items = (order.items ?? []).map((i: any) => ({
        id: i.id,
        title: i.title,
        variant_sku: i.variant_sku,
        quantity: quantityOf(i.raw_quantity ?? i.quantity),
        unit_price: i.unit_price,
        is_tax_inclusive: i.is_tax_inclusive,
        discount_total: sumOf((i.adjustments ?? []).map((a: any) => a.amount)),
        tax_rate_percent: sumOf((i.tax_lines ?? []).map((t: any) => t.rate)),
      }))
      const credit = buildReturnCredit(items, returned, order.currency_code)
      if (credit.amount_minor <= 0n) return { outcome: "skipped", reason: "nothing returned", events: [] }

      const current = await invoicing.retrieveInvoice(invoice.id)
      if (current.status === "void") return { outcome: "skipped", reason: "the invoice is void", events: [] }
      // The intent, recorded before Stripe is asked (reconciliation finishes it).
      if (!done) await invoicing.createCreditNotes({ invoice_id: invoice.id, order_id: invoice.order_id, reason_key: return_id, amount_minor: dbMinor(credit.amount_minor), stripe_credit_note_id: null })
      if (!current.stripe_invoice_id || !["open", "paid"].includes(current.status)) {
        return { outcome: "pending", reason: `the invoice is ${current.status}`, credit_note_id: null, events: [] }
      }

      const stripe = getHubStripe()
      // A lost answer leaves the note on Stripe: find it rather than recompute
      // the split (which the note itself changed) and trip the idempotency check.
      const existing = await stripe.creditNotes.list({ invoice: current.stripe_invoice_id, limit: 100 })
      let note = existing.data.find((n) => n.metadata?.reason_key === return_id)
      if (!note) {
        const remote = await stripe.invoices.retrieve(current.stripe_invoice_id)
        // Whatever exceeds what is still owed is post-payment: credit it to the balance.
        const postPayment = credit.amount_minor - BigInt(remote.status === "paid" ? 0 : remote.amount_remaining)
        note = await stripe.creditNotes.create(
          {
            invoice: current.stripe_invoice_id,
            lines: credit.lines,
            reason: "order_change",
            memo: `Return ${return_id}`,
            ...(postPayment > 0n ? { credit_amount: Number(postPayment) } : {}),
            metadata: { medusa_order_id: invoice.order_id, medusa_return_id: return_id, reason_key: return_id, hub_invoice_id: invoice.id },
          },
          { idempotencyKey: stripeKeys.creditNote(return_id) }
        )
      }
      await recordCreditNote(invoicing, current, note)
      const after = await stripe.invoices.retrieve(current.stripe_invoice_id)
      const applied = await applyRemoteInvoice(container, current, after)
      return { outcome: "done", credit_note_id: note.id, events: [creditNoteHubEvent(note, return_id, applied.invoice), ...applied.events] }
    })
    return new StepResponse(output)
  }
)

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

/** Exact decimal sum of Medusa amounts (numbers or numeric strings). */
function sumOf(values: unknown[]): string {
  let total = { mantissa: 0n, scale: 0 }
  for (const v of values) {
    const d = parseDecimal(String(v ?? 0))
    const scale = Math.max(total.scale, d.scale)
    total = { mantissa: total.mantissa * 10n ** BigInt(scale - total.scale) + d.mantissa * 10n ** BigInt(scale - d.scale), scale }
  }
  const digits = (total.mantissa < 0n ? -total.mantissa : total.mantissa).toString().padStart(total.scale + 1, "0")
  const text = total.scale ? `${digits.slice(0, -total.scale)}.${digits.slice(-total.scale)}` : digits
  return (total.mantissa < 0n ? "-" : "") + text
}
