import { Badge, Table, Text } from "@medusajs/ui"
import { formatDate } from "../../lib/format"
import type { Attempt } from "./types"

/** A delivery's attempts in order: status, duration and the start of the response. */
export const AttemptTable = ({ attempts }: { attempts: Attempt[] }) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>#</Table.HeaderCell>
        <Table.HeaderCell>Outcome</Table.HeaderCell>
        <Table.HeaderCell>Status</Table.HeaderCell>
        <Table.HeaderCell>Duration</Table.HeaderCell>
        <Table.HeaderCell>Response</Table.HeaderCell>
        <Table.HeaderCell>Started</Table.HeaderCell>
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {attempts.map((a) => (
        <Table.Row key={a.attempt} data-testid={`attempt-${a.attempt}`}>
          <Table.Cell>{a.attempt}</Table.Cell>
          <Table.Cell>
            <Badge size="2xsmall" color={a.outcome === "success" ? "green" : "red"}>
              {a.outcome}
            </Badge>
          </Table.Cell>
          <Table.Cell>{a.status_code ?? "—"}</Table.Cell>
          <Table.Cell>{`${a.duration_ms} ms`}</Table.Cell>
          <Table.Cell className="max-w-[420px]">
            <Text size="xsmall" className="font-mono break-all whitespace-pre-wrap">
              {a.error ?? a.response_body ?? ""}
              {a.response_truncated ? " … (truncated)" : ""}
            </Text>
          </Table.Cell>
          <Table.Cell>{formatDate(a.started_at)}</Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)
