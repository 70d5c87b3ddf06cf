import type Stripe from "stripe"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import { InvoiceLine, MAX_STRIPE_INVOICE_LINES } from "./invoice-lines"

/**
 * How far the issuing sequence got, as stored on our invoice record:
 * "none" → "created" → "lines:<n>" (n batches added) → "finalized" → "sent".
 */
export type IssueProgress = string

/** Everything the Stripe call sequence needs, as plain data (no Medusa container). */
export type IssueSequenceInput = {
  invoice: {
    /** Our invoice record id (hub_invoice_id on Stripe). */
    id: string
    stripe_invoice_id: string | null
    progress: IssueProgress | null
    days_until_due: number
    payment_session_id: string | null
    contract_id: string | null
  }
  order: { id: string; display_id: number | string; currency_code: string; po_number?: string | null }
  company: { id: string; name: string; billing_email: string; erp_account_number?: string | null; stripe_customer_id: string | null }
  lines: InvoiceLine[]
}

/** Durable checkpoints: each is awaited before the next Stripe call. */
export type IssueSequenceHooks = {
  /** A Stripe customer exists for the company (store it; it is reused for every later invoice). */
  onCustomer(customerId: string): Promise<void>
  /** The draft invoice exists, or more of the sequence is done. */
  onProgress(update: { progress: IssueProgress; stripe_invoice_id: string; stripe_customer_id: string }): Promise<void>
}

export type IssueSequenceOptions = {
  /** Lines per addLines call (default: all of them, Stripe's 250-line cap makes that one call). */
  linesPerBatch?: number
  /**
   * Check Stripe before resuming instead of trusting the idempotency keys
   * alone: Stripe keeps a key for 24 hours, so a retry later than that could
   * repeat a call whose answer was lost. Costs one or two GETs.
   */
  verifyWithStripe?: boolean
}

/** Stripe's limits on custom fields: name ≤ 40, value ≤ 140 characters, at most 4 fields. */
function customFields(order: IssueSequenceInput["order"]): Stripe.InvoiceCreateParams.CustomField[] {
  const fields = [{ name: "Order", value: `#${order.display_id}` }]
  if (order.po_number) fields.push({ name: "PO number", value: order.po_number.slice(0, 140) })
  return fields
}

export function toStripeLine(line: InvoiceLine, currency: string): Stripe.InvoiceAddLinesParams.Line {
  if (line.kind === "amount") {
    return { description: line.description, amount: Number(line.amount_minor), metadata: line.metadata }
  }
  return {
    description: line.description,
    quantity: line.quantity,
    price_data: {
      currency,
      product_data: { name: line.description },
      unit_amount: Number(line.unit_amount_minor),
    },
    metadata: line.metadata,
  }
}

function batchesDone(progress: IssueProgress | null): number {
  if (progress === "finalized" || progress === "sent") return Infinity
  return progress?.startsWith("lines:") ? Number(progress.split(":")[1]) : 0
}

/**
 * The net-terms call sequence — customer (once per company), draft invoice on
 * the contract's terms, lines in addLines batches, finalize, send — resumed
 * from `invoice.progress`. Every POST carries a deterministic idempotency key
 * (src/lib/stripe/idempotency-keys.ts), so running it again after an error or
 * a crash at any point replays what Stripe already did instead of repeating
 * it: one customer, one invoice, each line once. Returns the sent invoice.
 *
 * Calls for an order of N Stripe lines: ⌈N / linesPerBatch⌉ + 3, plus one
 * when the company has no Stripe customer yet.
 */
export async function runIssueSequence(
  stripe: Stripe,
  input: IssueSequenceInput,
  hooks: IssueSequenceHooks,
  options: IssueSequenceOptions = {}
): Promise<Stripe.Invoice> {
  const { invoice, order, company, lines } = input
  const currency = order.currency_code.toLowerCase()
  const perBatch = Math.max(1, options.linesPerBatch ?? MAX_STRIPE_INVOICE_LINES)

  // 1. The company's customer: created once, reused afterwards.
  let customerId = company.stripe_customer_id
  if (!customerId) {
    const customer = await stripe.customers.create(
      {
        name: company.name,
        email: company.billing_email,
        metadata: { medusa_company_id: company.id, erp_account_number: company.erp_account_number ?? "" },
      },
      { idempotencyKey: stripeKeys.customer(company.id) }
    )
    customerId = customer.id
    await hooks.onCustomer(customerId)
  }

  let stripeInvoiceId = invoice.stripe_invoice_id
  let progress: IssueProgress = invoice.progress ?? "none"
  const batches: InvoiceLine[][] = []
  for (let i = 0; i < lines.length; i += perBatch) batches.push(lines.slice(i, i + perBatch))
  if (options.verifyWithStripe) {
    const found = await findIssuedState(stripe, customerId, invoice.id, stripeInvoiceId, batches)
    if (found) {
      ;({ stripeInvoiceId, progress } = { stripeInvoiceId: found.stripe_invoice_id, progress: found.progress })
      await hooks.onProgress({ progress, stripe_invoice_id: stripeInvoiceId, stripe_customer_id: customerId })
    }
  }

  // 2. The draft invoice, on the contract's terms.
  if (!stripeInvoiceId) {
    const created = await stripe.invoices.create(
      {
        customer: customerId,
        currency,
        collection_method: "send_invoice",
        days_until_due: invoice.days_until_due,
        auto_advance: false,
        pending_invoice_items_behavior: "exclude",
        custom_fields: customFields(order),
        metadata: {
          medusa_order_id: order.id,
          medusa_order_display_id: String(order.display_id),
          medusa_payment_session_id: invoice.payment_session_id ?? "",
          po_number: order.po_number ?? "",
          contract_id: invoice.contract_id ?? "",
          hub_invoice_id: invoice.id,
        },
      },
      { idempotencyKey: stripeKeys.invoiceCreate(order.id) }
    )
    stripeInvoiceId = created.id!
    progress = "created"
    await hooks.onProgress({ progress, stripe_invoice_id: stripeInvoiceId, stripe_customer_id: customerId })
  }

  // 3. Lines, in batches; "lines:<n>" = the first n batches are on the invoice.
  for (let b = batchesDone(progress); b < batches.length; b++) {
    await stripe.invoices.addLines(
      stripeInvoiceId,
      { lines: batches[b].map((l) => toStripeLine(l, currency)) },
      { idempotencyKey: stripeKeys.invoiceLines(order.id, b) }
    )
    progress = `lines:${b + 1}`
    await hooks.onProgress({ progress, stripe_invoice_id: stripeInvoiceId, stripe_customer_id: customerId })
  }

  // 4. Finalize (number, due date), then 5. send.
  if (progress !== "finalized" && progress !== "sent") {
    await stripe.invoices.finalizeInvoice(stripeInvoiceId, { auto_advance: false }, { idempotencyKey: stripeKeys.invoiceFinalize(order.id) })
    progress = "finalized"
    await hooks.onProgress({ progress, stripe_invoice_id: stripeInvoiceId, stripe_customer_id: customerId })
  }
  if (progress !== "sent") {
    const sent = await stripe.invoices.sendInvoice(stripeInvoiceId, {}, { idempotencyKey: stripeKeys.invoiceSend(order.id) })
    await hooks.onProgress({ progress: "sent", stripe_invoice_id: stripeInvoiceId, stripe_customer_id: customerId })
    return sent
  }
  return await stripe.invoices.retrieve(stripeInvoiceId)
}

/**
 * What Stripe already has for our invoice record: the invoice (found by its
 * hub_invoice_id metadata among the customer's recent invoices when we never
 * stored its id) and how many line batches it holds.
 */
async function findIssuedState(
  stripe: Stripe,
  customerId: string,
  hubInvoiceId: string,
  knownId: string | null,
  batches: InvoiceLine[][]
): Promise<{ stripe_invoice_id: string; progress: IssueProgress } | null> {
  let current: Stripe.Invoice | undefined
  if (knownId) {
    current = await stripe.invoices.retrieve(knownId)
  } else {
    const recent = await stripe.invoices.list({ customer: customerId, limit: 100 })
    current = recent.data.find((inv) => inv.metadata?.hub_invoice_id === hubInvoiceId)
  }
  if (!current?.id) return null
  if (current.status !== "draft") return { stripe_invoice_id: current.id, progress: "finalized" }
  const count = await countLines(stripe, current)
  let done = 0
  let sum = 0
  for (const batch of batches) {
    if (sum + batch.length > count) break
    sum += batch.length
    done += 1
  }
  if (sum !== count) throw new Error(`Stripe invoice ${current.id} has ${count} lines, which is not a whole number of our batches: needs a look`)
  return { stripe_invoice_id: current.id, progress: done === 0 ? "created" : `lines:${done}` }
}

async function countLines(stripe: Stripe, invoice: Stripe.Invoice): Promise<number> {
  const embedded = invoice.lines as (Stripe.ApiList<Stripe.InvoiceLineItem> & { total_count?: number }) | undefined
  if (typeof embedded?.total_count === "number") return embedded.total_count
  if (embedded && !embedded.has_more) return embedded.data.length
  let count = 0
  for await (const _line of stripe.invoices.listLineItems(invoice.id!, { limit: 100 })) count += 1
  return count
}
