import { Table, Text } from "@medusajs/ui"
import { formatDate, formatMinor } from "../../lib/format"
import type { AdminCreditNote } from "./types"

/** An invoice's credit notes: why, how much, and Stripe's id (none while not yet on Stripe). */
export const CreditNotesTable = ({ notes, currency }: { notes: AdminCreditNote[]; currency: string }) => {
  if (!notes.length)
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No credit notes
      </Text>
    )
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Reason</Table.HeaderCell>
          <Table.HeaderCell>Amount</Table.HeaderCell>
          <Table.HeaderCell>Stripe credit note</Table.HeaderCell>
          <Table.HeaderCell>Created</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {notes.map((note) => (
          <Table.Row key={note.id}>
            <Table.Cell className="font-mono text-xs">{note.reason_key}</Table.Cell>
            <Table.Cell>{formatMinor(note.amount_minor, currency)}</Table.Cell>
            <Table.Cell className="font-mono text-xs">{note.stripe_credit_note_id ?? "not on Stripe yet"}</Table.Cell>
            <Table.Cell>{formatDate(note.created_at)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
