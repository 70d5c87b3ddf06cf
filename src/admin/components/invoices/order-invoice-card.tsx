import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatMinor } from "../../lib/format"
import { useAdminGet } from "../../lib/query"
import { ApiError } from "../api-error"
import { CreditNotesTable } from "./credit-notes-table"
import { InvoiceStatusBadge } from "./invoice-status-badge"
import { StripeLink } from "./stripe-link"
import type { AdminInvoice, InvoiceDetailResponse } from "./types"

/** One of an order's invoices, with its credit notes (read from the invoice's detail). */
export const OrderInvoiceCard = ({ invoice }: { invoice: AdminInvoice }) => {
  const detail = useAdminGet<InvoiceDetailResponse>(`/admin/invoices/${invoice.id}`)
  const money = (minor: number) => formatMinor(minor, invoice.currency_code)
  return (
    <div className="flex flex-col gap-2 px-6 py-4">
      <div className="flex items-center justify-between">
        <Link to={`/invoices/${invoice.id}`} className="text-ui-fg-interactive txt-compact-small-plus">
          {invoice.number ?? invoice.id} ({invoice.kind})
        </Link>
        <InvoiceStatusBadge invoice={invoice} />
      </div>
      <Text size="small">
        Total {money(invoice.total_minor)} · paid {money(invoice.amount_paid_minor)} · credited{" "}
        {money(invoice.credited_minor)} · due {money(invoice.amount_due_minor)}
      </Text>
      <Text size="small">
        Stripe: <StripeLink invoice={invoice} />
      </Text>
      <ApiError error={detail.error} />
      {detail.data?.credit_notes.length ? (
        <CreditNotesTable notes={detail.data.credit_notes} currency={invoice.currency_code} />
      ) : (
        <Text size="xsmall" className="text-ui-fg-subtle">
          No credit notes
        </Text>
      )}
    </div>
  )
}
