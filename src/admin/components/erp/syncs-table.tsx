import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate } from "../../lib/format"
import { RetrySyncButton } from "./retry-sync-button"
import { SyncStatusBadge } from "./sync-status-badge"
import type { AdminErpSync } from "./types"

/** ERP syncs as rows: order, connection, state, ERP id, attempts, last error, retry. */
export const SyncsTable = ({ syncs }: { syncs: AdminErpSync[] }) => {
  if (!syncs.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No syncs
      </Text>
    )
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Order</Table.HeaderCell>
          <Table.HeaderCell>Event</Table.HeaderCell>
          <Table.HeaderCell>Connection</Table.HeaderCell>
          <Table.HeaderCell>State</Table.HeaderCell>
          <Table.HeaderCell>ERP id</Table.HeaderCell>
          <Table.HeaderCell>Attempts</Table.HeaderCell>
          <Table.HeaderCell>Last error</Table.HeaderCell>
          <Table.HeaderCell>Updated</Table.HeaderCell>
          <Table.HeaderCell />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {syncs.map((s) => (
          <Table.Row key={s.id} data-testid={`erp-sync-${s.id}`}>
            <Table.Cell>
              <Link to={`/orders/${s.order_id}`} className="font-mono text-xs">
                {s.order_id}
              </Link>
            </Table.Cell>
            <Table.Cell>{s.event_type}</Table.Cell>
            <Table.Cell>{s.connection_name ?? s.connection_id}</Table.Cell>
            <Table.Cell>
              <SyncStatusBadge status={s.status} />
            </Table.Cell>
            <Table.Cell className="font-mono text-xs">{s.erp_id ?? "—"}</Table.Cell>
            <Table.Cell>{s.attempts}</Table.Cell>
            <Table.Cell className="max-w-xs whitespace-normal break-words text-xs">
              {s.last_error ? `${s.last_status_code ? `${s.last_status_code} ` : ""}${s.last_error}` : "—"}
            </Table.Cell>
            <Table.Cell>{formatDate(s.updated_at)}</Table.Cell>
            <Table.Cell>
              <RetrySyncButton syncId={s.id} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
