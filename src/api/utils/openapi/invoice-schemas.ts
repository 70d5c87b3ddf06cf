import { z } from "@medusajs/framework/zod"
import { DRIFT_CODES } from "../../../modules/invoicing/lib/money-drift"
import { INVOICE_STATUSES } from "../../../modules/invoicing/models/invoice"
import { currencyCode, dateTime, minor, named } from "../../openapi/schemas"

/**
 * Response bodies of the admin invoice API (/admin/invoices), as
 * src/modules/invoicing/lib/invoice-views.ts, the drift report
 * (modules/invoicing/lib/money-drift.ts) and the reconcile step write them.
 */

export const INVOICE_KINDS = ["order", "reissue", "supplementary"] as const

/** toAdminInvoice: the operator's view of an invoice record, issuing state included. */
export const AdminInvoice = named(
  "AdminInvoice",
  z.object({
    id: z.string(),
    number: z.string().nullable().meta({ description: "Stripe's invoice number, once finalized" }),
    status: z.enum(INVOICE_STATUSES),
    overdue: z.boolean().meta({ description: "Open and past its due date" }),
    order_id: z.string(),
    company_id: z.string(),
    kind: z.enum(INVOICE_KINDS).meta({
      description:
        "order (the order's own), reissue (replaces a voided one after a change), supplementary (bills an increase after payment)",
    }),
    replaces_invoice_id: z.string().nullable(),
    currency_code: currencyCode(),
    payment_terms: z.string().meta({ example: "net_30" }),
    total_minor: minor(),
    amount_due_minor: minor(),
    amount_paid_minor: minor(),
    credit_applied_minor: minor().meta({ description: "Account credit Stripe applied to this invoice (minor units)" }),
    credited_minor: minor(),
    due_at: dateTime().nullable(),
    paid_at: dateTime().nullable(),
    hosted_invoice_url: z.string().nullable(),
    created_at: dateTime(),
    contract_id: z.string().nullable(),
    days_until_due: z.number().int(),
    sequence: z.number().int().meta({ description: "1, 2, … per order: the version of its Stripe idempotency keys" }),
    stripe_key_epoch: z.number().int(),
    stripe_key_reason: z.string().nullable(),
    progress: z.string().meta({
      description:
        "The last completed step of the issuing sequence (none, customer, created, lines:<n>, finalized, sent)",
    }),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    last_payment_failure: z.string().nullable(),
    stripe_customer_id: z.string().nullable(),
    stripe_invoice_id: z.string().nullable(),
    overdue_at: dateTime().nullable(),
    voided_at: dateTime().nullable(),
    updated_at: dateTime(),
  })
)

/** toAdminInvoiceLines: one line the invoice billed. */
export const AdminInvoiceLine = named(
  "AdminInvoiceLine",
  z.object({
    id: z.string().meta({ description: "The order line (or shipping method) id" }),
    kind: z.enum(["item", "shipping"]),
    title: z.string(),
    sku: z.string().nullable(),
    quantity: z.number().int(),
    unit_price: z.string().meta({
      description: "Medusa's unit price, exact decimal in major units (gross when tax-inclusive)",
      example: "12.50",
    }),
    subtotal_minor: minor(),
    discount_minor: minor(),
    tax_minor: minor(),
    total_minor: minor(),
  })
)

export const AdminCreditNote = named(
  "AdminInvoiceCreditNote",
  z.object({
    id: z.string(),
    reason_key: z.string().meta({ description: "Its cause: a return id, a refund, an edit" }),
    amount_minor: minor(),
    stripe_credit_note_id: z.string().nullable(),
    created_at: dateTime(),
  })
)

export const AdminInvoiceDetail = z.object({
  invoice: AdminInvoice,
  lines: z.array(AdminInvoiceLine).meta({ description: "Empty while the invoice has not been issued" }),
  credit_notes: z.array(AdminCreditNote),
})

/** An answer of POST /admin/invoices/:id/retry that is not a success: the error shape plus the invoice. */
export const InvoiceRetryRefusal = (type: string) =>
  z.object({ type: z.literal(type), message: z.string(), invoice: AdminInvoice })

export const MoneyDriftRow = named(
  "MoneyDriftRow",
  z.object({
    order_id: z.string(),
    display_id: z.number().int(),
    currency_code: currencyCode(),
    order_status: z.string(),
    placed_at: dateTime(),
    net_terms: z.boolean(),
    order_total_minor: minor().nullable().meta({ description: "null when the order money model refused the order" }),
    invoiced_minor: minor().meta({ description: "Σ of the issued, non-void invoices" }),
    rounding_minor: minor(),
    invoices: z.array(
      z.object({ id: z.string(), status: z.string(), total_minor: minor(), last_error: z.string().nullable() })
    ),
    erp_document_total_minor: minor().nullable(),
    credited_minor: minor(),
    net_billed_minor: minor().meta({ description: "invoiced − rounding − credited; must equal the order total" }),
    problems: z.array(z.enum(DRIFT_CODES)),
    messages: z
      .partialRecord(z.enum(DRIFT_CODES), z.string())
      .meta({ description: "One human explanation per code in `problems`" }),
  })
)

export const MoneyDriftReport = z.object({
  orders: z.array(MoneyDriftRow),
  count: z.number().int().meta({ description: "Orders matching the filters (with drift_only: the drifting ones)" }),
  limit: z.number().int(),
  offset: z.number().int(),
  drift_only: z.boolean(),
  scanned: z.number().int().meta({ description: "Orders read to answer" }),
})

export const InvoiceReconcileReport = named(
  "InvoiceReconcileReport",
  z.object({
    checked: z.number().int(),
    retried: z.array(
      z.object({
        invoice_id: z.string().nullable(),
        order_id: z.string(),
        ok: z.boolean(),
        status: z.string().optional(),
        error: z.string().optional(),
      })
    ),
    repaired: z.array(z.object({ invoice_id: z.string(), changes: z.array(z.string()) })),
    drift: z.array(z.object({ invoice_id: z.string(), problems: z.array(z.string()) })),
    credit_notes: z.array(
      z.object({
        return_id: z.string().meta({ description: "The pending note's reason key (a return id, or an edit's key)" }),
        outcome: z.string(),
        reason: z.string().optional(),
      })
    ),
    followed: z.array(
      z.object({
        order_id: z.string(),
        ok: z.boolean(),
        outcome: z.string().optional(),
        error: z.string().optional(),
      })
    ),
  })
)
