import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { Pager } from "../pager"
import { BreakerBadge, EndpointStateBadge, RecentCounts, successRate } from "./endpoint-health"
import { usePageSlice } from "./page-slice"
import type { Endpoint, Partner } from "./types"

/** Every endpoint with its health, a page at a time; each links to its own page. */
export const EndpointTable = ({ endpoints, partners }: { endpoints: Endpoint[]; partners: Partner[] }) => {
  const page = usePageSlice(endpoints)
  const partnerName = (id: string) => partners.find((p) => p.id === id)?.name ?? id
  return (
    <>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>URL</Table.HeaderCell>
            <Table.HeaderCell>Partner</Table.HeaderCell>
            <Table.HeaderCell>State</Table.HeaderCell>
            <Table.HeaderCell>Success rate</Table.HeaderCell>
            <Table.HeaderCell>Latest deliveries</Table.HeaderCell>
            <Table.HeaderCell>Breaker</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {page.rows.map((e) => (
            <Table.Row key={e.id}>
              <Table.Cell className="max-w-[320px] truncate">
                <Link to={`/webhooks/endpoints/${e.id}`} className="text-ui-fg-interactive hover:underline">
                  {e.url}
                </Link>
                {e.description ? (
                  <Text size="xsmall" className="text-ui-fg-subtle truncate">
                    {e.description}
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell>{partnerName(e.partner_id)}</Table.Cell>
              <Table.Cell>
                <EndpointStateBadge endpoint={e} />
              </Table.Cell>
              <Table.Cell>{successRate(e)}</Table.Cell>
              <Table.Cell>
                <RecentCounts endpoint={e} />
              </Table.Cell>
              <Table.Cell>
                <BreakerBadge endpoint={e} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={page.count} limit={page.limit} offset={page.offset} onChange={page.setOffset} />
    </>
  )
}
