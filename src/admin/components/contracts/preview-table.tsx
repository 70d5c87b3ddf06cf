import { Table, Text } from "@medusajs/ui"
import { formatMinor } from "../../lib/format"
import type { ContractPreview } from "./types"

/** The priced basket: per line the catalogue and contract unit prices, the total, and the cart's explanation. */
export const PreviewTable = ({ preview }: { preview: ContractPreview }) => {
  const money = (minor: number | null) => formatMinor(minor, preview.currency_code)
  return (
    <Table data-testid="basket-preview">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Item</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Qty</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Catalogue</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Contract</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Line total</Table.HeaderCell>
          <Table.HeaderCell>Explanation</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {preview.lines.map((line, index) => (
          <Table.Row key={`${line.variant_id}-${index}`}>
            <Table.Cell>
              <Text size="small">{line.title}</Text>
              {line.sku ? (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {line.sku}
                </Text>
              ) : null}
            </Table.Cell>
            <Table.Cell className="text-right">{line.quantity}</Table.Cell>
            <Table.Cell className="text-right">{money(line.catalogue_unit_price_minor)}</Table.Cell>
            <Table.Cell className="text-right">{money(line.unit_price_minor)}</Table.Cell>
            <Table.Cell className="text-right">{money(line.line_total_minor)}</Table.Cell>
            <Table.Cell className="max-w-md whitespace-normal">
              <Text size="small" className="text-ui-fg-subtle">
                {line.explanation}
              </Text>
            </Table.Cell>
          </Table.Row>
        ))}
        <Table.Row>
          <Table.Cell>
            <Text size="small" weight="plus">
              Total
            </Text>
          </Table.Cell>
          <Table.Cell />
          <Table.Cell />
          <Table.Cell />
          <Table.Cell className="text-right">
            <Text size="small" weight="plus">
              {money(preview.total_minor)}
            </Text>
          </Table.Cell>
          <Table.Cell />
        </Table.Row>
      </Table.Body>
    </Table>
  )
}
