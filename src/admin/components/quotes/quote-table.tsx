import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate } from "../../lib/format"
import { QuoteStatusBadge } from "./quote-status-badge"
import type { Quote } from "./types"

type Props = { quotes: Quote[]; companyName: (id: string) => string }

/** One row per quote; the id links to its detail page. */
export const QuoteTable = ({ quotes, companyName }: Props) =>
  quotes.length === 0 ? (
    <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
      No quotes match these filters.
    </Text>
  ) : (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Quote</Table.HeaderCell>
          <Table.HeaderCell>Company</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>PO number</Table.HeaderCell>
          <Table.HeaderCell>Versions</Table.HeaderCell>
          <Table.HeaderCell>Expires</Table.HeaderCell>
          <Table.HeaderCell>Created</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {quotes.map((q) => (
          <Table.Row key={q.id}>
            <Table.Cell>
              <Link to={`/quotes/${q.id}`} className="text-ui-fg-interactive hover:underline">
                {q.id}
              </Link>
            </Table.Cell>
            <Table.Cell>{companyName(q.company_id)}</Table.Cell>
            <Table.Cell>
              <QuoteStatusBadge status={q.status} />
            </Table.Cell>
            <Table.Cell>{q.po_number ?? "—"}</Table.Cell>
            <Table.Cell>
              {q.latest_version}
              {q.sent_version ? ` (v${q.sent_version} sent)` : " (none sent)"}
            </Table.Cell>
            <Table.Cell>{formatDate(q.expires_at)}</Table.Cell>
            <Table.Cell>{formatDate(q.created_at)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
