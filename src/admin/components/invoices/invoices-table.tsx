import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate, formatMinor } from "../../lib/format"
import { InvoiceStatusBadge } from "./invoice-status-badge"
import { StripeLink } from "./stripe-link"
import type { AdminInvoice } from "./types"

/** Invoices as rows: number (to the detail page), status, amounts, due date, Stripe link. */
export const InvoicesTable = ({ invoices }: { invoices: AdminInvoice[] }) => {
  if (!invoices.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No invoices
      </Text>
    )
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Invoice</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>Order</Table.HeaderCell>
          <Table.HeaderCell>Total</Table.HeaderCell>
          <Table.HeaderCell>Due</Table.HeaderCell>
          <Table.HeaderCell>Due date</Table.HeaderCell>
          <Table.HeaderCell>Stripe</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {invoices.map((invoice) => (
          <Table.Row key={invoice.id}>
            <Table.Cell>
              <Link
                to={`/invoices/${invoice.id}`}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
              >
                {invoice.number ?? invoice.id}
              </Link>
            </Table.Cell>
            <Table.Cell>
              <InvoiceStatusBadge invoice={invoice} />
            </Table.Cell>
            <Table.Cell>
              <Link to={`/orders/${invoice.order_id}`} className="font-mono text-xs">
                {invoice.order_id}
              </Link>
            </Table.Cell>
            <Table.Cell>{formatMinor(invoice.total_minor, invoice.currency_code)}</Table.Cell>
            <Table.Cell>{formatMinor(invoice.amount_due_minor, invoice.currency_code)}</Table.Cell>
            <Table.Cell>{formatDate(invoice.due_at)}</Table.Cell>
            <Table.Cell>
              <StripeLink invoice={invoice} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
