import { Badge, Button, Table } from "@medusajs/ui"
import { formatDate, formatMinor } from "../../lib/format"
import { quotePdfUrl } from "./pdf-link"
import type { QuoteWithHistory } from "./types"

type Props = {
  quote: QuoteWithHistory
  selected: number
  onSelect: (version: number) => void
  personName: (id: string) => string
}

/** Every version, newest first, with who made it, its total, whether it was sent, and its PDF. */
export const QuoteVersionsTable = ({ quote, selected, onSelect, personName }: Props) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Version</Table.HeaderCell>
        <Table.HeaderCell>By</Table.HeaderCell>
        <Table.HeaderCell>Created</Table.HeaderCell>
        <Table.HeaderCell>Sent</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Total (before tax)</Table.HeaderCell>
        <Table.HeaderCell>Comment</Table.HeaderCell>
        <Table.HeaderCell>PDF</Table.HeaderCell>
        <Table.HeaderCell />
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {[...quote.versions].reverse().map((v) => (
        <Table.Row key={v.number} data-testid={`quote-version-${v.number}`}>
          <Table.Cell>
            v{v.number}
            {v.number === quote.accepted_version ? (
              <Badge size="2xsmall" color="green" className="ml-2">
                accepted
              </Badge>
            ) : null}
            {v.number === quote.sent_version && !quote.accepted_version ? (
              <Badge size="2xsmall" color="blue" className="ml-2">
                with the buyer
              </Badge>
            ) : null}
          </Table.Cell>
          <Table.Cell>{personName(v.author_id)}</Table.Cell>
          <Table.Cell>{formatDate(v.created_at)}</Table.Cell>
          <Table.Cell>{v.sent_at ? formatDate(v.sent_at) : v.number === 1 ? "the request" : "draft"}</Table.Cell>
          <Table.Cell className="text-right">{formatMinor(v.total_minor, quote.currency_code)}</Table.Cell>
          <Table.Cell className="max-w-64 truncate">{v.comment ?? "—"}</Table.Cell>
          <Table.Cell>
            <a
              href={quotePdfUrl(quote.id, v.number)}
              target="_blank"
              rel="noreferrer"
              className="text-ui-fg-interactive hover:underline"
            >
              PDF v{v.number}
            </a>
          </Table.Cell>
          <Table.Cell>
            <Button
              size="small"
              variant={v.number === selected ? "primary" : "transparent"}
              onClick={() => onSelect(v.number)}
            >
              {v.number === selected ? "Shown" : `Show v${v.number}`}
            </Button>
          </Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)
