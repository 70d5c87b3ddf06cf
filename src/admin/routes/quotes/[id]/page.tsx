import { Heading } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { ApiError } from "../../../components/api-error"
import { PageSection } from "../../../components/page-section"
import { useCompanies } from "../../../components/approvals/use-companies"
import { usePeople } from "../../../components/approvals/use-people"
import { QuoteActions } from "../../../components/quotes/quote-actions"
import { QuoteDiff } from "../../../components/quotes/quote-diff"
import { QuoteReviseModal } from "../../../components/quotes/quote-revise-modal"
import { QuoteStatusBadge } from "../../../components/quotes/quote-status-badge"
import { QuoteSummary } from "../../../components/quotes/quote-summary"
import { QuoteThread } from "../../../components/quotes/quote-thread"
import { QuoteVersionLines } from "../../../components/quotes/quote-version-lines"
import { QuoteVersionsTable } from "../../../components/quotes/quote-versions-table"
import { OPEN_STATUSES, type QuoteResponse } from "../../../components/quotes/types"
import { useAdminGet } from "../../../lib/query"

/** One quote: its state and actions, every version with its lines and diff, and the thread. */
const QuoteDetailPage = () => {
  const { id } = useParams()
  const { data, error } = useAdminGet<QuoteResponse>(`/admin/quotes/${id}`)
  const quote = data?.quote
  const [picked, setPicked] = useState<number | null>(null)
  const [revising, setRevising] = useState(false)
  const { nameOf } = useCompanies()
  const personName = usePeople(quote?.company_id, [
    ...(quote?.versions ?? []).filter((v) => v.author_type === "user").map((v) => v.author_id),
    ...(quote?.messages ?? []).filter((m) => m.author_type === "user").map((m) => m.author_id),
  ])

  const back = (
    <Link to="/quotes" className="txt-small text-ui-fg-subtle hover:underline">
      ← Quotes
    </Link>
  )
  if (!quote) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <ApiError error={error} />
      </div>
    )
  }
  const shown = quote.versions.find((v) => v.number === (picked ?? quote.latest_version)) ?? quote.versions.at(-1)!

  return (
    <div className="flex flex-col gap-4">
      {back}
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <Heading level="h1">Quote {quote.id}</Heading>
          <QuoteStatusBadge status={quote.status} />
        </div>
        <QuoteActions quote={quote} onRevise={() => setRevising(true)} />
      </div>
      <ApiError error={error} />
      <PageSection title="Quote">
        <QuoteSummary quote={quote} companyName={nameOf(quote.company_id)} personName={personName} />
      </PageSection>
      <PageSection title="Versions" subtitle="Newest first; each version is immutable once made">
        <QuoteVersionsTable quote={quote} selected={shown.number} onSelect={setPicked} personName={personName} />
      </PageSection>
      <PageSection
        title={`Version ${shown.number}`}
        subtitle={shown.comment ? `“${shown.comment}”` : shown.number === 1 ? "As the buyer asked" : undefined}
      >
        <QuoteVersionLines version={shown} currency={quote.currency_code} />
      </PageSection>
      <PageSection
        title={`Changes in version ${shown.number}`}
        subtitle={shown.diff ? `Against version ${shown.diff.from_version}` : undefined}
      >
        <QuoteDiff diff={shown.diff} number={shown.number} currency={quote.currency_code} />
      </PageSection>
      <PageSection title="Messages">
        <QuoteThread quote={quote} open={OPEN_STATUSES.includes(quote.status)} personName={personName} />
      </PageSection>
      {revising ? (
        <QuoteReviseModal
          key={quote.latest_version}
          quote={quote}
          open={revising}
          onClose={() => setRevising(false)}
          onCreated={(version) => setPicked(version)}
        />
      ) : null}
    </div>
  )
}

export default QuoteDetailPage
