import { Button, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { ApiError } from "../../../components/api-error"
import { CreditNotesTable } from "../../../components/invoices/credit-notes-table"
import { InvoiceLinesTable } from "../../../components/invoices/invoice-lines-table"
import { PaymentState } from "../../../components/invoices/payment-state"
import { ReconcileButton } from "../../../components/invoices/reconcile-button"
import { ReconcileReportView } from "../../../components/invoices/reconcile-report"
import { RetryInvoiceButton } from "../../../components/invoices/retry-invoice-button"
import type { InvoiceDetailResponse, ReconcileReport } from "../../../components/invoices/types"
import { PageSection } from "../../../components/page-section"
import { useAdminGet } from "../../../lib/query"

/** Statuses whose issuing may still be unfinished: retry applies only to those not yet sent. */
const ISSUING = new Set(["pending", "draft", "open", "uncollectible"])

/** One invoice: payment state, Stripe link, the lines billed, credit notes; retry and reconcile. */
const InvoiceDetailPage = () => {
  const { id } = useParams()
  const [report, setReport] = useState<ReconcileReport | null>(null)
  const detail = useAdminGet<InvoiceDetailResponse>(`/admin/invoices/${id}`)
  const invoice = detail.data?.invoice
  if (!invoice) return <ApiError error={detail.error} />
  return (
    <div className="flex flex-col gap-3">
      <PageSection
        title={`Invoice ${invoice.number ?? invoice.id}`}
        subtitle={`${invoice.kind} invoice for order ${invoice.order_id}`}
        actions={
          <>
            <Button size="small" variant="secondary" asChild>
              <Link to={`/orders/${invoice.order_id}`}>Order</Link>
            </Button>
            {ISSUING.has(invoice.status) && invoice.progress !== "sent" ? (
              <RetryInvoiceButton invoiceId={invoice.id} />
            ) : null}
            <ReconcileButton invoiceIds={[invoice.id]} onDone={setReport} />
          </>
        }
      >
        <ApiError error={detail.error} />
        {report ? <ReconcileReportView report={report} /> : null}
        <PaymentState invoice={invoice} />
      </PageSection>
      <PageSection title="Lines">
        <InvoiceLinesTable lines={detail.data?.lines ?? []} currency={invoice.currency_code} />
      </PageSection>
      <PageSection title="Credit notes">
        <CreditNotesTable notes={detail.data?.credit_notes ?? []} currency={invoice.currency_code} />
      </PageSection>
      <Text size="xsmall" className="text-ui-fg-muted">
        {invoice.id}
      </Text>
    </div>
  )
}

export default InvoiceDetailPage
