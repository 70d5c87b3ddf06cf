import type Stripe from "stripe"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { buildInvoiceLines, InvoiceLine } from "../../../modules/invoicing/lib/invoice-lines"
import { getHubStripe } from "../../../lib/stripe/hub-stripe"
import { stripeKeys } from "../../../lib/stripe/idempotency-keys"
import { dbMinor } from "../../../lib/money/db-minor"
import { ORDER_FIELDS_FOR_INVOICE } from "./prepare-invoice"

export const issueStripeInvoiceStepId = "issue-stripe-invoice-step"

export type IssueStripeInvoiceStepInput = {
  /** Our invoice record (created by prepare-invoice). */
  invoice_id: string
}

/** Stripe accepts at most 250 lines per invoice; addLines takes them in batches. */
export const LINES_PER_BATCH = 250

function toStripeLine(line: InvoiceLine, currency: string): Stripe.InvoiceAddLinesParams.Line {
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

/**
 * Runs the net-terms call sequence — customer (once per company), invoice,
 * lines in batches, finalize, send — resuming from the recorded progress.
 * Every POST carries a deterministic idempotency key, so a retry after a crash
 * at any point replays instead of duplicating. Stripe writes cannot be undone
 * by compensation; a failed run is retried, never rolled back.
 */
export const issueStripeInvoiceStep = createStep(
  { name: issueStripeInvoiceStepId, maxRetries: 3, retryInterval: 2 },
  async ({ invoice_id }: IssueStripeInvoiceStepInput, { container }) => {
    const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
    const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const stripe = getHubStripe()

    let invoice = await invoicing.retrieveInvoice(invoice_id)
    if (invoice.status !== "pending" && invoice.status !== "draft") {
      return new StepResponse({ invoice_id, issued: false })
    }
    await invoicing.updateInvoices({ id: invoice_id, attempts: (invoice.attempts ?? 0) + 1 })

    const { data: orders } = await query.graph({
      entity: "order",
      fields: [...ORDER_FIELDS_FOR_INVOICE, "email"],
      filters: { id: invoice.order_id },
    })
    const order = orders[0] as any
    const { lines } = buildInvoiceLines(order)
    const currency = String(order.currency_code).toLowerCase()
    const company = await b2b.retrieveCompany(invoice.company_id)

    // 1. customer — created once per company, reused afterwards.
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
      await b2b.updateCompanies({ id: company.id, stripe_customer_id: customerId })
    }

    // 2. the draft invoice, on the contract's terms.
    let stripeInvoiceId = invoice.stripe_invoice_id
    if (!stripeInvoiceId) {
      const poNumber = String(order.metadata?.po_number ?? "")
      const created = await stripe.invoices.create(
        {
          customer: customerId,
          currency,
          collection_method: "send_invoice",
          days_until_due: invoice.days_until_due,
          auto_advance: false,
          pending_invoice_items_behavior: "exclude",
          custom_fields: [
            { name: "Order", value: `#${order.display_id}` },
            ...(poNumber ? [{ name: "PO number", value: poNumber.slice(0, 140) }] : []),
          ],
          metadata: {
            medusa_order_id: order.id,
            medusa_order_display_id: String(order.display_id),
            medusa_payment_session_id: invoice.payment_session_id ?? "",
            po_number: poNumber,
            contract_id: invoice.contract_id ?? "",
            hub_invoice_id: invoice.id,
          },
        },
        { idempotencyKey: stripeKeys.invoiceCreate(order.id) }
      )
      stripeInvoiceId = created.id!
      invoice = await invoicing.updateInvoices({
        id: invoice_id,
        stripe_invoice_id: stripeInvoiceId,
        stripe_customer_id: customerId,
        status: "draft",
        progress: "created",
      })
    }

    // 3. lines, in batches; progress "lines:<n>" = n batches are on the invoice.
    const batches: InvoiceLine[][] = []
    for (let i = 0; i < lines.length; i += LINES_PER_BATCH) batches.push(lines.slice(i, i + LINES_PER_BATCH))
    const doneBatches = invoice.progress?.startsWith("lines:") ? Number(invoice.progress.split(":")[1]) : 0
    const linesComplete = ["finalized", "sent"].includes(invoice.progress ?? "")
    if (!linesComplete) {
      for (let b = doneBatches; b < batches.length; b++) {
        await stripe.invoices.addLines(
          stripeInvoiceId,
          { lines: batches[b].map((l) => toStripeLine(l, currency)) },
          { idempotencyKey: stripeKeys.invoiceLines(order.id, b) }
        )
        await invoicing.updateInvoices({ id: invoice_id, progress: `lines:${b + 1}` })
      }
    }

    // 4. finalize (assigns the number and due date), then 5. send.
    let finalized: Stripe.Invoice | undefined
    if (invoice.progress !== "sent") {
      if (invoice.progress !== "finalized") {
        finalized = await stripe.invoices.finalizeInvoice(
          stripeInvoiceId,
          { auto_advance: false },
          { idempotencyKey: stripeKeys.invoiceFinalize(order.id) }
        )
        await invoicing.updateInvoices({ id: invoice_id, progress: "finalized" })
      }
      finalized = await stripe.invoices.sendInvoice(stripeInvoiceId, {}, { idempotencyKey: stripeKeys.invoiceSend(order.id) })
    }
    finalized ??= await stripe.invoices.retrieve(stripeInvoiceId)

    const stripeTotal = BigInt(finalized.total ?? 0)
    if (stripeTotal.toString() !== String(invoice.total_minor)) {
      throw new Error(`Stripe invoice ${stripeInvoiceId} total ${stripeTotal} differs from order total ${invoice.total_minor}`)
    }
    await invoicing.updateInvoices({
      id: invoice_id,
      progress: "sent",
      status: "open",
      number: finalized.number ?? null,
      hosted_invoice_url: finalized.hosted_invoice_url ?? null,
      due_at: finalized.due_date ? new Date(finalized.due_date * 1000) : null,
      amount_due_minor: dbMinor(finalized.amount_due ?? invoice.total_minor),
      last_error: null,
    })
    return new StepResponse({ invoice_id, issued: true })
  }
)
