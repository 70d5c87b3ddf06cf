import { Trash } from "@medusajs/icons"
import { IconButton, Input, Table, Text } from "@medusajs/ui"
import { formatMinor } from "../../lib/format"
import type { DraftLine } from "./revise-draft"

type Props = { lines: DraftLine[]; currency: string; onChange: (lines: DraftLine[]) => void }

/** The revision's lines: quantity and quoted unit price per line (empty price = the contract's), remove. */
export const ReviseLinesEditor = ({ lines, currency, onChange }: Props) => {
  const set = (index: number, patch: Partial<DraftLine>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)))
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Item</Table.HeaderCell>
          <Table.HeaderCell>Contract price</Table.HeaderCell>
          <Table.HeaderCell>Quantity</Table.HeaderCell>
          <Table.HeaderCell>Unit price ({currency.toUpperCase()})</Table.HeaderCell>
          <Table.HeaderCell />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {lines.map((line, index) => (
          <Table.Row key={line.variant_id}>
            <Table.Cell>
              <Text size="small">{line.title}</Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {line.sku ?? line.variant_id}
              </Text>
            </Table.Cell>
            <Table.Cell>
              {line.contract_unit_price_minor
                ? formatMinor(line.contract_unit_price_minor, currency)
                : "priced on save"}
            </Table.Cell>
            <Table.Cell>
              <Input
                size="small"
                inputMode="numeric"
                aria-label={`Quantity of ${line.title}`}
                value={line.quantity}
                onChange={(e) => set(index, { quantity: e.target.value })}
                className="w-24"
              />
            </Table.Cell>
            <Table.Cell>
              <Input
                size="small"
                inputMode="decimal"
                aria-label={`Unit price of ${line.title}`}
                placeholder="contract price"
                value={line.price}
                onChange={(e) => set(index, { price: e.target.value })}
                className="w-32"
              />
            </Table.Cell>
            <Table.Cell>
              <IconButton
                size="small"
                variant="transparent"
                aria-label={`Remove ${line.title}`}
                onClick={() => onChange(lines.filter((_, i) => i !== index))}
              >
                <Trash />
              </IconButton>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
