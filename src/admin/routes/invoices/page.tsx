import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ApiError } from "../../components/api-error"
import { InvoiceFilters } from "../../components/invoices/invoice-filters"
import { InvoicesTable } from "../../components/invoices/invoices-table"
import { ReconcileButton } from "../../components/invoices/reconcile-button"
import { ReconcileReportView } from "../../components/invoices/reconcile-report"
import type { InvoiceListResponse, ReconcileReport } from "../../components/invoices/types"
import { PageSection } from "../../components/page-section"
import { Pager } from "../../components/pager"
import { useAdminGet } from "../../lib/query"

const LIMIT = 20

/** Every net-terms invoice, newest first, filtered by status and company. */
const InvoicesPage = () => {
  const [filters, setFilters] = useState({ status: "", companyId: "" })
  const [offset, setOffset] = useState(0)
  const [report, setReport] = useState<ReconcileReport | null>(null)
  const list = useAdminGet<InvoiceListResponse>("/admin/invoices", {
    status: filters.status,
    company_id: filters.companyId,
    limit: LIMIT,
    offset,
  })
  return (
    <PageSection
      title="Invoices"
      subtitle="Stripe invoices issued for net-terms orders"
      actions={
        <>
          <Button size="small" variant="secondary" asChild>
            <Link to="/invoices/drift">Drift report</Link>
          </Button>
          <ReconcileButton onDone={setReport} />
        </>
      }
    >
      <InvoiceFilters
        status={filters.status}
        companyId={filters.companyId}
        onChange={(next) => {
          setFilters(next)
          setOffset(0)
        }}
      />
      {report ? <ReconcileReportView report={report} /> : null}
      <ApiError error={list.error} />
      <InvoicesTable invoices={list.data?.invoices ?? []} />
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onChange={setOffset} />
    </PageSection>
  )
}

export const config = defineRouteConfig({ label: "Invoices", icon: Receipt })
export default InvoicesPage
