import { defineRouteConfig } from "@medusajs/admin-sdk"
import { DocumentText } from "@medusajs/icons"
import { Heading } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { ApiError } from "../../components/api-error"
import { PageSection } from "../../components/page-section"
import { Pager } from "../../components/pager"
import { useCompanies } from "../../components/approvals/use-companies"
import { QuoteFilters, type QuoteFilterValues } from "../../components/quotes/quote-filters"
import { QuoteTable } from "../../components/quotes/quote-table"
import type { QuoteListResponse } from "../../components/quotes/types"
import { useAdminGet } from "../../lib/query"

const LIMIT = 20

/** Every company's quotes, newest first; the filters live in the URL so a link keeps them. */
const QuotesPage = () => {
  const [params, setParams] = useSearchParams()
  const filters: QuoteFilterValues = { status: params.get("status") ?? "", company_id: params.get("company_id") ?? "" }
  const offset = Number(params.get("offset") ?? 0) || 0
  const { companies, nameOf } = useCompanies()
  const { data, error, isLoading } = useAdminGet<QuoteListResponse>("/admin/quotes", {
    ...filters,
    limit: LIMIT,
    offset,
  })

  const update = (next: QuoteFilterValues, nextOffset = 0) => {
    const search = new URLSearchParams()
    if (next.status) search.set("status", next.status)
    if (next.company_id) search.set("company_id", next.company_id)
    if (nextOffset) search.set("offset", String(nextOffset))
    setParams(search)
  }

  return (
    <div className="flex flex-col gap-4">
      <Heading level="h1" className="sr-only">
        Quotes
      </Heading>
      <PageSection title="Quotes" subtitle="Buyers' requests for a price, and the versions staff answered with">
        <QuoteFilters value={filters} companies={companies} onChange={(next) => update(next)} />
        <ApiError error={error} />
        {isLoading ? null : (
          <>
            <QuoteTable quotes={data?.quotes ?? []} companyName={nameOf} />
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

export const config = defineRouteConfig({ label: "Quotes", icon: DocumentText })
export default QuotesPage
