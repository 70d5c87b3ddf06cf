import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate, formatMinor } from "../../lib/format"
import { ApprovalStatusBadge } from "./approval-status-badge"
import { APPROVER_LABELS, type ApprovalRequest } from "./types"

type Props = { requests: ApprovalRequest[]; companyName: (id: string) => string }

/** One row per request; the id links to its detail page. */
export const ApprovalTable = ({ requests, companyName }: Props) =>
  requests.length === 0 ? (
    <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
      No approval requests match these filters.
    </Text>
  ) : (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Request</Table.HeaderCell>
          <Table.HeaderCell>Company</Table.HeaderCell>
          <Table.HeaderCell>Total</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>Waiting for</Table.HeaderCell>
          <Table.HeaderCell>Created</Table.HeaderCell>
          <Table.HeaderCell>Expires</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {requests.map((r) => (
          <Table.Row key={r.id}>
            <Table.Cell>
              <Link to={`/approvals/${r.id}`} className="text-ui-fg-interactive hover:underline">
                {r.id}
              </Link>
            </Table.Cell>
            <Table.Cell>{companyName(r.company_id)}</Table.Cell>
            <Table.Cell>{formatMinor(r.total_minor, r.currency_code)}</Table.Cell>
            <Table.Cell>
              <ApprovalStatusBadge status={r.status} />
            </Table.Cell>
            <Table.Cell>
              {r.waiting_for
                ? `${APPROVER_LABELS[r.waiting_for]} (level ${r.current_level + 1} of ${r.levels.length})`
                : "—"}
            </Table.Cell>
            <Table.Cell>{formatDate(r.created_at)}</Table.Cell>
            <Table.Cell>{r.status === "pending" ? formatDate(r.expires_at) : "—"}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
