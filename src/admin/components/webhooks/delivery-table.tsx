import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate } from "../../lib/format"
import { DeliveryStatusBadge } from "./delivery-status"
import type { Delivery, Endpoint } from "./types"

type Props = {
  deliveries: Delivery[]
  /** To show endpoint URLs instead of ids; omit where every row has the same endpoint. */
  endpoints?: Endpoint[]
  /** Leaves out the last response, for narrow places (the order page's main column). */
  compact?: boolean
}

/** Deliveries, newest first, each linking to its attempts. Used by the log, an endpoint's page and the order widget. */
export const DeliveryTable = ({ deliveries, endpoints, compact }: Props) => {
  const endpointLabel = (id: string) => endpoints?.find((e) => e.id === id)?.url ?? id
  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Event type</Table.HeaderCell>
            {endpoints ? <Table.HeaderCell>Endpoint</Table.HeaderCell> : null}
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Attempts</Table.HeaderCell>
            {compact ? null : <Table.HeaderCell>Last response</Table.HeaderCell>}
            <Table.HeaderCell>Created</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {deliveries.map((d) => (
            <Table.Row key={d.id}>
              <Table.Cell>
                <Link to={`/webhooks/deliveries/${d.id}`} className="text-ui-fg-interactive hover:underline">
                  {d.event_type}
                </Link>
              </Table.Cell>
              {endpoints ? (
                <Table.Cell className="max-w-[280px] truncate">{endpointLabel(d.endpoint_id)}</Table.Cell>
              ) : null}
              <Table.Cell>
                <DeliveryStatusBadge status={d.status} attempts={d.attempts} />
              </Table.Cell>
              <Table.Cell>{d.attempts}</Table.Cell>
              {compact ? null : (
                <Table.Cell>
                  <Text size="small" className="text-ui-fg-subtle">
                    {d.last_status_code ?? d.last_error ?? d.failure_reason ?? "—"}
                  </Text>
                </Table.Cell>
              )}
              <Table.Cell>{formatDate(d.created_at)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
