import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CheckCircle } from "@medusajs/icons"
import { Heading } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { ApiError } from "../../components/api-error"
import { PageSection } from "../../components/page-section"
import { Pager } from "../../components/pager"
import { ApprovalFilters, type ApprovalFilterValues } from "../../components/approvals/approval-filters"
import { ApprovalTable } from "../../components/approvals/approval-table"
import type { ApprovalListResponse } from "../../components/approvals/types"
import { useCompanies } from "../../components/approvals/use-companies"
import { useAdminGet } from "../../lib/query"

const LIMIT = 20

/** Every company's approval requests, newest first; the filters live in the URL so a link keeps them. */
const ApprovalsPage = () => {
  const [params, setParams] = useSearchParams()
  const filters: ApprovalFilterValues = {
    status: params.get("status") ?? "",
    company_id: params.get("company_id") ?? "",
    waiting_for_merchant: params.get("waiting") === "merchant",
  }
  const offset = Number(params.get("offset") ?? 0) || 0
  const { companies, nameOf } = useCompanies()
  const { data, error, isLoading } = useAdminGet<ApprovalListResponse>("/admin/approval-requests", {
    status: filters.waiting_for_merchant ? undefined : filters.status,
    company_id: filters.company_id,
    waiting_for_me: filters.waiting_for_merchant ? "true" : undefined,
    limit: LIMIT,
    offset,
  })

  const update = (next: ApprovalFilterValues, nextOffset = 0) => {
    const search = new URLSearchParams()
    if (next.status) search.set("status", next.status)
    if (next.company_id) search.set("company_id", next.company_id)
    if (next.waiting_for_merchant) search.set("waiting", "merchant")
    if (nextOffset) search.set("offset", String(nextOffset))
    setParams(search)
  }

  return (
    <div className="flex flex-col gap-4">
      <Heading level="h1" className="sr-only">
        Approvals
      </Heading>
      <PageSection title="Approval requests" subtitle="Orders waiting for a decision, and what was decided">
        <ApprovalFilters value={filters} companies={companies} onChange={(next) => update(next)} />
        <ApiError error={error} />
        {isLoading ? null : (
          <>
            <ApprovalTable requests={data?.approval_requests ?? []} companyName={nameOf} />
            <Pager
              count={data?.count ?? 0}
              limit={LIMIT}
              offset={offset}
              onChange={(nextOffset) => update(filters, nextOffset)}
            />
          </>
        )}
      </PageSection>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Approvals", icon: CheckCircle })
export default ApprovalsPage
