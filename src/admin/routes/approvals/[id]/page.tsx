import { Heading, Text } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { ApiError } from "../../../components/api-error"
import { PageSection } from "../../../components/page-section"
import { ApprovalCart } from "../../../components/approvals/approval-cart"
import { ApprovalDecisionForm } from "../../../components/approvals/approval-decision"
import { ApprovalLevels } from "../../../components/approvals/approval-levels"
import { ApprovalStatusBadge } from "../../../components/approvals/approval-status-badge"
import { ApprovalSummary } from "../../../components/approvals/approval-summary"
import type { ApprovalDetailResponse } from "../../../components/approvals/types"
import { useCompanies } from "../../../components/approvals/use-companies"
import { usePeople } from "../../../components/approvals/use-people"
import { useAdminGet } from "../../../lib/query"

/** One approval request: what is asked, the levels and who decided what, the priced cart, and the staff decision. */
const ApprovalDetailPage = () => {
  const { id } = useParams()
  const { data, error } = useAdminGet<ApprovalDetailResponse>(`/admin/approval-requests/${id}`)
  const request = data?.approval_request
  const { nameOf } = useCompanies()
  const personName = usePeople(
    request?.company_id,
    (request?.decisions ?? []).filter((d) => d.actor_type === "user").map((d) => d.actor_id)
  )

  if (!request) {
    return (
      <div className="flex flex-col gap-4">
        <Link to="/approvals" className="txt-small text-ui-fg-subtle hover:underline">
          ← Approvals
        </Link>
        <ApiError error={error} />
      </div>
    )
  }

  return (
    <div className="flex flex-col gap-4">
      <Link to="/approvals" className="txt-small text-ui-fg-subtle hover:underline">
        ← Approvals
      </Link>
      <div className="flex items-center gap-3">
        <Heading level="h1">Approval request {request.id}</Heading>
        <ApprovalStatusBadge status={request.status} />
      </div>
      <ApiError error={error} />
      <PageSection title="Request">
        <ApprovalSummary
          request={request}
          cart={data.cart}
          companyName={nameOf(request.company_id)}
          personName={personName}
        />
      </PageSection>
      {request.status === "pending" ? (
        <PageSection title="Decision" subtitle="Approve or reject the level that waits">
          <ApprovalDecisionForm request={request} />
        </PageSection>
      ) : null}
      <PageSection title="Levels" subtitle="Decided in order; each with the rules that asked for it">
        <ApprovalLevels request={request} personName={personName} />
      </PageSection>
      <PageSection title="Cart" subtitle="Priced as the buyer checked out, with each line's contract price">
        {data.cart ? (
          <ApprovalCart cart={data.cart} />
        ) : (
          <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
            The cart is gone.
          </Text>
        )}
      </PageSection>
    </div>
  )
}

export default ApprovalDetailPage
