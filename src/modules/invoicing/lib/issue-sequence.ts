import type Stripe from "stripe"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import { InvoiceLine, MAX_STRIPE_INVOICE_LINES } from "./invoice-lines"
import { parseDecimal, roundHalfAwayFromZero } from "../../../lib/money"
import { callWithRecovery, findCompanyCustomer, type RecoveryBudget } from "./issue-recovery"
import { customerChanged, parametersChanged } from "./key-epoch"
import { isStripeIdempotencyMismatch, isStripeNotFound } from "../../../lib/stripe/errors"

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
    /** 1 for the order's own invoice, then 2, 3, … (reissues, supplementary invoices): the version of its idempotency keys. Default 1. */
    sequence?: number
    /** Default "order". A reissue or supplementary invoice names the invoice it relates to (custom field) and states its capture cap (metadata). */
    kind?: "order" | "reissue" | "supplementary"
    /** The number of the invoice a reissue replaces or a supplementary invoice adds to. */
    related_invoice_number?: string | null
    /**
     * The Stripe customer our record says the create call went out for (stored
     * before the call: IssueSequenceHooks.beforeCreate); null before the first
     * call, and on records from before it was stored.
     */
    stripe_customer_id?: string | null
    /** The invoice's key epoch (`stripe_key_epoch`, key-epoch.ts): versions the keys on top of `sequence`. Default 0. */
    key_epoch?: number
    /**
     * Most Medusa may capture when this invoice is paid (ISO minor units): what
     * the invoice bills, never more than the Medusa payment it settles.
     * Stated only on reissued and supplementary invoices (metadata
     * `medusa_capture_max_minor`); the order's own invoice keeps its
     * original metadata so its create call stays a replay.
     */
    capture_max_minor?: bigint | null
  }
  order: {
    id: string
    display_id: number | string
    currency_code: string
    po_number?: string | null
    /** "quo_… v3" for an order placed from a quote. */
    quote?: string | null
    total_minor?: bigint
  }
  company: {
    id: string
    name: string
    billing_email: string
    erp_account_number?: string | null
    stripe_customer_id: string | null
  }
  lines: InvoiceLine[]
}

/** Durable checkpoints: each is awaited before the next Stripe call. */
export type IssueSequenceHooks = {
  /** A Stripe customer exists for the company (store it; it is reused for every later invoice). */
  onCustomer(customerId: string): Promise<void>
  /**
   * The create call is about to go out for this customer under this key
   * epoch (`key_reason` when the epoch just moved). Store it first, with no
   * Stripe invoice and progress "none" (there is none now), so a later run
   * knows whom a create whose answer was lost was for. Default: not stored —
   * a changed customer is then noticed only when Stripe refuses the key.
   */
  beforeCreate?(update: { stripe_customer_id: string; key_epoch: number; key_reason?: string }): Promise<void>
  /** The draft invoice exists, or more of the sequence is done. */
  onProgress(update: { progress: IssueProgress; stripe_invoice_id: string; stripe_customer_id: string }): Promise<void>
  /**
   * Runs `job` alone for the company (a lock): recovering from a 5xx on the
   * customer's creation looks for the company's customer, then creates one
   * under a fresh key — two orders of the company doing that at once would
   * make two. Default: no lock.
   */
  exclusiveForCompany?<T>(job: () => Promise<T>): Promise<T>
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
function customFields(
  order: IssueSequenceInput["order"],
  invoice: IssueSequenceInput["invoice"]
): Stripe.InvoiceCreateParams.CustomField[] {
  const fields = [{ name: "Order", value: `#${order.display_id}` }]
  if (order.po_number) fields.push({ name: "PO number", value: order.po_number.slice(0, 140) })
  if (order.quote) fields.push({ name: "Quote", value: order.quote.slice(0, 140) })
  if (invoice.kind === "reissue" && invoice.related_invoice_number)
    fields.push({ name: "Replaces invoice", value: invoice.related_invoice_number.slice(0, 140) })
  if (invoice.kind === "supplementary" && invoice.related_invoice_number)
    fields.push({ name: "Supplements invoice", value: invoice.related_invoice_number.slice(0, 140) })
  return fields
}

/** Metadata only reissued and supplementary invoices carry (the order's own invoice keeps exactly what it always sent). */
function laterInvoiceMetadata(invoice: IssueSequenceInput["invoice"]): Record<string, string> {
  if (!invoice.kind || invoice.kind === "order") return {}
  return {
    hub_invoice_kind: invoice.kind,
    hub_invoice_sequence: String(invoice.sequence ?? 1),
    medusa_capture_max_minor:
      invoice.capture_max_minor !== undefined && invoice.capture_max_minor !== null
        ? invoice.capture_max_minor.toString()
        : "",
  }
}

/** Stripe takes a tax percentage with at most 4 decimals; the amount, not the rate, is what counts. */
function stripePercentage(percent: string): number {
  const { mantissa, scale } = parseDecimal(percent)
  if (scale <= 4) return Number(percent)
  return Number(roundHalfAwayFromZero(mantissa, 10n ** BigInt(scale - 4))) / 10_000
}

function toStripeTaxAmounts(line: InvoiceLine): Stripe.InvoiceAddLinesParams.Line.TaxAmount[] | undefined {
  if (line.taxes.length === 0) return undefined
  return line.taxes.map((t) => ({
    amount: Number(t.amount),
    taxable_amount: Number(t.taxable_amount),
    tax_rate_data: { display_name: t.display_name, inclusive: t.inclusive, percentage: stripePercentage(t.percentage) },
  }))
}

/** One invoice line as addLines takes it; amounts are already in Stripe's units. */
export function toStripeLine(line: InvoiceLine, currency: string): Stripe.InvoiceAddLinesParams.Line {
  const tax_amounts = toStripeTaxAmounts(line)
  if (line.kind === "amount") {
    return {
      description: line.description,
      amount: Number(line.amount),
      metadata: line.metadata,
      ...(tax_amounts ? { tax_amounts } : {}),
    }
  }
  return {
    description: line.description,
    quantity: line.quantity,
    price_data: {
      currency,
      product_data: { name: line.description },
      unit_amount: Number(line.unit_amount),
    },
    metadata: line.metadata,
    ...(tax_amounts ? { tax_amounts } : {}),
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
 * it: one customer, one invoice, each line once. An order's later invoices
 * (reissue, supplementary) run the same sequence with keys versioned by their
 * `sequence`; an invoice whose create call must go out with other parameters
 * (the company's customer changed) moves to a new key epoch first
 * (key-epoch.ts). Returns the sent invoice.
 *
 * A 5xx is the exception: Stripe saves it under the key and replays it for
 * 24 h, so one 500 on `cus:<company>:v1` would block every order of the
 * company that long. On a 5xx (once per run) the sequence looks at what
 * Stripe has — the company's customer by email and metadata, our invoice by
 * hub_invoice_id and its line count — uses it, and only otherwise repeats the
 * call under a fresh key (issue-recovery.ts says why that is safe).
 *
 * Calls for an order of N Stripe lines: ⌈N / linesPerBatch⌉ + 3, plus one
 * when the company has no Stripe customer yet; a recovery adds its look-up
 * and the repeated call.
 */
export async function runIssueSequence(
  stripe: Stripe,
  input: IssueSequenceInput,
  hooks: IssueSequenceHooks,
  options: IssueSequenceOptions = {}
): Promise<Stripe.Invoice> {
  const { invoice, order, company, lines } = input
  const currency = order.currency_code.toLowerCase()
  const sequence = invoice.sequence ?? 1
  const perBatch = Math.max(1, options.linesPerBatch ?? MAX_STRIPE_INVOICE_LINES)
  const budget: RecoveryBudget = { spent: false }

  // 1. The company's customer: created once, reused afterwards.
  let customerId = company.stripe_customer_id
  if (!customerId) {
    const params: Stripe.CustomerCreateParams = {
      name: company.name,
      email: company.billing_email,
      metadata: { medusa_company_id: company.id, erp_account_number: company.erp_account_number ?? "" },
    }
    customerId = await callWithRecovery(
      budget,
      stripeKeys.customer(company.id),
      async (idempotencyKey) => (await stripe.customers.create(params, { idempotencyKey })).id,
      // Without an email there is no strongly consistent way to find the customer: keep the error.
      company.billing_email ? () => findCompanyCustomer(stripe, company.id, company.billing_email) : null,
      (job) => (hooks.exclusiveForCompany ? hooks.exclusiveForCompany(job) : job())
    )
    await hooks.onCustomer(customerId)
  }

  let stripeInvoiceId = invoice.stripe_invoice_id
  let progress: IssueProgress = invoice.progress ?? "none"
  let epoch = invoice.key_epoch ?? 0
  /** Whom our record says the create call went out for. */
  let recordedCustomer = invoice.stripe_customer_id ?? null
  /** Whom the Stripe invoice is for: the company's customer, unless one was finalized for an earlier one. */
  let billed = customerId
  const batches: InvoiceLine[][] = []
  for (let i = 0; i < lines.length; i += perBatch) batches.push(lines.slice(i, i + perBatch))

  // The company's customer changed since the create call went out for another one.
  if (recordedCustomer && recordedCustomer !== customerId && progress !== "finalized" && progress !== "sent") {
    const earlier = await findStripeInvoice(stripe, recordedCustomer, invoice.id, stripeInvoiceId)
    if (earlier && earlier.status !== "draft") {
      // Issued to the earlier customer: kept (replacing an issued invoice is an order change's business, not a retry's).
      ;({ stripeInvoiceId, progress, billed } = {
        stripeInvoiceId: earlier.id!,
        progress: "finalized",
        billed: recordedCustomer,
      })
      await hooks.onProgress({ progress, stripe_invoice_id: stripeInvoiceId, stripe_customer_id: billed })
    } else {
      // A draft nobody saw goes; the keys move on, so the create goes out for the current customer as a new request.
      if (earlier)
        await stripe.invoices.del(earlier.id!).catch((e) => (isStripeNotFound(e) ? undefined : Promise.reject(e)))
      epoch += 1
      await hooks.beforeCreate?.({
        stripe_customer_id: customerId,
        key_epoch: epoch,
        key_reason: customerChanged(recordedCustomer, customerId),
      })
      ;({ stripeInvoiceId, progress, recordedCustomer } = {
        stripeInvoiceId: null,
        progress: "none",
        recordedCustomer: customerId,
      })
    }
  }

  if (options.verifyWithStripe) {
    const found = await findIssuedState(stripe, customerId, invoice.id, stripeInvoiceId, batches)
    if (found) {
      ;({ stripeInvoiceId, progress } = { stripeInvoiceId: found.stripe_invoice_id, progress: found.progress })
      await hooks.onProgress({ progress, stripe_invoice_id: stripeInvoiceId, stripe_customer_id: billed })
    }
  }

  const customer = customerId
  /** What Stripe has for our invoice record now (the invoice lock keeps other runs out). */
  const stripeState = () => findIssuedState(stripe, customer, invoice.id, stripeInvoiceId, batches)

  // 2. The draft invoice, on the contract's terms.
  if (!stripeInvoiceId) {
    if (recordedCustomer !== customerId)
      await hooks.beforeCreate?.({ stripe_customer_id: customerId, key_epoch: epoch })
    const createParams: Stripe.InvoiceCreateParams = {
      customer: customerId,
      currency,
      collection_method: "send_invoice",
      days_until_due: invoice.days_until_due,
      auto_advance: false,
      pending_invoice_items_behavior: "exclude",
      custom_fields: customFields(order, invoice),
      metadata: {
        medusa_order_id: order.id,
        medusa_order_display_id: String(order.display_id),
        medusa_payment_session_id: invoice.payment_session_id ?? "",
        po_number: (order.po_number ?? "").slice(0, 500), // Stripe: metadata values ≤ 500 characters
        ...(order.quote ? { quote: order.quote.slice(0, 500) } : {}),
        contract_id: invoice.contract_id ?? "",
        hub_invoice_id: invoice.id,
        // ISO minor units: Medusa captures at most this when the invoice is paid (Stripe may round the invoice up).
        medusa_order_total_minor: order.total_minor !== undefined ? order.total_minor.toString() : "",
        ...laterInvoiceMetadata(invoice),
      },
    }
    const create = (keyEpoch: number) =>
      callWithRecovery(
        budget,
        stripeKeys.invoiceCreate(order.id, sequence, keyEpoch),
        async (idempotencyKey) => ({
          stripe_invoice_id: (await stripe.invoices.create(createParams, { idempotencyKey })).id!,
          progress: "created",
        }),
        async () => (await stripeState()) ?? undefined
      )
    let created: { stripe_invoice_id: string; progress: IssueProgress }
    try {
      created = await create(epoch)
    } catch (error) {
      if (!isStripeIdempotencyMismatch(error)) throw error
      // The key went out before with other parameters: what it made, if Stripe holds it for this customer, is ours; else the keys move on.
      const found = await stripeState()
      if (found) {
        created = found
      } else {
        const refused = stripeKeys.invoiceCreate(order.id, sequence, epoch)
        epoch += 1
        await hooks.beforeCreate?.({
          stripe_customer_id: customerId,
          key_epoch: epoch,
          key_reason: parametersChanged(refused),
        })
        created = await create(epoch)
      }
    }
    ;({ stripe_invoice_id: stripeInvoiceId, progress } = created)
    await hooks.onProgress({ progress, stripe_invoice_id: stripeInvoiceId, stripe_customer_id: customerId })
  }
  const invoiceId: string = stripeInvoiceId

  // 3. Lines, in batches; "lines:<n>" = the first n batches are on the invoice.
  for (let b = batchesDone(progress); b < batches.length; b = batchesDone(progress)) {
    const batch = b
    progress = await callWithRecovery(
      budget,
      stripeKeys.invoiceLines(order.id, batch, sequence, epoch),
      async (idempotencyKey) => {
        await stripe.invoices.addLines(
          invoiceId,
          { lines: batches[batch].map((l) => toStripeLine(l, currency)) },
          { idempotencyKey }
        )
        return `lines:${batch + 1}`
      },
      // Stripe may hold this batch already (the 5xx came after it was added): then never add it again.
      async () => stateBeyond(await stripeState(), batch)
    )
    await hooks.onProgress({ progress, stripe_invoice_id: invoiceId, stripe_customer_id: billed })
  }

  // 4. Finalize (number, due date), then 5. send.
  if (progress !== "finalized" && progress !== "sent") {
    progress = await callWithRecovery(
      budget,
      stripeKeys.invoiceFinalize(order.id, sequence, epoch),
      async (idempotencyKey) => {
        await stripe.invoices.finalizeInvoice(invoiceId, { auto_advance: false }, { idempotencyKey })
        return "finalized"
      },
      async () => stateBeyond(await stripeState(), batches.length)
    )
    await hooks.onProgress({ progress, stripe_invoice_id: invoiceId, stripe_customer_id: billed })
  }
  if (progress !== "sent") {
    const sent = await callWithRecovery(
      budget,
      stripeKeys.invoiceSend(order.id, sequence, epoch),
      (idempotencyKey) => stripe.invoices.sendInvoice(invoiceId, {}, { idempotencyKey }),
      // Nothing on a Stripe invoice says it was sent: send again. The worst case
      // is the customer getting the invoice email twice, never a second invoice.
      async () => undefined
    )
    await hooks.onProgress({ progress: "sent", stripe_invoice_id: invoiceId, stripe_customer_id: billed })
    return sent
  }
  return await stripe.invoices.retrieve(invoiceId)
}

/**
 * Stripe's progress when it is past step `done` (`done` line batches added;
 * batches.length = ready to finalize), undefined when it is exactly there —
 * the call must run again — and an error when Stripe is behind our record.
 */
function stateBeyond(
  state: { stripe_invoice_id: string; progress: IssueProgress } | null,
  done: number
): IssueProgress | undefined {
  if (!state) return undefined
  const atStripe = batchesDone(state.progress)
  if (atStripe > done) return state.progress
  if (atStripe === done) return undefined
  throw new Error(
    `Stripe invoice ${state.stripe_invoice_id} holds ${atStripe} line batches, fewer than the ${done} we recorded: needs a look`
  )
}

/**
 * What Stripe already has for our invoice record: the invoice (see
 * findStripeInvoice) and how many line batches it holds.
 */
async function findIssuedState(
  stripe: Stripe,
  customerId: string,
  hubInvoiceId: string,
  knownId: string | null,
  batches: InvoiceLine[][]
): Promise<{ stripe_invoice_id: string; progress: IssueProgress } | null> {
  const current = knownId
    ? await stripe.invoices.retrieve(knownId)
    : await findStripeInvoice(stripe, customerId, hubInvoiceId, null)
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
  if (sum !== count)
    throw new Error(
      `Stripe invoice ${current.id} has ${count} lines, which is not a whole number of our batches: needs a look`
    )
  return { stripe_invoice_id: current.id, progress: done === 0 ? "created" : `lines:${done}` }
}

/**
 * Our invoice record's Stripe invoice: by its stored id, or found by its
 * hub_invoice_id metadata among the customer's recent invoices when we never
 * stored the id. Undefined when there is none (a deleted draft included).
 */
async function findStripeInvoice(
  stripe: Stripe,
  customerId: string,
  hubInvoiceId: string,
  knownId: string | null
): Promise<Stripe.Invoice | undefined> {
  if (knownId)
    return await stripe.invoices.retrieve(knownId).catch((e) => (isStripeNotFound(e) ? undefined : Promise.reject(e)))
  const recent = await stripe.invoices.list({ customer: customerId, limit: 100 })
  return recent.data.find((inv) => inv.metadata?.hub_invoice_id === hubInvoiceId)
}

async function countLines(stripe: Stripe, invoice: Stripe.Invoice): Promise<number> {
  const embedded = invoice.lines as (Stripe.ApiList<Stripe.InvoiceLineItem> & { total_count?: number }) | undefined
  if (typeof embedded?.total_count === "number") return embedded.total_count
  if (embedded && !embedded.has_more) return embedded.data.length
  let count = 0
  for await (const _line of stripe.invoices.listLineItems(invoice.id!, { limit: 100 })) count += 1
  return count
}
