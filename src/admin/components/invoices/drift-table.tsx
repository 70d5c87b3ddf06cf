import { StatusBadge, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatMinor } from "../../lib/format"
import type { MoneyDriftRow } from "./types"

/** Per order: Medusa's total against what was invoiced, credited and sent to the ERP, and the problems found. */
export const DriftTable = ({ rows }: { rows: MoneyDriftRow[] }) => {
  if (!rows.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No orders
      </Text>
    )
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Order</Table.HeaderCell>
          <Table.HeaderCell>Order total</Table.HeaderCell>
          <Table.HeaderCell>Invoiced</Table.HeaderCell>
          <Table.HeaderCell>Credited</Table.HeaderCell>
          <Table.HeaderCell>Net billed</Table.HeaderCell>
          <Table.HeaderCell>ERP document</Table.HeaderCell>
          <Table.HeaderCell>Problems</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => {
          const money = (minor: number | null) => formatMinor(minor, row.currency_code)
          return (
            <Table.Row key={row.order_id}>
              <Table.Cell>
                <Link to={`/orders/${row.order_id}`} className="text-ui-fg-interactive">
                  #{row.display_id}
                </Link>
              </Table.Cell>
              <Table.Cell>{money(row.order_total_minor)}</Table.Cell>
              <Table.Cell>{money(row.invoiced_minor)}</Table.Cell>
              <Table.Cell>{money(row.credited_minor)}</Table.Cell>
              <Table.Cell>{money(row.net_billed_minor)}</Table.Cell>
              <Table.Cell>{money(row.erp_document_total_minor)}</Table.Cell>
              <Table.Cell>
                {row.problems.length ? (
                  <div className="flex flex-col gap-1">
                    {row.problems.map((p) => (
                      <span key={p} title={row.messages[p]}>
                        <StatusBadge color="red">{p}</StatusBadge> <Text size="xsmall">{row.messages[p]}</Text>
                      </span>
                    ))}
                  </div>
                ) : (
                  <StatusBadge color="green">in step</StatusBadge>
                )}
              </Table.Cell>
            </Table.Row>
          )
        })}
      </Table.Body>
    </Table>
  )
}
