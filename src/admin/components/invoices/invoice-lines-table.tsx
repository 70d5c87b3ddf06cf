import { Table, Text } from "@medusajs/ui"
import { formatMinor } from "../../lib/format"
import type { AdminInvoiceLine } from "./types"

/** The order lines the invoice billed, at the amounts it billed them. */
export const InvoiceLinesTable = ({ lines, currency }: { lines: AdminInvoiceLine[]; currency: string }) => {
  if (!lines.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No lines recorded yet (the invoice has not been issued).
      </Text>
    )
  const money = (minor: number) => formatMinor(minor, currency)
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Line</Table.HeaderCell>
          <Table.HeaderCell>SKU</Table.HeaderCell>
          <Table.HeaderCell>Qty</Table.HeaderCell>
          <Table.HeaderCell>Unit price</Table.HeaderCell>
          <Table.HeaderCell>Discount</Table.HeaderCell>
          <Table.HeaderCell>Tax</Table.HeaderCell>
          <Table.HeaderCell>Total</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {lines.map((line) => (
          <Table.Row key={`${line.kind}:${line.id}`}>
            <Table.Cell>{line.kind === "shipping" ? `Shipping — ${line.title}` : line.title}</Table.Cell>
            <Table.Cell>{line.sku ?? "—"}</Table.Cell>
            <Table.Cell>{line.quantity}</Table.Cell>
            <Table.Cell>
              {line.unit_price} {currency.toUpperCase()}
            </Table.Cell>
            <Table.Cell>{money(line.discount_minor)}</Table.Cell>
            <Table.Cell>{money(line.tax_minor)}</Table.Cell>
            <Table.Cell>{money(line.total_minor)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
